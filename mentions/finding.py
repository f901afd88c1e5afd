"""Who a text names, sentence by sentence: the one check for every text written about the group.

It finds names exactly as research exports take them out (research/anonymiser): every form of
every person's names (the name they show, and the other names they are known by), after a
title ("Dr Sample"), with possessives ("Ruth's"), and names that are also everyday words
("Hope", "May", "Will") only where they are names. Everyone with a role in the group is looked
for, so "Maya Demo" is read as Maya and not as "Demo" alone.

Observation notes use it too (interviews/observation.py), with their stricter rule for people
who said no to being observed.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from people.models import User
from research.anonymiser import Anonymiser, Kind, KnownPerson
from research.names.models import OtherName

# A sentence ends at ., ! or ? (and any closing quotes or brackets) before a space, or at a
# line break. Lists and headings are sentences of their own.
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)|\n")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Found:
    """One person named in one sentence of a text."""

    person_id: str
    sentence: str
    # The words of the sentence that name her, as typed.
    words: tuple[str, ...]


def sentences(text: str) -> list[Sentence]:
    """The text's sentences, with where each starts and ends (surrounding space left out)."""
    found: list[Sentence] = []
    start = 0
    for match in [*_SENTENCE_END.finditer(text), None]:
        end = match.end() if match is not None else len(text)
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            offset = start + (len(chunk) - len(chunk.lstrip()))
            found.append(Sentence(offset, offset + len(stripped), stripped))
        start = end
    return found


def names_unchecked(people: Iterable[User]) -> dict[str, tuple[str, ...]]:
    """person id -> every name they go by: the name they show and their other names.

    A deliberate bypass of privacy: other names are private to each person. They are used here
    only to find them in a text, and never shown: what is shown is the words the writer typed.
    One query.
    """
    people = list(people)
    other: dict[Any, list[str]] = defaultdict(list)
    rows = OtherName.objects.filter(person__in=[p.pk for p in people]).values_list(
        "person_id", "name"
    )
    for person_id, name in rows:
        other[person_id].append(name)
    return {
        str(person.pk): tuple(name for name in (person.display_name, *other[person.pk]) if name)
        for person in people
    }


def group_roster() -> list[User]:
    """Everyone a text about the group may name: active people holding a role."""
    return list(User.objects.filter(is_active=True).exclude(roles=[]))


def research_roster() -> list[User]:
    """Everyone a text may name, for research exports: every account (people who left may
    be named in older texts too); deleted accounts are already pseudonyms."""
    return list(User.objects.all())


def anonymiser_for(people: Iterable[User]) -> Anonymiser:
    names = names_unchecked(people)
    return Anonymiser(
        [KnownPerson(person_id, forms) for person_id, forms in names.items() if forms]
    )


def find(text: str, *, anonymiser: Anonymiser, leave_out: Iterable[Any] = ()) -> list[Found]:
    """Each person the text names, in each sentence, once per sentence; people in `leave_out`
    (the writer naming herself) are not looked for."""
    if not text.strip():
        return []
    skip = {str(person_id) for person_id in leave_out}
    parts = sentences(text)
    words: dict[tuple[int, str], list[str]] = defaultdict(list)
    for replacement in anonymiser.anonymise(text).replacements:
        if replacement.kind != Kind.NAME:
            continue
        index = next(
            (i for i, part in enumerate(parts) if part.start <= replacement.start < part.end), None
        )
        if index is None:
            continue
        word = text[replacement.start : replacement.end]
        # A form two people share stands for both ("id1/id2"): it names each of them.
        for person_id in replacement.replacement.split("/"):
            if person_id not in skip and word not in words[(index, person_id)]:
                words[(index, person_id)].append(word)
    return [
        Found(person_id=person_id, sentence=parts[index].text, words=tuple(found))
        for (index, person_id), found in sorted(words.items())
    ]


def people_named(text: str, *, writer: Any) -> list[Found]:
    """Who a text names (the writer left out), against the whole group."""
    return find(text, anonymiser=anonymiser_for(group_roster()), leave_out=[writer.pk])
