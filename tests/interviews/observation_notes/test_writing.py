"""Who may write an observation note, and when: the meeting's observer, once everyone has
answered, never before the meeting or about a cancelled one."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from interviews.models import (
    ObservationNote,
)
from interviews.observation import services
from meetings import services as meeting_services
from people.models import Role
from tests.factories import UserFactory
from tests.factories_meetings import MeetingFactory, in_days
from tests.factories_observation import observed_meeting
from tests.interviews.observation_notes import (
    write_url,
)

pytestmark = pytest.mark.django_db


def test_observation_note_cannot_be_created_without_observation_consent(client, cast, ruth):
    waiting = observed_meeting(cast.researcher, said_yes=[cast.member], unanswered=[ruth])
    with pytest.raises(ValidationError, match="cannot be written without observation consent"):
        services.observation_note_write(
            meeting=waiting, text="The room was warm.", by=cast.researcher
        )

    client.force_login(cast.researcher)
    page = client.get(write_url(waiting)).text
    assert "An observation note cannot be written without observation consent." in page
    assert "1 person has not answered yet" in page
    assert "<textarea" not in page
    # A note sent anyway is refused with the same message, and what was typed stays.
    response = client.post(write_url(waiting), {"text": "The room was warm."})
    assert response.status_code == 200
    assert "cannot be written without observation consent" in response.text
    assert "The room was warm." in response.text
    assert not ObservationNote.objects.exists()


def test_a_note_can_be_written_once_everyone_answered_even_if_someone_said_no(
    client, cast, meeting
):
    client.force_login(cast.researcher)
    response = client.post(write_url(meeting), {"text": "The group talked about reception."})
    note = ObservationNote.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("observation_note_detail", args=[note.pk])
    assert (note.owner, note.meeting, note.updated_by) == (
        cast.researcher,
        meeting,
        cast.researcher,
    )


def test_without_an_observer_nobody_can_write_a_note(client, cast):
    meeting = MeetingFactory(starts_at=in_days(-7), ends_at=in_days(-7, hour=20))
    client.force_login(cast.researcher)
    response = client.get(write_url(meeting))
    assert response.status_code == 403
    assert services.NOT_THE_OBSERVER in response.text


def test_only_the_named_observer_can_write_a_note(client, cast, meeting):
    other_researcher = UserFactory(roles=[Role.RESEARCHER])
    for person in (other_researcher, cast.facilitator, cast.member):
        client.force_login(person)
        response = client.post(write_url(meeting), {"text": "Notes"})
        assert response.status_code == 403
        assert services.NOT_THE_OBSERVER in response.text
    with pytest.raises(ValidationError, match="named as the observer"):
        services.observation_note_write(meeting=meeting, text="Notes", by=other_researcher)
    assert not ObservationNote.objects.exists()


def test_an_observer_who_is_no_longer_a_researcher_cannot_write(cast, meeting):
    cast.researcher.roles = [Role.MEMBER]
    cast.researcher.save()
    with pytest.raises(ValidationError, match="named as the observer"):
        services.observation_note_write(meeting=meeting, text="Notes", by=cast.researcher)


def test_no_note_before_the_meeting_starts_or_about_a_cancelled_meeting(cast, ruth):
    coming = observed_meeting(cast.researcher, said_no=[ruth], days_ago=-7)
    with pytest.raises(ValidationError, match="once the meeting has started"):
        services.observation_note_write(meeting=coming, text="Notes", by=cast.researcher)
    cancelled = observed_meeting(cast.researcher, said_no=[ruth])
    meeting_services.meeting_cancel(meeting=cancelled, message="Closed", by=cast.facilitator)
    with pytest.raises(ValidationError, match="cancelled"):
        services.observation_note_write(meeting=cancelled, text="Notes", by=cast.researcher)


def test_an_empty_note_is_refused_with_a_message(client, cast, meeting):
    client.force_login(cast.researcher)
    response = client.post(write_url(meeting), {"text": "   "})
    assert "Write what you observed." in response.text
    assert not ObservationNote.objects.exists()
