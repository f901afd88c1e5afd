"""A note's Markdown is made into safe HTML once, when it is saved, not on every view: its
page, its read page and each version show what was rendered then."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reflections.models import NoteVersion, ReflectiveNote
from tests.factories_reflections import PromptFactory, edit_note, write_note

pytestmark = pytest.mark.django_db


def never(text: str) -> str:
    raise AssertionError("Markdown rendered while a page was shown")


def test_a_note_is_rendered_when_it_is_saved(cast):
    prompt = PromptFactory(text="What felt calm?")
    note = write_note(cast.owner, body="I felt *heard*.", answers=[(prompt, "It was **calm**")])
    note.refresh_from_db()
    assert note.body_html == "<p>I felt <em>heard</em>.</p>\n"
    assert note.answers.get().answer_html == "<p>It was <strong>calm</strong></p>\n"
    version = NoteVersion.objects.get(note=note)
    assert version.body_html == note.body_html
    assert version.answers[0]["html"] == "<p>It was <strong>calm</strong></p>\n"


def test_its_pages_show_what_was_rendered_at_save_and_render_nothing(client, cast, monkeypatch):
    prompt = PromptFactory(text="What felt calm?")
    note = write_note(cast.owner, body="I felt *heard*.", answers=[(prompt, "It was **calm**")])
    edit_note(note, body="Now *calmer*.", answers=[(prompt, "Still **calm**")])
    monkeypatch.setattr("reflections.templatetags.reflections_tags.render_markdown", never)
    client.force_login(cast.owner)
    page = client.get(reverse("note_read", args=[note.pk])).text
    assert "Now <em>calmer</em>." in page
    assert "Still <strong>calm</strong>" in page
    first = NoteVersion.objects.get(note=note, number=1)
    version = client.get(reverse("note_version", args=[note.pk, first.pk])).text
    assert "I felt <em>heard</em>." in version


def test_a_note_saved_before_this_shows_as_before(client, cast):
    note = write_note(cast.owner, body="Old *note*.")
    ReflectiveNote.objects.filter(pk=note.pk).update(body_html="")
    client.force_login(cast.owner)
    assert "Old <em>note</em>." in client.get(reverse("note_read", args=[note.pk])).text
