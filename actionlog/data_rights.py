"""The action log's part of data rights (datarights/hooks.py): what a person did in the
workspace, and what others did about her. A row holds no words anyone wrote, so it is kept
when her account is deleted (the account row becomes a pseudonym)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from actionlog.words import actions_of, describe, who
from datarights.hooks import Entry, Section, facts

if TYPE_CHECKING:
    from people.models import User


def _details(data: dict[str, object]) -> str:
    return ", ".join(f"{key}: {value}" for key, value in sorted(data.items()))


def collect(person: User) -> list[Section]:
    actions = list(actions_of(person.pk))
    entries = [
        Entry(
            heading=describe(action.action),
            facts=facts(
                ("When", action.at, "at"),
                ("By", who(action, person.pk)),
                ("By you", action.by_id == person.pk),
                ("Action", action.action),
                ("About", action.object_type, "object_type"),
                ("Its number", action.object_id, "object_id"),
                ("Details", _details(action.data)),
            ),
        )
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
            empty="Nothing is recorded yet.",
        )
    ]
