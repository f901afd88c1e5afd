"""A new note is kept at the id its writing page was given, and only there. An id the workspace
did not give her answers exactly as someone else's note does, so nobody learns whether a note
exists by trying to write at its id; and nothing she typed is lost on the way."""

from __future__ import annotations

import json
import uuid

import pytest
from django.urls import reverse

from reflections.models import ReflectiveNote
from tests.factories_items import NoteFactory
from tests.factories_reflections import new_note_form
from tests.missing_items import assert_answers_like_a_missing_item

pytestmark = pytest.mark.django_db


def autosave(client, at, **posted):
    return client.post(reverse("note_autosave", args=[at]), {"body": "My words", **posted})


def test_the_writing_page_holds_what_it_was_given_in_the_form(client, cast):
    client.force_login(cast.owner)
    given = new_note_form(client)
    page = client.get(reverse("note_create")).text
    assert 'name="note_id_signature"' in page
    assert given["note_id_signature"]


def test_autosave_keeps_a_new_note_at_the_id_her_page_was_given(client, cast):
    client.force_login(cast.owner)
    given = new_note_form(client)
    assert autosave(client, given["note_id"], **given).status_code == 200
    assert autosave(client, given["note_id"], **given).status_code == 200
    note = ReflectiveNote.objects.get()
    assert (str(note.pk), note.owner) == (given["note_id"], cast.owner)


def test_autosave_at_an_id_she_was_not_given_answers_like_someone_elses_note(client, cast):
    theirs = NoteFactory(owner=cast.member)
    client.force_login(cast.owner)
    assert autosave(client, uuid.uuid4()).status_code == 404
    url = reverse("note_autosave", args=[theirs.pk])
    assert_answers_like_a_missing_item(client, "post", url, theirs.pk)
    assert list(ReflectiveNote.objects.all()) == [theirs]


def test_an_id_given_to_someone_else_is_not_hers_to_use(client, cast):
    client.force_login(cast.member)
    given = new_note_form(client)
    client.force_login(cast.owner)
    assert autosave(client, given["note_id"], **given).status_code == 404
    assert not ReflectiveNote.objects.exists()


def test_saving_a_new_note_at_an_id_she_was_not_given_keeps_her_words_under_a_new_id(client, cast):
    theirs = NoteFactory(owner=cast.member, body="Their words")
    client.force_login(cast.owner)
    for note_id in (theirs.pk, uuid.uuid4()):
        response = client.post(
            reverse("note_create"), {"note_id": str(note_id), "body": f"Mine, not at {note_id}"}
        )
        assert response.status_code == 302
        mine = ReflectiveNote.objects.get(owner=cast.owner, body=f"Mine, not at {note_id}")
        assert mine.pk != note_id
        assert response["Location"] == reverse("note_detail", args=[mine.pk])
    theirs.refresh_from_db()
    assert (theirs.owner, theirs.body) == (cast.member, "Their words")


def test_a_draft_saved_without_javascript_at_an_id_she_was_not_given_is_kept_under_a_new_id(
    client, cast
):
    made_up = uuid.uuid4()
    client.force_login(cast.owner)
    response = client.post(
        reverse("note_create"), {"note_id": str(made_up), "body": "Half", "save_draft": "1"}
    )
    assert response.status_code == 302
    draft_note = ReflectiveNote.objects.get(owner=cast.owner)
    assert draft_note.pk != made_up


def test_what_her_page_keeps_on_leaving_holds_her_words_not_its_signature(client, cast):
    """Exit this page keeps what she typed (safety/drafts.py), never the page's own proof."""
    from safety.models import FormDraft

    client.force_login(cast.owner)
    given = new_note_form(client)
    fields = {**given, "body": "Half a thought"}
    client.post(
        reverse("keep_draft"), {"path": reverse("note_create"), "fields": json.dumps(fields)}
    )
    kept = FormDraft.objects.get(person=cast.owner).fields
    assert kept["body"] == "Half a thought"
    assert "note_id_signature" not in kept


def test_an_id_given_before_the_site_key_changed_counts_while_the_old_key_is_kept(settings, cast):
    from reflections.ids import given_to, new_note_signature

    note_id = uuid.uuid4()
    old, new = "old-" + "k" * 50, "new-" + "k" * 50
    settings.SECRET_KEY = old
    signature = new_note_signature(note_id=note_id, person=cast.owner)
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = new, [old]
    assert given_to(note_id=note_id, person=cast.owner, signature=signature)
    assert not given_to(note_id=note_id, person=cast.member, signature=signature)
    settings.SECRET_KEY_FALLBACKS = []
    assert not given_to(note_id=note_id, person=cast.owner, signature=signature)
