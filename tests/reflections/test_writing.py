"""Writing a note on a phone: nothing typed is lost, and nothing is shared until she says so."""

from __future__ import annotations

import re
import uuid

import pytest
from django.urls import reverse

from consent.models import Share
from reflections.models import NoteDraft, NoteVersion, ReflectiveNote, export_text
from tests.factories_reflections import (
    PromptFactory,
    edit_note,
    make_meeting,
    new_note_form,
    write_note,
)
from tests.helpers import share

pytestmark = pytest.mark.django_db


def test_a_member_writes_a_note_and_it_is_private(client, cast):
    client.force_login(cast.owner)
    response = client.post(
        reverse("note_create"),
        {**new_note_form(client), "title": "After Tuesday", "body": "I felt *heard*."},
    )
    note = ReflectiveNote.objects.get()
    assert response["Location"] == reverse("note_detail", args=[note.pk])
    page = client.get(response["Location"])
    assert "Your note is saved. Only you can see it." in page.text
    assert "<em>heard</em>" in page.text
    assert not Share.objects.exists()
    assert (note.owner, note.version, note.is_draft) == (cast.owner, 1, False)


def test_the_writing_page_says_it_is_private_and_offers_the_short_answer_form(client, cast):
    client.force_login(cast.owner)
    page = client.get(reverse("note_create"))
    assert "Only you can see this note until you choose to share it." in page.text
    assert reverse("note_prompts") in page.text
    assert 'data-autosave-url="/notes/' in page.text


def test_saving_with_nothing_written_says_what_is_missing_and_keeps_everything_typed(client, cast):
    meeting = make_meeting()
    client.force_login(cast.owner)
    page = client.post(
        reverse("note_create"),
        {
            **new_note_form(client),
            "title": "A title I typed",
            "body": "   ",
            "meeting": str(meeting.pk),
            "content_warnings": ["abuse"],
            "content_warning_words": "my words",
        },
    )
    assert page.status_code == 200
    assert "Write something in your note, or answer at least one question." in page.text
    assert "Nothing you typed has been lost." in page.text
    assert 'value="A title I typed"' in page.text
    assert 'value="my words"' in page.text
    assert f'<option value="{meeting.pk}" selected>' in page.text
    assert re.search(r'<input type="checkbox" [^>]*value="abuse"[^>]* checked>', page.text)
    assert not ReflectiveNote.objects.exists()


def test_a_title_too_long_is_refused_and_the_note_typed_is_kept(client, cast):
    client.force_login(cast.owner)
    page = client.post(
        reverse("note_create"),
        {**new_note_form(client), "title": "t" * 201, "body": "Every word of this"},
    )
    assert page.status_code == 200
    assert "This is too long: it can have at most 200 characters" in page.text
    assert "Every word of this" in page.text
    assert not ReflectiveNote.objects.exists()


def test_save_draft_works_without_javascript_and_keeps_the_note_unfinished(client, cast):
    client.force_login(cast.owner)
    given = new_note_form(client)
    note_id = given["note_id"]
    response = client.post(
        reverse("note_create"),
        {**given, "title": "Half", "body": "Half a thought", "save_draft": "1"},
    )
    assert response["Location"] == reverse("note_edit", args=[note_id])
    note = ReflectiveNote.objects.get(pk=note_id)
    assert note.is_draft
    assert note.body == ""  # the note has no saved text yet: the words are in the draft
    assert note.draft.data["body"] == "Half a thought"
    assert not NoteVersion.objects.exists()
    page = client.get(response["Location"])
    assert "Draft saved at" in page.text
    assert "Half a thought" in page.text
    assert "Delete this draft" in page.text
    listed = client.get(reverse("my_notes"))
    assert "Half" in listed.text
    assert '<span class="tag">Draft</span>' in listed.text


def test_a_draft_even_one_too_long_to_save_keeps_every_character(client, cast):
    client.force_login(cast.owner)
    given = new_note_form(client)
    note_id = given["note_id"]
    client.post(
        reverse("note_create"),
        {**given, "title": "t" * 250, "body": "b", "save_draft": "1"},
    )
    assert NoteDraft.objects.get(note_id=note_id).data["title"] == "t" * 250


def test_finishing_a_draft_saves_it_as_the_first_version(client, cast):
    client.force_login(cast.owner)
    given = new_note_form(client)
    client.post(reverse("note_create"), {**given, "body": "Draft", "save_draft": "1"})
    client.post(reverse("note_create"), {**given, "body": "Finished words"})
    note = ReflectiveNote.objects.get()
    assert (note.is_draft, note.version, note.body) == (False, 1, "Finished words")
    assert not NoteDraft.objects.exists()
    assert note.versions.get().body == "Finished words"


def test_the_author_opening_an_unfinished_note_goes_back_to_writing_it(client, cast):
    client.force_login(cast.owner)
    given = new_note_form(client)
    note_id = given["note_id"]
    client.post(reverse("note_create"), {**given, "body": "Draft", "save_draft": "1"})
    response = client.get(reverse("note_detail", args=[note_id]))
    assert response["Location"] == reverse("note_edit", args=[note_id])


def autosave(client, at, **data):
    return client.post(reverse("note_autosave", args=[at]), data)


def test_autosave_keeps_a_private_draft_and_answers_in_json(client, cast):
    client.force_login(cast.owner)
    given = new_note_form(client)
    note_id = given["note_id"]
    response = autosave(
        client,
        note_id,
        **given,
        title="On the bus",
        body="Typing",
        version="0",
    )
    assert response.status_code == 200
    answer = response.json()
    assert answer["saved"] is True
    assert answer["message"].startswith("Draft saved at ")
    assert answer["edit_url"] == reverse("note_edit", args=[note_id])
    note = ReflectiveNote.objects.get(pk=note_id)
    assert note.owner == cast.owner
    assert note.is_draft
    assert note.draft.data["body"] == "Typing"
    assert not Share.objects.exists()


def test_autosave_and_save_from_one_page_make_one_note_not_two(client, cast):
    client.force_login(cast.owner)
    given = new_note_form(client)
    note_id = given["note_id"]
    autosave(
        client,
        note_id,
        **given,
        body="First words",
        version="0",
    )
    autosave(
        client,
        note_id,
        **given,
        body="First words and more",
        version="0",
    )
    client.post(reverse("note_create"), {**given, "body": "First words and more."})
    assert ReflectiveNote.objects.count() == 1
    assert ReflectiveNote.objects.get().body == "First words and more."


def test_autosave_refuses_another_persons_note(client, cast):
    note = write_note(cast.owner, body="Her words")
    share(note, group=False)
    client.force_login(cast.member)
    response = autosave(client, note.pk, body="Overwritten", version=str(note.version))
    assert response.status_code == 404
    assert not NoteDraft.objects.exists()
    note.refresh_from_db()
    assert note.body == "Her words"
    assert ReflectiveNote.objects.count() == 1


def test_autosave_never_changes_what_readers_of_a_shared_note_see(client, cast):
    note = write_note(cast.owner, body="The saved words")
    share(note, group=False)
    client.force_login(cast.owner)
    autosave(client, note.pk, body="Half-typed new words", version=str(note.version))
    client.force_login(cast.member)
    page = client.get(reverse("note_detail", args=[note.pk]))
    assert "The saved words" in page.text
    assert "Half-typed" not in page.text


def test_autosave_from_a_page_opened_before_the_last_save_is_refused(client, cast):
    note = write_note(cast.owner, body="Version one")
    edit_note(note, body="Version two, saved in another tab")
    client.force_login(cast.owner)
    response = autosave(client, note.pk, body="Old tab text", version="1")
    assert response.status_code == 409
    assert "saved somewhere else" in response.json()["message"]
    assert not NoteDraft.objects.exists()


def test_autosave_needs_a_post(client, cast):
    note = write_note(cast.owner)
    client.force_login(cast.owner)
    assert client.get(reverse("note_autosave", args=[note.pk])).status_code == 405


def test_the_edit_page_brings_back_the_draft_and_says_readers_still_see_the_saved_text(
    client, cast
):
    note = write_note(cast.owner, body="Saved text")
    client.force_login(cast.owner)
    autosave(client, note.pk, body="Unsaved text", version=str(note.version))
    page = client.get(reverse("note_edit", args=[note.pk]))
    assert "Unsaved text" in page.text
    assert "Others still see the saved text." in page.text
    detail = client.get(reverse("note_detail", args=[note.pk]))
    assert "You have changes you have not saved yet" in detail.text
    assert "Saved text" in detail.text


def test_discarding_unsaved_changes_keeps_the_saved_note(client, cast):
    note = write_note(cast.owner, body="Saved text")
    client.force_login(cast.owner)
    autosave(client, note.pk, body="Unsaved text", version=str(note.version))
    client.post(reverse("note_draft_discard", args=[note.pk]))
    assert not NoteDraft.objects.exists()
    note.refresh_from_db()
    assert note.body == "Saved text"


def test_discarding_a_note_never_saved_deletes_it(client, cast):
    client.force_login(cast.owner)
    given = new_note_form(client)
    note_id = given["note_id"]
    autosave(
        client,
        note_id,
        **given,
        body="Never mind",
        version="0",
    )
    response = client.post(reverse("note_draft_discard", args=[note_id]))
    assert response["Location"] == reverse("my_notes")
    assert not ReflectiveNote.objects.exists()


def test_the_short_answer_form_has_one_box_per_chosen_question(client, cast):
    went_well, felt_safe, unused = PromptFactory.create_batch(3)
    client.force_login(cast.owner)
    response = client.get(
        reverse("note_prompts"), {"prompt": [str(went_well.pk), str(felt_safe.pk)], "go": "1"}
    )
    page = client.get(response["Location"])
    assert page.context["form"].prompts == [went_well, felt_safe]
    assert f'name="answer_{went_well.pk}"' in page.text
    assert f'name="answer_{felt_safe.pk}"' in page.text
    assert f'name="answer_{unused.pk}"' not in page.text
    assert "Anything else you want to say (optional)" in page.text


def test_choosing_no_question_says_so(client, cast):
    PromptFactory()
    client.force_login(cast.owner)
    page = client.get(reverse("note_prompts"), {"go": "1"})
    assert "Choose at least one question." in page.text


def test_short_answers_alone_make_a_note_and_keep_their_questions(client, cast):
    went_well, hard = PromptFactory.create_batch(2)
    client.force_login(cast.owner)
    client.post(
        reverse("note_create"),
        {
            "note_id": str(uuid.uuid4()),
            "prompt": [str(went_well.pk), str(hard.pk)],
            f"answer_{went_well.pk}": "Being listened to",
            f"answer_{hard.pk}": "",
            "body": "",
        },
    )
    note = ReflectiveNote.objects.get()
    assert [(a.prompt, a.answer) for a in note.answers.all()] == [(went_well, "Being listened to")]
    page = client.get(reverse("note_detail", args=[note.pk]))
    assert went_well.text in page.text
    assert "Being listened to" in page.text


def test_retired_questions_are_not_offered_but_old_answers_keep_them(client, cast):
    prompt = PromptFactory()
    note = write_note(cast.owner, body="", answers=[(prompt, "An answer")])
    prompt.is_active = False
    prompt.save()
    client.force_login(cast.owner)
    choose = client.get(reverse("note_prompts"))
    assert prompt.text not in choose.text
    new = client.get(reverse("note_create"), {"prompt": str(prompt.pk)})
    assert f"answer_{prompt.pk}" not in new.text
    edit = client.get(reverse("note_edit", args=[note.pk]))
    assert f'name="answer_{prompt.pk}"' in edit.text
    assert "An answer" in edit.text


def test_a_note_can_be_about_a_recent_meeting(client, cast):
    recent = make_meeting(days_ago=3)
    long_ago = make_meeting(days_ago=400)
    client.force_login(cast.owner)
    page = client.get(reverse("note_create"))
    assert str(recent.pk) in page.text
    assert str(long_ago.pk) not in page.text
    client.post(
        reverse("note_create"),
        {"note_id": str(uuid.uuid4()), "body": "About it", "meeting": str(recent.pk)},
    )
    note = ReflectiveNote.objects.get()
    assert note.meeting == recent
    assert str(recent) in client.get(reverse("note_detail", args=[note.pk])).text


def test_without_meetings_the_meeting_question_is_not_asked(client, cast):
    client.force_login(cast.owner)
    assert "Which meeting is it about?" not in client.get(reverse("note_create")).text


def test_export_text_is_the_latest_saved_text_with_answers_and_meeting(cast):
    prompt = PromptFactory(text="What was good about it?")
    meeting = make_meeting()
    note = write_note(cast.owner, title="Tuesday", body="First")
    edit_note(note, body="Second", title="Tuesday", meeting=meeting, answers=[(prompt, "Tea")])
    NoteDraft.objects.create(note=note, data={"body": "unsaved"})
    exported = export_text(ReflectiveNote.objects.get(pk=note.pk))
    assert exported.text == "Tuesday\n\nWhat was good about it?\nTea\n\nSecond"
    assert "unsaved" not in exported.text
    assert exported.meeting_id == meeting.pk
    assert exported.meeting_label == str(meeting)


def test_a_question_retired_while_she_was_writing_keeps_her_answer(client, cast):
    prompt = PromptFactory()
    client.force_login(cast.owner)
    page = client.get(reverse("note_create"), {"prompt": str(prompt.pk)})
    prompt.is_active = False
    prompt.save()
    client.post(
        reverse("note_create"),
        {
            "note_id": str(page.context["note_id"]),
            "prompt": str(prompt.pk),
            f"answer_{prompt.pk}": "My answer",
        },
    )
    assert ReflectiveNote.objects.get().answers.get().answer == "My answer"


@pytest.mark.parametrize("meeting", ["not-a-uuid", "2f0c9a8e-4b1d-4c55-9a3e-6d7f1b2c3d4e"])
def test_a_meeting_that_is_not_one_is_refused_politely(client, cast, meeting):
    make_meeting()
    client.force_login(cast.owner)
    page = client.post(
        reverse("note_create"),
        {"note_id": str(uuid.uuid4()), "body": "Kept", "meeting": meeting},
    )
    assert page.status_code == 200
    assert "Choose one of the answers given." in page.text
    assert "Kept" in page.text
    draft = client.post(
        reverse("note_create"),
        {"note_id": str(uuid.uuid4()), "body": "Kept", "meeting": meeting, "save_draft": "1"},
        follow=True,
    )
    assert draft.status_code == 200
    assert "Kept" in draft.text
