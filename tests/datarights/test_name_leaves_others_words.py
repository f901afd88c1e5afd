"""When her account is deleted, her name leaves what others wrote: their reflective notes (the
title, the text, each answer, every earlier version) and the interviews they gave. Her code
stands where her name was, in the workspace and in research exports. Before, the anonymiser
no longer knew her name once her account was gone, and exports of others' notes held it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from datarights import services as datarights_services
from datarights.erasure import account_erase
from interviews.models import Passage, Status
from mentions import services as mention_services
from people.models import Role, User
from reflections.models import NoteVersion, ReflectionPrompt, ReflectiveNote
from tests.factories import UserFactory
from tests.factories_interviews import interview_at
from tests.factories_meetings import MinutesFactory
from tests.factories_reflections import edit_note, write_note
from tests.factories_research import made_export, make_project
from tests.helpers import share
from tests.research.exports import csv_rows, zip_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def ruth():
    return UserFactory(display_name="Ruth Example", roles=[Role.MEMBER])


@pytest.fixture
def sam():
    return UserFactory(display_name="Sam Sample", roles=[Role.MEMBER])


def erased(person: User) -> str:
    departure = datarights_services.deletion_request(person=person)
    assert account_erase(departure=departure, now=timezone.now() + timedelta(days=60))
    person.refresh_from_db()
    return person.display_name  # her code now


def test_her_name_leaves_others_notes_and_their_earlier_versions(ruth, sam):
    prompt, _ = ReflectionPrompt.objects.get_or_create(
        text="What helped?", defaults={"position": 1}
    )
    note = write_note(
        sam,
        title="Tea with Ruth",
        body="Ruth Example made tea for everyone. Ruth's kindness helped.",
        answers=[(prompt, "Talking to Ruth.")],
    )
    edit_note(
        note,
        body="Ruth Example made tea. The chairs were hard.",
        title="Tea with Ruth",
        answers=[(prompt, "Talking to Ruth.")],
    )

    code = erased(ruth)

    note = ReflectiveNote.objects.get(pk=note.pk)
    everything = [note.title, note.body, note.body_html, note.excerpt]
    everything += [a.answer for a in note.answers.all()] + [
        a.answer_html for a in note.answers.all()
    ]
    for version in NoteVersion.objects.filter(note=note):
        everything += [version.title, version.body, version.body_html, str(version.answers)]
    assert not any("Ruth" in text for text in everything), everything
    assert note.title == f"Tea with {code}"
    assert note.body.startswith(f"{code} made tea.")
    assert note.answers.get().answer == f"Talking to {code}."
    assert code in note.answers.get().answer_html


def test_a_research_export_made_after_it_never_holds_her_name(cast, ruth, sam):
    mention_services.research_choice_set(person=ruth, research_use=True)
    note = write_note(sam, title="", body="Ruth Example made tea for everyone. It was cold.")
    share(note, research_use=True)

    erased(ruth)
    archive = zip_of(made_export(make_project(cast.researcher), cast.researcher))

    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert b"Ruth" not in everything
    # Her yes went with her account: the sentence about her stays out, the rest goes.
    assert [row["text"] for row in csv_rows(archive)] == ["It was cold."]


def test_her_name_leaves_an_interview_another_member_gave(ruth, sam):
    interview = interview_at(
        Status.TRANSCRIBED,
        interviewee=sam,
        transcript="Participant: Ruth Example sat with me.\n\nParticipant: It helped.",
    )

    code = erased(ruth)

    texts = list(Passage.objects.filter(interview=interview).values_list("text", flat=True))
    assert not any("Ruth" in text for text in texts)
    assert f"{code} sat with me." in texts[0]


def test_what_others_wrote_of_someone_else_stays_as_it_was(ruth, sam):
    note = write_note(sam, title="", body="Priya made tea. Sam Sample washed up.")

    erased(ruth)

    assert ReflectiveNote.objects.get(pk=note.pk).body == "Priya made tea. Sam Sample washed up."


def test_her_name_leaves_the_words_researchers_took_out_by_hand(cast, ruth, sam):
    from research.exports.models import Export
    from research.exports.services import redaction_add
    from tests.factories_research import draft_export

    export = draft_export(make_project(cast.researcher), cast.researcher)
    redaction_add(export=export, words="Ruth Example", by=cast.researcher)

    code = erased(ruth)

    assert Export.objects.get(pk=export.pk).redactions == [code]


def test_her_name_leaves_a_form_someone_else_was_typing_when_signed_out(ruth, sam):
    from safety.drafts import keep_posted
    from safety.models import FormDraft

    keep_posted(person=sam, path="/notes/new/", data={"body": "Ruth Example came."})

    code = erased(ruth)

    assert FormDraft.objects.get(person=sam).fields == {"body": f"{code} came."}


def test_her_name_leaves_the_topic_of_an_interview_with_someone_else(ruth, sam):
    from interviews.models import Interview

    interview = interview_at(Status.PLANNED, interviewee=sam, topic="Supporting Ruth Example")

    code = erased(ruth)

    assert Interview.objects.get(pk=interview.pk).topic == f"Supporting {code}"


def test_her_name_leaves_the_search_index_of_others_notes(ruth, sam):
    from django.contrib.postgres.search import SearchQuery

    from reflections.models import SEARCH_CONFIG

    note = write_note(sam, title="", body="Ruth Example made tea for everyone.")

    code = erased(ruth)

    notes = ReflectiveNote.objects.filter(pk=note.pk)
    assert not notes.filter(search_vector=SearchQuery("Ruth", config=SEARCH_CONFIG)).exists()
    assert notes.filter(search_vector=SearchQuery(code, config=SEARCH_CONFIG)).exists()


def test_someone_else_with_her_first_name_keeps_it_and_a_name_they_share_stays(ruth, sam):
    UserFactory(display_name="Ruth Other", roles=[Role.MEMBER])
    note = write_note(sam, title="", body="Ruth Other made tea. Ruth Example washed up. Ruth sang.")
    minutes = MinutesFactory(body="Ruth Other spoke first.")

    code = erased(ruth)

    # A bare "Ruth" names either of them: it no longer points at her alone, and stays.
    assert (
        ReflectiveNote.objects.get(pk=note.pk).body
        == f"Ruth Other made tea. {code} washed up. Ruth sang."
    )
    minutes.refresh_from_db()
    assert minutes.body == "Ruth Other spoke first."


def test_a_title_as_long_as_it_may_be_still_loses_her_name_and_the_deletion_goes_through(ruth, sam):
    title = ("Tea with Ruth Example. " * 9)[:200]
    note = write_note(sam, title=title, body="It was cold.")
    edit_note(note, title=title, body="It was cold and late.")
    interview = interview_at(Status.TRANSCRIBED, interviewee=sam, topic=title)

    code = erased(ruth)

    note = ReflectiveNote.objects.get(pk=note.pk)
    interview.refresh_from_db()
    titles = [note.title, interview.topic]
    titles += list(NoteVersion.objects.filter(note=note).values_list("title", flat=True))
    for fitted in titles:
        assert "Ruth" not in fitted
        assert fitted.startswith(f"Tea with {code}.")
        assert len(fitted) == 200
