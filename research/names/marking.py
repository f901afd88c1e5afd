"""What the anonymiser did to a text, in forms pages and files can show.

Only the anonymised text and positions in it: never the words taken out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from research.anonymiser import LABELS, Anonymised, FlagReason, Kind, Replacement

# How a flag is described next to the word, for the reviewer.
FLAG_NOTES = {
    FlagReason.UNKNOWN_NAME: "check: may be a name",
    FlagReason.EVERYDAY_WORD_KEPT: "check: kept as an everyday word, also a name",
    FlagReason.NUMBER: "check: a long number",
    FlagReason.POSSIBLE_BIRTH_DATE: "check: may be a date of birth",
}


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of anonymised text; ``mark`` is "replaced", "flagged" or ""."""

    text: str
    mark: str = ""
    note: str = ""


def replacement_label(replacement: Replacement) -> str:
    """What a replacement is called in counts: names by kind, terms and identifiers by label."""
    if replacement.kind == Kind.NAME:
        return "name → pseudonym"
    if replacement.kind == Kind.TERM:
        return replacement.replacement
    return LABELS[replacement.kind]


def replacement_counts(result: Anonymised) -> dict[str, int]:
    return dict(Counter(replacement_label(r) for r in result.replacements))


def segments(result: Anonymised) -> list[Segment]:
    """The anonymised text cut where something was replaced or flagged."""
    marks: list[tuple[int, int, str, str]] = [
        (r.out_start, r.out_end, "replaced", f"replaced: {r.kind}") for r in result.replacements
    ]
    marks += [(f.out_start, f.out_end, "flagged", FLAG_NOTES[f.reason]) for f in result.flags]
    marks.sort()
    text = result.text
    out: list[Segment] = []
    at = 0
    for start, end, mark, note in marks:
        if start < at:
            continue  # never overlapping in practice; a stray overlap is shown plain
        if start > at:
            out.append(Segment(text[at:start]))
        out.append(Segment(text[start:end], mark, note))
        at = end
    if at < len(text):
        out.append(Segment(text[at:]))
    return out


def flagged_words(result: Anonymised) -> list[str]:
    """The flagged words, once each, in order: the reviewer may take any of them out."""
    return list(dict.fromkeys(flag.word for flag in result.flags))
