"""Factories and helpers for reflective notes written as the app writes them
(through reflections.services: versions, answers and the search index included)."""

from __future__ import annotations

from typing import Any

import factory

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


def edit_note(note: ReflectiveNote, body: str, **content: Any) -> ReflectiveNote:
    return services.note_save(note=note, content=NoteContent(body=body, **content), by=note.owner)
