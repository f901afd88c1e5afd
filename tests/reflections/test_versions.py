"""Versions: every save is kept for the author; readers always see the latest."""

from __future__ import annotations

import pytest
from django.urls import reverse

from reflections.models import NoteVersion
from tests.factories_reflections import PromptFactory, edit_note, write_note
from tests.helpers import share

pytestmark = pytest.mark.django_db


def test_every_save_is_a_version_with_who_saved_it(client, cast):
    note = write_note(cast.owner, body="One")
    client.force_login(cast.owner)
    client.post(reverse("note_edit", args=[note.pk]), {"body": "Two"})
    client.post(reverse("note_edit", args=[note.pk]), {"body": "Three"})
    versions = list(note.versions.order_by("number"))
    assert [(v.number, v.body, v.saved_by) for v in versions] == [
        (1, "One", cast.owner),
        (2, "Two", cast.owner),
        (3, "Three", cast.owner),
    ]


def test_the_author_lists_and_reads_earlier_versions(client, cast):
    note = write_note(cast.owner, title="First title", body="The first words")
    edit_note(note, title="Second title", body="The second words")
    first = note.versions.get(number=1)
    client.force_login(cast.owner)
    listing = client.get(reverse("note_versions", args=[note.pk]))
    assert "Version 1" in listing.text
    assert "Version 2</a> (latest)" in listing.text
    page = client.get(reverse("note_version", args=[note.pk, first.pk]))
    assert "The first words" in page.text
    assert "This is not the latest version. Only you can see it." in page.text


def test_editing_a_shared_note_shows_readers_the_new_text(client, cast):
    note = write_note(cast.owner, body="Before")
    share(note, gps=False)
    client.force_login(cast.owner)
    client.post(reverse("note_edit", args=[note.pk]), {"body": "After"})
    client.force_login(cast.gp)
    page = client.get(reverse("note_detail", args=[note.pk]))
    assert "After" in page.text
    assert "Before" not in page.text


def test_the_edit_form_of_a_shared_note_says_who_will_see_the_new_text_before_saving(client, cast):
    note = write_note(cast.owner, body="Before")
    share(note, gps=False, group=True)
    client.force_login(cast.owner)
    page = client.get(reverse("note_edit", args=[note.pk]))
    assert "This note is shared" in page.text
    assert "When you save, the new text replaces the old one straight away" in page.text
    assert "GPs can see this with your name." in page.text
    assert "Everyone in the group can see this without your name" in page.text
    saved = client.post(reverse("note_edit", args=[note.pk]), {"body": "After"}, follow=True)
    assert "Saved. They now see the new text." in saved.text


def test_the_edit_form_of_a_private_note_says_only_you(client, cast):
    note = write_note(cast.owner, body="Before")
    share(note, research_use=True)  # research use alone lets nobody read it here
    client.force_login(cast.owner)
    page = client.get(reverse("note_edit", args=[note.pk]))
    assert "This note is shared" not in page.text
    assert "Only you can see this note until you choose to share it." in page.text


@pytest.mark.parametrize("viewer", ["gp", "member", "facilitator", "superuser"])
def test_versions_are_for_the_author_only_even_when_the_note_is_shared(client, cast, viewer):
    note = write_note(cast.owner, body="The first words")
    edit_note(note, body="Second")
    share(note, group=False, gps=False)
    client.force_login(getattr(cast, viewer))
    first = note.versions.get(number=1)
    for url in (
        reverse("note_versions", args=[note.pk]),
        reverse("note_version", args=[note.pk, first.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert "The first words" not in response.text


def test_a_version_of_another_note_is_not_found_under_this_one(client, cast):
    mine = write_note(cast.owner, body="Mine")
    other = write_note(cast.owner, body="Other")
    client.force_login(cast.owner)
    response = client.get(reverse("note_version", args=[mine.pk, other.versions.get().pk]))
    assert response.status_code == 404


def test_a_version_keeps_the_question_as_it_was_worded_then(cast):
    prompt = PromptFactory(text="How was it?")
    note = write_note(cast.owner, body="", answers=[(prompt, "Fine")])
    prompt.text = "How did the meeting go?"
    prompt.save()
    (version,) = note.versions.all()
    assert [(a["question"], a["answer"]) for a in version.answers] == [("How was it?", "Fine")]


def test_a_draft_is_not_a_version(client, cast):
    note = write_note(cast.owner, body="Saved")
    client.force_login(cast.owner)
    client.post(reverse("note_edit", args=[note.pk]), {"body": "Draft", "save_draft": "1"})
    assert NoteVersion.objects.filter(note=note).count() == 1
