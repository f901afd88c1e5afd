"""The group's reflection questions: facilitators keep the list; it shows them no one's notes."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from reflections.models import ReflectionPrompt, ReflectiveNote
from tests.factories_items import NoteFactory
from tests.factories_reflections import PromptFactory, write_note

pytestmark = pytest.mark.django_db


def test_a_facilitator_adds_a_question_and_it_is_offered_to_writers(client, cast):
    client.force_login(cast.facilitator)
    response = client.post(
        reverse("prompts_manage"),
        {"text": "What would you tell a new GP?", "position": "9", "is_active": "on"},
    )
    assert response.status_code == 302
    prompt = ReflectionPrompt.objects.get(text="What would you tell a new GP?")
    assert (prompt.created_by, prompt.updated_by) == (cast.facilitator, cast.facilitator)
    client.force_login(cast.member)
    assert prompt.text in client.get(reverse("note_prompts")).text


def test_a_facilitator_retires_a_question_and_rewords_one(client, cast):
    prompt = PromptFactory(text="Old words?")
    client.force_login(cast.facilitator)
    client.post(reverse("prompt_edit", args=[prompt.pk]), {"text": "New words?", "position": "1"})
    prompt.refresh_from_db()
    assert (prompt.text, prompt.is_active, prompt.updated_by) == (
        "New words?",
        False,
        cast.facilitator,
    )


def test_the_same_question_twice_is_refused_with_a_message(client, cast):
    PromptFactory(text="Twice?")
    client.force_login(cast.facilitator)
    page = client.post(reverse("prompts_manage"), {"text": "Twice?", "position": "1"})
    assert page.status_code == 200
    assert "already exists" in page.text


def test_the_questions_page_tells_facilitators_nothing_about_anyones_notes(client, cast):
    prompt = PromptFactory(text="Did you feel safe?")
    write_note(cast.owner, title="Private title", body="", answers=[(prompt, "Not really")])
    client.force_login(cast.facilitator)
    page = client.get(reverse("prompts_manage"))
    assert "Did you feel safe?" in page.text
    assert "Not really" not in page.text
    assert "Private title" not in page.text
    assert "1 note" not in page.text


@pytest.mark.parametrize("person", ["member", "gp", "researcher", "superuser"])
def test_only_facilitators_can_change_the_questions(client, cast, person):
    prompt = PromptFactory(text="Unchanged?")
    client.force_login(getattr(cast, person))
    assert client.post(reverse("prompts_manage"), {"text": "Mine?"}).status_code == 403
    edit = client.post(reverse("prompt_edit", args=[prompt.pk]), {"text": "Changed?"})
    assert edit.status_code == 403
    prompt.refresh_from_db()
    assert prompt.text == "Unchanged?"
    assert not ReflectionPrompt.objects.filter(text="Mine?").exists()


def test_a_new_installation_starts_with_the_groups_four_questions():
    migration = importlib.import_module(
        "reflections.migrations.0003_default_prompts_and_first_versions"
    )
    ReflectionPrompt.objects.all().delete()
    migration.forwards(apps, None)
    assert list(ReflectionPrompt.objects.values_list("text", flat=True)) == [
        "What went well?",
        "What felt difficult?",
        "Did you feel safe to speak?",
        "What should change?",
    ]


def test_notes_written_before_versions_existed_get_a_first_version(cast):
    migration = importlib.import_module(
        "reflections.migrations.0003_default_prompts_and_first_versions"
    )
    old = NoteFactory(owner=cast.owner, title="Old", body="Written long ago")
    migration.forwards(apps, None)
    old.refresh_from_db()
    assert old.version == 1
    assert old.versions.get().body == "Written long ago"
    assert old.versions.get().saved_by == cast.owner
    assert ReflectiveNote.objects.filter(search_vector="long").exists()
