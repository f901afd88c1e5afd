"""Factories and helpers for reflective notes written as the app writes them
(through reflections.services: versions, answers and the search index included)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import factory
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from reflections import services
from reflections.models import ReflectionPrompt, ReflectiveNote
from reflections.services import NoteContent


class PromptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReflectionPrompt

    text = factory.Sequence(lambda n: f"Question number {n}?")
    position = factory.Sequence(int)


def write_note(
    owner: Any, body: str = "I felt listened to today.", **content: Any
) -> ReflectiveNote:
    """A saved note, as if its author had pressed "Save"."""
    return services.note_create(owner=owner, content=NoteContent(body=body, **content))


def new_note_form(client: Any) -> dict[str, str]:
    """The id a writing page picked for her new note, and the signature it holds beside it
    (reflections/ids.py): what the page's form posts with what she types."""
    page = client.get(reverse("note_create"))
    return {
        "note_id": str(page.context["note_id"]),
        "note_id_signature": page.context["note_id_signature"],
    }


def edit_note(note: ReflectiveNote, body: str, **content: Any) -> ReflectiveNote:
    return services.note_save(note=note, content=NoteContent(body=body, **content), by=note.owner)


def make_meeting(days_ago: int = 1) -> Meeting:
    """A meeting in the past. Only id, starts_at and str(meeting) are relied on:
    the meetings app owns the rest of the model."""
    starts_at = timezone.now() - timedelta(days=days_ago)
    return Meeting.objects.create(starts_at=starts_at, ends_at=starts_at + timedelta(hours=2))
