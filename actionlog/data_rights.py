"""The action log's part of data rights (datarights/hooks.py): what a person did in the
workspace, and what others did about her. A row holds no words anyone wrote, so it is kept
when her account is deleted (the account row becomes a pseudonym)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from actionlog.words import actions_of, describe, who
from datarights.hooks import Entry, Section, facts, when

if TYPE_CHECKING:
    from people.models import User


def collect(person: User) -> list[Section]:
    actions = list(actions_of(person.pk))
    entries = [
        Entry(
            heading=describe(action.action),
            facts=facts(("When", when(action.at)), ("By", who(action, person.pk))),
        )
        for action in actions
    ]
    data = [
        {
            "at": action.at,
            "action": action.action,
            "by_you": action.by_id == person.pk,
            "object_type": action.object_type,
            "object_id": action.object_id,
            "details": action.data,
        }
        for action in actions
    ]
    return [
        Section(
            key="actions",
            title="What you did, and what others did about you",
            intro=(
                "Every change you made in the workspace, and every change others made to your "
                "membership or your things. It never holds what anyone wrote."
            ),
            entries=entries,
            data=data,
            empty="Nothing is recorded yet.",
        )
    ]
