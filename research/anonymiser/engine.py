"""The anonymiser: one compiled pattern, one pass over the text, a report of what it did."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from research.anonymiser import lexicon
from research.anonymiser.first_names import first_names
from research.anonymiser.model import (
    LABELS,
    Anonymised,
    Flag,
    FlagReason,
    Kind,
    KnownPerson,
    Replacement,
    Term,
)
from research.anonymiser.names import lookup_key, name_forms
from research.anonymiser.patterns import (
    ADDRESS,
    BIRTH_CUE,
    DATE_OF_BIRTH,
    EMAIL,
    FULL_DATE,
    HANDLE,
    LABEL,
    NHS_NUMBER,
    NOT_AFTER_ALNUM,
    NOT_BEFORE_ALNUM,
    PHONE,
    POSTCODE,
    URL,
    looks_like_ordinal,
    nhs_number_is_valid,
    word_list_regex,
)

_TITLE = (
    "(?:"
    + "|".join(
        [f"(?i:{title})" for title in lexicon.TITLES_ANY_CASE]
        + [*lexicon.TITLES_CAPITALISED, *(title.upper() for title in lexicon.TITLES_CAPITALISED)]
    )
    + r")(?:\.\s*|\s+)"
)
# A capital letter starting a word (Latin-1 capitals: "Zoë", "Élodie").
_CAPITAL = "A-Z\u00c0-\u00d6\u00d8-\u00de"
_WORD = rf"[{_CAPITAL}][^\W_]*(?:['’\-][^\W_]+)*"
_PHONE_ONLY = re.compile(PHONE)
_SENTENCE_END = ".!?:\n"
_OPENERS = " \t\r\"'“‘([{*•-–—>"
_NEXT_WORD = re.compile(r"[\s,]*([^\W_]+)")
_PREVIOUS_WORDS = re.compile(r"([^\W_]+)\W+(?:([^\W_]+)\W+)?$")
_DAY_NUMBER = re.compile(r"\d{1,2}(?:st|nd|rd|th)?", re.IGNORECASE)
_POSSESSIVE = re.compile(r"['’]s\b")
_CONTRACTION = re.compile(r"['’](?:t|ll|ve|re|d|m)$", re.IGNORECASE)


_Replace = Callable[[Kind, int, int, str], None]
_Flag = Callable[..., None]


@dataclass(frozen=True, slots=True)
class _Entity:
    kind: Kind
    replacement: str
    everyday: bool
    pseudonyms: tuple[str, ...] = ()


class Anonymiser:
    """Compiled once for a roster and a list of terms; then ``anonymise(text)`` for each text.

    Compiling takes a few milliseconds per hundred people; anonymising reads each text once.
    Instances hold no state between texts and may be shared between threads.
    """

    def __init__(
        self,
        people: Iterable[KnownPerson] = (),
        terms: Iterable[Term] = (),
        *,
        everyday_words: Iterable[str] = lexicon.EVERYDAY_WORDS,
        not_names: Iterable[str] = lexicon.NOT_NAMES,
    ) -> None:
        self.everyday_words = frozenset(word.lower() for word in everyday_words)
        self.not_names = frozenset(word.lower() for word in not_names)
        self._entities = self._collect(people, terms)
        entities = word_list_regex(self._entities)
        # Where a known name or term could start: the one pattern's names and terms without
        # their checks, so anything `anonymise` would take out as one is found here too.
        self._could_name = re.compile(NOT_AFTER_ALNUM + f"(?i:{entities})s?{NOT_BEFORE_ALNUM}")
        self._pattern = re.compile(
            NOT_AFTER_ALNUM
            + "(?:"
            + "|".join(
                [
                    f"(?P<label>{LABEL})",
                    f"(?P<email>{EMAIL})",
                    f"(?P<url>{URL})",
                    f"(?P<handle>{HANDLE})",
                    f"(?P<dob_phrase>{DATE_OF_BIRTH})",
                    f"(?P<nhs>{NHS_NUMBER})",
                    f"(?P<phone>{PHONE})",
                    f"(?P<postcode>{POSTCODE})",
                    f"(?P<address>{ADDRESS})",
                    f"(?P<full_date>{FULL_DATE})",
                    f"(?P<entity>(?P<title>{_TITLE})?(?P<name>(?i:{entities}))(?P<bare_s>s)?"
                    f"{NOT_BEFORE_ALNUM})",
                    f"(?P<word>{_WORD})",
                ]
            )
            + ")"
        )

    def _collect(self, people: Iterable[KnownPerson], terms: Iterable[Term]) -> dict[str, _Entity]:
        pseudonyms: dict[str, set[str]] = {}
        for person in people:
            for name in person.names:
                for form in name_forms(name):
                    pseudonyms.setdefault(form, set()).add(person.pseudonym)
        entities = {
            # Two people known by one form: the text cannot say which, so it names both.
            form: _Entity(Kind.NAME, "/".join(sorted(found)), self._is_everyday(form), tuple(found))
            for form, found in pseudonyms.items()
        }
        for term in terms:
            key = lookup_key(term.text)
            if key and key not in entities:  # a person's name wins over a term
                entities[key] = _Entity(Kind.TERM, term.replacement, self._is_everyday(key))
        return entities

    def _is_everyday(self, key: str) -> bool:
        return " " not in key and key in self.everyday_words

    def may_name_someone(self, text: str) -> bool:
        """False when `anonymise` would surely take out no known name or term: a quick first
        look (several times faster) for callers that want only the names."""
        return self._could_name.search(text) is not None

    def names_in(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, pseudonym) of each known person's name in the text, exactly where
        `anonymise` takes them out, without building the anonymised text or its flags."""
        found: list[tuple[int, int, str]] = []

        def replace(kind: Kind, start: int, end: int, replacement: str) -> None:
            if kind == Kind.NAME:
                found.append((start, end, replacement))

        def flag(*args: object, **kwargs: object) -> None:
            pass

        for match in self._pattern.finditer(text):
            if match.lastgroup == "entity":
                self._entity(match, text, replace, flag)
        return found

    def anonymise(self, text: str) -> Anonymised:
        """The text with every known name, term and identifier replaced, and the report."""
        out: list[str] = []
        replacements: list[Replacement] = []
        flags: list[Flag] = []
        copied = 0  # text[:copied] is in out already
        length = 0  # len("".join(out))

        def keep_until(position: int) -> None:
            nonlocal copied, length
            if position > copied:
                out.append(text[copied:position])
                length += position - copied
                copied = position

        def replace(kind: Kind, start: int, end: int, replacement: str) -> None:
            nonlocal copied, length
            keep_until(start)
            out.append(replacement)
            replacements.append(
                Replacement(kind, start, end, replacement, length, length + len(replacement))
            )
            length += len(replacement)
            copied = end

        def flag(
            reason: FlagReason, start: int, end: int, candidates: tuple[str, ...] = ()
        ) -> None:
            keep_until(start)
            offset = length
            flags.append(
                Flag(reason, text[start:end], start, end, offset, offset + end - start, candidates)
            )

        for match in self._pattern.finditer(text):
            group = match.lastgroup
            start, end = match.span()
            if group == "entity":
                self._entity(match, text, replace, flag)
            elif group == "word":
                self._word(text, start, end, flag)
            elif group == "dob_phrase":
                replace(Kind.DATE_OF_BIRTH, *match.span("dob"), LABELS[Kind.DATE_OF_BIRTH])
            elif group == "full_date":
                if _birth_cue_before(text, start):
                    flag(FlagReason.POSSIBLE_BIRTH_DATE, start, end)
            elif group == "nhs":
                digits = re.sub(r"\D", "", match.group())
                if nhs_number_is_valid(digits):
                    replace(Kind.NHS_NUMBER, start, end, LABELS[Kind.NHS_NUMBER])
                elif _PHONE_ONLY.fullmatch(match.group()):
                    replace(Kind.PHONE, start, end, LABELS[Kind.PHONE])
                else:
                    flag(FlagReason.NUMBER, start, end)
            elif group == "postcode":
                outward, inward = match.group("postcode_out"), match.group("postcode_in")
                if not (outward and inward and looks_like_ordinal(outward, inward)):
                    replace(Kind.POSTCODE, start, end, LABELS[Kind.POSTCODE])
            elif group != "label":
                kind = _KIND_OF_GROUP[group or ""]
                replace(kind, start, end, LABELS[kind])
        keep_until(len(text))
        return Anonymised("".join(out), tuple(replacements), tuple(flags))

    def _entity(self, match: re.Match[str], text: str, replace: _Replace, flag: _Flag) -> None:
        start, end = match.span()
        name_start, name_end = match.span("name")
        entity = self._entities[lookup_key(match.group("name"))]
        written = match.group("name")
        titled = match.group("title") is not None
        if match.group("bare_s") is not None:
            key = lookup_key(written)
            if entity.everyday or len(key) < 3 or key.endswith("s"):
                # "Wills", "Jos": not a possessive we can trust. Judge it as a plain word.
                self._word(text, start, end, flag)
                return
            end -= 1  # "Ruths" becomes "P01s"
        if entity.everyday and not titled:
            kept = self._everyday_sense(text, name_start, name_end, written)
            if kept is not None:
                if kept:
                    flag(FlagReason.EVERYDAY_WORD_KEPT, name_start, name_end, entity.pseudonyms)
                return
        replace(entity.kind, start, end, entity.replacement)

    def _everyday_sense(self, text: str, start: int, end: int, written: str) -> bool | None:
        """None: it is the person's name. False: it is the word. True: it is probably the word,
        but a reviewer should look ("in May" may be "confided in May")."""
        if not (written[0].isupper() and (len(written) == 1 or not written[1:].isupper())):
            if written.isupper():
                return True  # "HOPE": shouting, or a name in capitals
            # "hope said": a lower-case name before a verb of speaking or doing, or "hope's".
            return _POSSESSIVE.match(text, end) is not None or (
                _next_word(text, end) in lexicon.NAME_CUE_VERBS
            )
        if _POSSESSIVE.match(text, end):
            return None
        key = written.lower()
        following = _next_word(text, end)
        if key in lexicon.MONTHS and self._month_context(text, start, following):
            return True
        if _sentence_start(text, start):
            if key in lexicon.MODALS and following in lexicon.MODAL_FOLLOWERS:
                return True
            if key == "hope" and following in lexicon.HOPE_FOLLOWERS:
                return True
        return None

    @staticmethod
    def _month_context(text: str, start: int, following: str) -> bool:
        if following.isdigit() or _DAY_NUMBER.fullmatch(following):
            return True  # "May 2024", "May 3rd"
        before = _PREVIOUS_WORDS.search(text, max(0, start - 40), start)
        if before is None:
            return False
        word, next_word = before.group(1).lower(), (before.group(2) or "").lower()
        last = next_word or word
        if _DAY_NUMBER.fullmatch(last) or last in lexicon.MONTH_CUES_BEFORE:
            return True  # "3 May", "3rd May", "in May", "since May"
        return last == "of" and (
            _DAY_NUMBER.fullmatch(word) is not None or word in lexicon.MONTH_CUES_OF
        )

    def _word(self, text: str, start: int, end: int, flag: _Flag) -> None:
        """A capitalised word nobody replaced: flag it if it looks like someone's name."""
        word = text[start:end]
        possessive = _POSSESSIVE.search(word)
        if possessive:
            word = word[: possessive.start()]
            end = start + len(word)
        if (
            len(word) < 2
            or word.isupper()
            or any(char.isdigit() for char in word)
            or not word[0].isupper()
            or _CONTRACTION.search(word)
            or lookup_key(word) in self.not_names
        ):
            return
        # At the start of a sentence any word has a capital: flag it only with a sign of a name,
        # or if it is a first name that is not also an everyday word.
        key = lookup_key(word)
        if (
            possessive
            or _after_title(text, start)
            or not _sentence_start(text, start)
            or _next_word(text, end) in lexicon.NAME_CUE_VERBS
            or (key in first_names() and not self._is_everyday(key))
        ):
            flag(FlagReason.UNKNOWN_NAME, start, end)


_KIND_OF_GROUP = {
    "email": Kind.EMAIL,
    "url": Kind.URL,
    "handle": Kind.HANDLE,
    "phone": Kind.PHONE,
    "address": Kind.ADDRESS,
}
_TITLE_BEFORE = re.compile(NOT_AFTER_ALNUM + _TITLE + r"$")


def _sentence_start(text: str, start: int) -> bool:
    position = start - 1
    while position >= 0 and text[position] in _OPENERS:
        position -= 1
    return position < 0 or text[position] in _SENTENCE_END


_BIRTH_CUE = re.compile(BIRTH_CUE)
_WORDS_BEFORE = 6


def _birth_cue_before(text: str, start: int) -> bool:
    """A word about birth within the few words before `start`."""
    before = text[max(0, start - 80) : start].split()[-_WORDS_BEFORE:]
    return _BIRTH_CUE.search(" ".join(before)) is not None


def _next_word(text: str, end: int) -> str:
    following = _NEXT_WORD.match(text, end)
    return following.group(1).lower() if following else ""


def _after_title(text: str, start: int) -> bool:
    return _TITLE_BEFORE.search(text, max(0, start - 12), start) is not None


def anonymise(
    text: str, people: Iterable[KnownPerson] = (), terms: Iterable[Term] = ()
) -> Anonymised:
    """Anonymise one text. For many texts build one ``Anonymiser`` and call it for each."""
    return Anonymiser(people, terms).anonymise(text)
