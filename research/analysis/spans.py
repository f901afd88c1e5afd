"""Stretches of text, in code points: sentences and paragraphs to choose from, and carrying
coded passages over to a text that changed since it was coded.

Offsets count Unicode code points from 0, end excluded (``text[start:end]`` in Python), as
REFI-QDA files here do (docs/refi-qda.md).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# A sentence ends at . ! ? or … (with any closing quotes or brackets), or at a line break.
_SENTENCE = re.compile(r"[^\n]*?(?:[.!?…]+[\"'”’)\]]*(?=\s)|$|(?=\n))", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

    @property
    def value(self) -> str:
        """As a form sends it: "start:end"."""
        return f"{self.start}:{self.end}"


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def paragraphs(text: str) -> list[Span]:
    spans: list[Span] = []
    at = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        span = _trimmed(text, at, match.start())
        if span:
            spans.append(span)
        at = match.end()
    span = _trimmed(text, at, len(text))
    if span:
        spans.append(span)
    return spans


def sentences(text: str, paragraph: Span) -> list[Span]:
    """The sentences of one paragraph."""
    spans: list[Span] = []
    piece = text[paragraph.start : paragraph.end]
    for match in _SENTENCE.finditer(piece):
        span = _trimmed(text, paragraph.start + match.start(), paragraph.start + match.end())
        if span:
            spans.append(span)
    return spans


def parse_span(value: str, length: int) -> Span | None:
    """A "start:end" a form sent, or None when it is not a stretch of the text."""
    start, _, end = value.partition(":")
    if not (start.isdigit() and end.isdigit()):
        return None
    span = Span(int(start), int(end))
    return span if 0 <= span.start < span.end <= length else None


def merge(text: str, spans: Iterable[Span]) -> list[Span]:
    """Chosen stretches joined where they touch, overlap, or only white space lies between:
    sentences chosen one after another become one passage."""
    merged: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if merged and (
            span.start <= merged[-1].end or not text[merged[-1].end : span.start].strip()
        ):
            last = merged[-1]
            merged[-1] = Span(last.start, max(last.end, span.end))
        else:
            merged.append(span)
    return merged


class OffsetMap:
    """Carries positions in an old text over to a new one (the same item anonymised again,
    after its owner edited it or new words were taken out)."""

    def __init__(self, old: str, new: str) -> None:
        self.same = old == new
        self.blocks: list[tuple[int, int, int]] = []
        if not self.same:
            matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
            self.blocks = [
                (block.a, block.b, block.size) for block in matcher.get_matching_blocks()
            ]

    def span(self, start: int, end: int) -> Span | None:
        """The passage in the new text, or None when less than half of it is left as it was
        (it was taken out, or rewritten): a passage must not land on different words."""
        if self.same:
            return Span(start, end)
        kept = [
            (max(start, a), min(end, a + size), a, b)
            for a, b, size in self.blocks
            if size and a < end and a + size > start
        ]
        if 2 * sum(stop - begin for begin, stop, _, _ in kept) < end - start:
            return None
        first_start, _, first_a, first_b = kept[0]
        _, last_end, last_a, last_b = kept[-1]
        return Span(first_b + first_start - first_a, last_b + last_end - last_a)
