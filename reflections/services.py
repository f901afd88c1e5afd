"""Writes to reflective notes. Each in one transaction, recorded with who did it."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from reflections.models import ReflectiveNote


@transaction.atomic
def note_create(*, owner: Any, title: str, body: str) -> ReflectiveNote:
    # New notes are private: no share rows means only the owner sees them.
    return ReflectiveNote.objects.create(owner=owner, title=title, body=body)


@transaction.atomic
def note_update(*, note: ReflectiveNote, title: str, body: str, by: Any) -> ReflectiveNote:
    note.title = title
    note.body = body
    note.updated_at = timezone.now()
    note.save(update_fields=["title", "body", "updated_at"])
    return note
