"""Escaping for hand-written XML 1.0, and a chunked UTF-8 writer."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import IO

_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# \r goes out as a reference, or parsers read it as \n; in attributes \n and \t too, or
# attribute-value normalisation reads them as spaces.
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\r": "&#13;",
        "\n": "&#10;",
        "\t": "&#9;",
    }
)
_CHUNK_CHARS = 64 * 1024


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids."""
    return _NOT_XML.sub("", text)


# Characters that never need escaping or removing: most values (GUIDs, times, numbers, the
# sources' names) are made only of these, and are written as they are, eight times faster.
_NEEDS_CARE = re.compile(r"[^A-Za-z0-9 ,:/()._-]")


def text(value: str) -> str:
    """Element content."""
    if not _NEEDS_CARE.search(value):
        return value
    return xml_safe(value).translate(_TEXT_ESCAPES)


def attrs(**attributes: str | None) -> str:
    """` name="value"` for each attribute that is not None, in the order given."""
    parts = []
    for name, value in attributes.items():
        if value is None:
            continue
        if _NEEDS_CARE.search(value):
            value = xml_safe(value).translate(_ATTR_ESCAPES)
        parts.append(f' {name}="{value}"')
    return "".join(parts)


def description(value: str, pad: str) -> str:
    """A <Description> element, or nothing for an empty one."""
    return f"{pad}<Description>{text(value)}</Description>" if value else ""


def when(value: datetime | None) -> str | None:
    """An xsd:dateTime in UTC, to the second. A naive datetime is taken to be in UTC."""
    if value is None:
        return None
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def source_bytes(value: str) -> bytes:
    """A source text as UTF-8, one code point for one: lone surrogates become U+FFFD."""
    return _SURROGATE.sub("\ufffd", value).encode("utf-8")


class Writer:
    """Collects str and writes it as UTF-8 to a binary stream in large chunks."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self._parts: list[str] = []
        self._size = 0

    def write(self, part: str) -> None:
        if part:
            self._parts.append(part)
            self._size += len(part)
            if self._size >= _CHUNK_CHARS:
                self.flush()

    def flush(self) -> None:
        if self._parts:
            self.raw.write("".join(self._parts).encode("utf-8"))
            self._parts.clear()
            self._size = 0
