"""The plain data the anonymiser takes and gives: no Django, nothing but the standard library."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

_LABEL = re.compile(r"[A-Z][A-Z ]*[A-Z]|[A-Z]")


class Kind(StrEnum):
    """What a replacement took out. The values appear in reports and export READMEs."""

    NAME = "name"
    TERM = "sensitive term"
    EMAIL = "email address"
    PHONE = "phone number"
    POSTCODE = "postcode"
    NHS_NUMBER = "NHS number"
    ADDRESS = "street address"
    DATE_OF_BIRTH = "date of birth"
    URL = "web address"
    HANDLE = "social media handle"


# What each identifier becomes. Names become pseudonyms and terms their own label.
LABELS: dict[Kind, str] = {
    Kind.EMAIL: "[EMAIL]",
    Kind.PHONE: "[PHONE]",
    Kind.POSTCODE: "[POSTCODE]",
    Kind.NHS_NUMBER: "[NHS NUMBER]",
    Kind.ADDRESS: "[ADDRESS]",
    Kind.DATE_OF_BIRTH: "[DATE OF BIRTH]",
    Kind.URL: "[URL]",
    Kind.HANDLE: "[HANDLE]",
}


class FlagReason(StrEnum):
    """Why a word was left in the text but shown to the reviewer."""

    # A capitalised word that looks like the name of someone the workspace does not know.
    UNKNOWN_NAME = "possible name of someone the workspace does not know"
    # A known person's name that is also an everyday word, left as the word ("in May", "HOPE").
    EVERYDAY_WORD_KEPT = "left as an everyday word, but it is also a known person's name"
    # A long number that is neither a valid NHS number nor a UK phone number.
    NUMBER = "long number that is not a valid NHS or phone number"
    # A whole date with a year a few words after "born", "birthday", "date of birth"...
    POSSIBLE_BIRTH_DATE = "date near a word about birth: check it is not a date of birth"


@dataclass(frozen=True, slots=True)
class KnownPerson:
    """Someone the workspace knows, and every name they go by.

    ``names`` are the names as people gave them: the name others see, a full name, nicknames,
    aliases, "Dr Sample". The anonymiser derives the other forms itself (first name, surname,
    the parts of a double-barrelled name, titles such as "Dr" before any of them): see
    ``name_forms``.
    """

    pseudonym: str
    names: tuple[str, ...]

    def __post_init__(self) -> None:
        if not self.pseudonym.strip():
            raise ValueError("A known person needs a pseudonym.")
        if isinstance(self.names, str):
            raise TypeError("names must be a tuple of names, not one string.")


@dataclass(frozen=True, slots=True)
class Term:
    """A word or phrase the group asked to take out, and what it becomes: ``[label]``.

    ``label`` is upper case: PLACE, ORGANISATION, SERVICE, PERSON, REDACTED.
    """

    text: str
    label: str

    def __post_init__(self) -> None:
        if not _LABEL.fullmatch(self.label):
            raise ValueError(f"A term's label is upper-case letters and spaces: {self.label!r}.")

    @property
    def replacement(self) -> str:
        return f"[{self.label}]"


def _rebuilt_from_fields(self: Any) -> tuple[Any, tuple[Any, ...]]:
    """Pickled as the class and its fields (a large export sends results between processes):
    several times faster to load than the state dataclasses give frozen, slotted classes."""
    return type(self), tuple(getattr(self, name) for name in self.__slots__)


@dataclass(frozen=True, slots=True)
class Replacement:
    """One thing taken out: ``original[start:end]`` became ``text[out_start:out_end]``.

    The report never holds the words taken out, only where they were, so it can be kept and
    shown with the anonymised text.
    """

    kind: Kind
    start: int
    end: int
    replacement: str
    out_start: int
    out_end: int

    __reduce__ = _rebuilt_from_fields


@dataclass(frozen=True, slots=True)
class Flag:
    """A word left in the text for a person to decide on. ``word`` is in both texts."""

    reason: FlagReason
    word: str
    start: int
    end: int
    out_start: int
    out_end: int
    # Pseudonyms of the known people the word may stand for (for EVERYDAY_WORD_KEPT).
    candidates: tuple[str, ...] = ()

    __reduce__ = _rebuilt_from_fields


@dataclass(frozen=True, slots=True)
class Anonymised:
    """The anonymised text and what was done to it."""

    text: str
    replacements: tuple[Replacement, ...]
    flags: tuple[Flag, ...]
    # Passages left out before anonymising, for naming someone who did not agree to research
    # use of passages about her (passages.py).
    withheld: int = 0

    __reduce__ = _rebuilt_from_fields

    def counts(self) -> Counter[Kind]:
        """How many of each kind were taken out, for a summary or an export's README."""
        return Counter(replacement.kind for replacement in self.replacements)
