"""The forms of a name the anonymiser looks for, and the key a form is looked up by."""

from __future__ import annotations

import re
import unicodedata

from research.anonymiser.lexicon import TITLES_ANY_CASE, TITLES_CAPITALISED, words

_TITLES = {title.lower() for title in (*TITLES_ANY_CASE, *TITLES_CAPITALISED)}
# Parts of surnames that are never a name on their own: "van", "de", "O" of "O Brien".
_PARTICLES = words(
    "van von der den de del della di da du la le los las dos das bin ibn al el ap st o"
)
_SEPARATORS = re.compile(r"[\s\-‐–]+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})
# Longer than any real name, and far past what a trie should hold.
MAX_FORM_LENGTH = 80
MAX_WORDS = 6


def lookup_key(text: str) -> str:
    """The key a matched name or term is looked up by: lower case, one apostrophe, spaces and
    hyphens as one space, letters composed (NFC)."""
    text = unicodedata.normalize("NFC", text).translate(_APOSTROPHES).casefold()
    return _SEPARATORS.sub(" ", text).strip()


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize(
        "NFC", "".join(char for char in decomposed if not unicodedata.combining(char))
    )


def _is_wordlike(part: str) -> bool:
    return len(part) >= 2 and any(char.isalpha() for char in part) and not part.isdigit()


def name_forms(name: str) -> set[str]:
    """Every form of one name, as lookup keys.

    "Dr Sam Sample" gives "sam sample", "sam", "sample"; "Mary-Jo Smith-Jones" also gives
    "mary-jo" (as "mary jo"), "mary", "jo", "smith", "jones", "mary smith"... Titles are dropped
    here because the engine accepts any title before any form. Particles ("van", "de") and
    single letters are never forms on their own; digits-only words are never forms. Names with
    accents also give their plain spelling ("Zoë" gives "zoe").
    """
    parts = [part.strip(".,;:()\"'") for part in lookup_key(name).split(" ")]
    parts = [part for part in parts if part][:MAX_WORDS]
    while len(parts) > 1 and parts[0].rstrip(".") in _TITLES:
        parts = parts[1:]
    forms: set[str] = set()
    # Every run of consecutive words ("mary jo", "jo smith"), and first with last.
    for start in range(len(parts)):
        for end in range(start + 1, len(parts) + 1):
            run = parts[start:end]
            if not any(_is_wordlike(part) for part in run) or (
                len(run) == 1 and run[0] in _PARTICLES
            ):
                continue
            forms.add(" ".join(run))
    if len(parts) > 2:
        forms.add(f"{parts[0]} {parts[-1]}")
    # The parts of a hyphenated word: "smith-jones" is stored as "smith jones" already, so its
    # parts are words above. Apostrophes stay: "o'brien".
    forms |= {_without_accents(form) for form in forms}
    return {form for form in forms if _is_wordlike(form) and len(form) <= MAX_FORM_LENGTH}
