"""The kinds of text that can name people, as the apps that own them register them.

mentions knows nothing of meetings or interviews: each app registers its texts in its
AppConfig.ready() with `register(Source(...))`, saying in plain words what the text is, who
reads it, where it is, and how to rewrite it when a person named in it deletes her account.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.apps import apps


@dataclass(frozen=True)
class Source:
    kind: str
    # In plain words, with its article: "the minutes of a meeting", "an agenda item".
    label: str
    # Who reads the text now, in plain words ("everyone in the group", "facilitators").
    readers: Callable[[Any], str]
    # The page the text is on, or None.
    url: Callable[[Any], str | None]
    # The text of one field, and writing it back (used only to take out the name of someone
    # whose account was deleted).
    read: Callable[[Any, str], str | None]
    write: Callable[[Any, str, str], None]
    # False: the text never goes into research exports.
    research: bool = False
    # Every text of this kind: its id and its fields' words. Used only when an account is
    # deleted, to take her name out of every text, including those where nobody was asked
    # about it (written before she joined, or by her: a writer is never asked about herself).
    every: Callable[[], Iterable[tuple[Any, Mapping[str, str]]]] | None = None


_SOURCES: dict[str, Source] = {}


def register(source: Source) -> Source:
    _SOURCES[source.kind] = source
    return source


def get(kind: str) -> Source | None:
    return _SOURCES.get(kind)


def every_source() -> list[Source]:
    return list(_SOURCES.values())


def every_text_unchecked(
    app_label: str, model_name: str, *fields: str
) -> Callable[[], Iterator[tuple[Any, Mapping[str, str]]]]:
    """A source's `every`: each row's words in `fields`, whoever may read them, only to take
    the name of someone whose account was deleted out of them. Nothing read is shown."""

    def every() -> Iterator[tuple[Any, Mapping[str, str]]]:
        rows = apps.get_model(app_label, model_name)._default_manager.values_list("pk", *fields)
        for pk, *texts in rows.iterator(chunk_size=500):
            yield pk, dict(zip(fields, texts, strict=True))

    return every
