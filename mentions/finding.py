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

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from people.models import Invitation, User
from research.anonymiser import Anonymiser, KnownPerson
from research.anonymiser.passages import Found, Sentence, find, sentences
from research.names.models import OtherName

__all__ = [
    "Found",
    "Sentence",
    "anonymiser_for",
    "find",
    "group_roster",
    "name_replacer",
    "names_unchecked",
    "people_named",
    "research_roster",
    "sentences",
]


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


def people_named(text: str, *, writer: User) -> list[Found]:
    """Who a text names (the writer left out), against the whole group."""
    return find(text, anonymiser=anonymiser_for(group_roster()), leave_out=[writer.pk])


def name_replacer(person: User, code: str) -> Callable[[str], str]:
    """A function that puts `code` wherever a text names `person`, by every name she goes by
    (the one she shows, her other names, the name on her invitation), found as the anonymiser
    finds names, among everyone's: a name that is someone else's ("Ruth Other"), or hers and
    someone else's alike (a bare "Ruth" when the group has two), is left as it is. For her
    account's deletion: her name leaves others' words, and nobody else's goes with it."""
    names = names_unchecked(research_roster())
    her = str(person.pk)
    invited = Invitation.objects.filter(accepted_by=person).exclude(display_name="")
    names[her] = names.get(her, ()) + tuple(invited.values_list("display_name", flat=True))
    if not names[her]:
        return lambda text: text
    # A quick look for her names alone first: most texts name nobody she could be.
    hers = Anonymiser([KnownPerson(her, names[her])])
    anonymiser = Anonymiser(
        [KnownPerson(person_id, forms) for person_id, forms in names.items() if forms]
    )

    def replace(text: str) -> str:
        if not text or not hers.may_name_someone(text):
            return text
        pieces, copied = [], 0
        for start, end, who in anonymiser.names_in(text):
            if who == her:
                pieces += [text[copied:start], code]
                copied = end
        return "".join(pieces) + text[copied:] if pieces else text

    return replace
