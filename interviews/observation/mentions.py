"""Does an observation note mention someone who must not be described?

The check uses the research anonymiser's own rules (research/anonymiser), so that
what it finds is what an export would take out as a name: every form of each
person's names (`name_forms`: the name they show and the other names they gave),
after a title ("Dr Sample"), with possessives; and a name that is also an everyday
word ("Hope", "May", "Will") only where the anonymiser reads it as the name, so
"I hope" is not a mention of Hope.

Everyone the observation is about (those who said yes, no, or nothing, and the
observer) goes into the anonymiser, not only those to leave out: "Maya Demo" is
then read as Maya, and only the word "Demo" on its own, which could stand for Jo
Demo too, counts as a mention of Jo.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from meetings.observation import ObservationStatus
from people.models import User
from research.anonymiser import Anonymiser, Kind, KnownPerson
from research.names.models import OtherName


@dataclass(frozen=True)
class Mention:
    """A word in the note that names someone not to describe, as the writer typed it."""

    word: str
    # True: they said no. False: they never answered.
    said_no: bool

    @property
    def message(self) -> str:
        if self.said_no:
            who = "who said no to being observed"
        else:
            who = "who has not answered about being observed"
        return f"Your note mentions '{self.word}', {who}. Take it out before saving."


def names_unchecked(people: Iterable[User]) -> dict[str, tuple[str, ...]]:
    """person id -> every name they go by: the name they show and their other names.

    A deliberate bypass of privacy: other names are private to each person. They are
    used here only to find them in a note, and never shown; the message quotes the
    word the writer typed, not the name it matched. One query.
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


def mentions(text: str, status: ObservationStatus) -> list[Mention]:
    """The words of `text` that name someone in `status.not_to_describe`, once each."""
    avoid = {str(person.pk): True for person in status.refused}
    for person in status.unanswered:
        avoid.setdefault(str(person.pk), False)
    if not avoid or not text.strip():
        return []
    everyone = [*status.consented, *status.refused, *status.unanswered]
    if status.observer is not None:
        everyone.append(status.observer)
    names = names_unchecked({person.pk: person for person in everyone}.values())
    anonymiser = Anonymiser(
        [KnownPerson(person_id, forms) for person_id, forms in names.items() if forms]
    )
    found: dict[str, Mention] = {}
    for replacement in anonymiser.anonymise(text).replacements:
        if replacement.kind != Kind.NAME:
            continue
        # A form two people share stands for both ("id1/id2"): a mention of either.
        hits = [person_id for person_id in replacement.replacement.split("/") if person_id in avoid]
        if not hits:
            continue
        word = text[replacement.start : replacement.end]
        said_no = any(avoid[person_id] for person_id in hits)
        key = word.casefold()
        if key not in found or (said_no and not found[key].said_no):
            found[key] = Mention(word=word, said_no=said_no)
    return list(found.values())
