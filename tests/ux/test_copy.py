"""The copy slips people met, each fixed, each kept fixed."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse

from interviews.models import Status
from meetings.minutes import services as minutes_services
from meetings.recurrence import Repeat
from tests.factories_interviews import interview_at
from tests.factories_meetings import ActionFactory, MeetingFactory, MinutesFactory, in_days
from tests.factories_reflections import write_note
from tests.helpers import sign_in_recently

pytestmark = pytest.mark.django_db


def test_minutes_are_these_minutes(client, cast):
    minutes = MinutesFactory(owner=cast.owner)
    client.force_login(cast.owner)
    page = client.get(reverse("share", args=["minutes", minutes.pk])).text
    assert "Who can see these minutes?" in page
    assert "this minutes" not in page


def test_you_said_we_did_never_runs_a_full_stop_into_a_colon(client, cast):
    minutes = minutes_services.minutes_write(
        meeting=MeetingFactory(), body="Notes.", audience="group", by=cast.facilitator
    )
    ActionFactory(minutes=minutes, description="Ask the practice.", outcome="They said yes.")
    client.force_login(cast.member)
    page = client.get(reverse("you_said_we_did")).text
    assert ".:" not in page
    assert ". ." not in page


def test_no_full_stop_stands_apart_after_a_time(client, cast):
    meeting = MeetingFactory(starts_at=in_days(5), ends_at=in_days(5, hour=20))
    client.force_login(cast.member)
    page = client.get(reverse("agenda_propose", args=[meeting.pk])).text
    assert "20:00 ." not in page
    assert " ." not in page[page.index("<main") : page.index("</main>")]


def test_her_own_interview_speaks_to_her_as_you(client, cast):
    interview = interview_at(Status.REVIEWED, interviewee=cast.owner)
    client.force_login(cast.owner)
    page = client.get(reverse("interview_detail", args=[interview.pk])).text
    assert "by you" in page
    assert "The interviewee confirmed" not in page
    assert "The interviewee has not confirmed" not in page


def test_the_data_download_shows_formatting_roles_and_no_missing_folder(client, cast):
    from datarights.archive import write_zip
    from datarights.hooks import hooks

    write_note(cast.owner, body="I felt *heard* today.")
    sections = [section for collect in hooks("collect") for section in collect(cast.owner)]
    target = io.BytesIO()
    write_zip(target, person=cast.owner, sections=sections, made_at=None)
    archive = zipfile.ZipFile(target)
    notes = archive.read("notes.html").decode()
    assert "<em>heard</em>" in notes
    assert "*heard*" not in notes
    roles = archive.read("roles.html").decode()
    assert "Member with lived experience" in roles
    assert "Nothing is held about you here" not in roles
    assert "folder" not in archive.read("index.html").decode()


def test_managing_people_is_a_list_that_fits_a_phone(client, cast):
    client.force_login(cast.facilitator)
    page = client.get(reverse("people_manage_list")).text
    assert "<table" not in page


def test_the_series_confirmation_gives_one_last_date(client, cast):
    sign_in_recently(client, cast.facilitator)
    response = client.post(
        reverse("series_create"),
        {
            "first_date": in_days(3).date().isoformat(),
            "start_time": "18:00",
            "duration": "120",
            "repeat": Repeat.FORTNIGHTLY,
            "last_date": in_days(120).date().isoformat(),
            "place": "The hall",
        },
        follow=True,
    )
    text = response.text
    assert "meetings are planned, the last on" in text
    assert "up to" not in text


def test_a_checkbox_sits_with_its_label(client, cast):
    client.force_login(cast.member)
    page = client.get(reverse("preferences")).text
    assert 'class="form-group form-group--checkbox"' in page
    assert "Plain page titles:" not in page


def test_no_rsvp_question_run_together_on_the_answer_form(client, cast):
    meeting = MeetingFactory(starts_at=in_days(5), ends_at=in_days(5, hour=20))
    client.force_login(cast.member)
    page = client.get(reverse("meeting_rsvp", args=[meeting.pk])).text
    assert "Childcare:" not in page
    assert 'class="form-group form-group--checkbox"' in page
