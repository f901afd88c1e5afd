"""Safety's part of data rights (datarights/hooks.py): the forms she was typing when her
session ended or she left with Exit this page, kept for her until she signs in again."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from datarights.hooks import Entry, Section, Text, facts
from safety.drafts import drafts_name_replace
from safety.models import FormDraft

if TYPE_CHECKING:
    from people.models import User


def collect(person: User) -> list[Section]:
    entries = [
        Entry(
            heading=f"A form on {draft.path}",
            facts=facts(("Page", draft.path, "path"), ("Kept", draft.saved_at, "saved_at")),
            texts=[
                Text(name, value if isinstance(value, str) else "\n".join(value), key=name)
                for name, value in draft.fields.items()
            ],
        )
        for draft in FormDraft.objects.filter(person=person).order_by("saved_at")
    ]
    return [
        Section(
            key="kept_forms",
            title="Forms kept for you",
            intro="What you were typing when you were signed out or left with Exit this page, "
            "kept so that you lose nothing. Each goes once you send that form or throw it away.",
            entries=entries,
            empty="Nothing you typed is waiting for you.",
        )
    ]


def erase_preview(person: User) -> list[str]:
    if FormDraft.objects.filter(person=person).exists():
        return ["What you were typing when you were last signed out is deleted."]
    return []


def names_leave(replace: Callable[[str], str]) -> None:
    drafts_name_replace(replace=replace)


def erase(person: User, pseudonym: str) -> None:
    FormDraft.objects.filter(person=person).delete()
