"""Those who said no: listed to the writer only, never named in a note, checked again on
every change."""

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
from tests.factories_meetings import AttendanceFactory
from tests.factories_observation import group_agrees
from tests.helpers import share
from tests.interviews.observation_notes import (
    write_url,
)

pytestmark = pytest.mark.django_db


def test_those_who_said_no_are_listed_to_the_writer(client, cast, ruth, meeting):
    client.force_login(cast.researcher)
    page = client.get(write_url(meeting)).text
    listed = page[page.index("Do not describe these people") : page.index("Only you see this list")]
    assert "Ruth Example" in listed
    assert "They said no to being observed" in listed
    assert cast.member.display_name not in listed
    assert "<textarea" in page

    note = services.observation_note_write(meeting=meeting, text="Notes", by=cast.researcher)
    page = client.get(reverse("observation_note_edit", args=[note.pk])).text
    listed = page[page.index("Do not describe these people") : page.index("Only you see this list")]
    assert "Ruth Example" in listed


def test_anyone_who_never_answered_is_listed_too(client, cast, ruth, meeting):
    note = services.observation_note_write(meeting=meeting, text="Notes", by=cast.researcher)
    # Someone else is recorded as having come after the note was written.
    late = UserFactory(display_name="Lateo Arrival", roles=[Role.MEMBER])
    AttendanceFactory(meeting=meeting, person=late)
    client.force_login(cast.researcher)
    page = client.get(reverse("observation_note_edit", args=[note.pk])).text
    assert "They have not answered" in page
    assert "Lateo Arrival" in page


def test_nobody_but_the_writer_learns_who_said_no(client, cast, ruth, meeting):
    note = services.observation_note_write(meeting=meeting, text="Notes", by=cast.researcher)
    group_agrees()
    share(note, researchers=False, facilitators=False)
    colleague = UserFactory(roles=[Role.RESEARCHER])
    for reader in (colleague, cast.facilitator):
        client.force_login(reader)
        for url in (
            reverse("observation_note_detail", args=[note.pk]),
            reverse("meeting_observation_notes", args=[meeting.pk]),
            reverse("observation_note_list"),
        ):
            response = client.get(url)
            assert response.status_code == 200
            assert "Ruth Example" not in response.text


def test_a_note_naming_someone_who_said_no_is_not_saved_and_keeps_the_text(client, cast, meeting):
    client.force_login(cast.researcher)
    typed = "The group welcomed everyone. Ruth asked about the waiting room."
    response = client.post(write_url(meeting), {"text": typed})
    assert response.status_code == 200
    assert (
        "Your note mentions &#x27;Ruth&#x27;, who said no to being observed. "
        "Take it out before saving." in response.text
    )
    assert typed.replace("'", "&#x27;") in response.text
    assert "Nothing you typed has been lost." in response.text
    assert not ObservationNote.objects.exists()


def test_changing_a_note_checks_the_names_again(client, cast, meeting):
    note = services.observation_note_write(meeting=meeting, text="First draft.", by=cast.researcher)
    client.force_login(cast.researcher)
    url = reverse("observation_note_edit", args=[note.pk])
    response = client.post(url, {"text": "First draft. Ruth Example left early."})
    assert "Your note mentions &#x27;Ruth Example&#x27;" in response.text
    note.refresh_from_db()
    assert note.text == "First draft."
    client.post(url, {"text": "Second draft."})
    note.refresh_from_db()
    assert note.text == "Second draft."


def test_a_later_no_is_shown_on_the_note_to_its_writer(client, cast, meeting):
    note = services.observation_note_write(
        meeting=meeting, text="Mina Member spoke about reception.", by=cast.researcher
    )
    meeting_services.observation_answer(meeting=meeting, person=cast.member, consents=False)
    client.force_login(cast.researcher)
    page = client.get(reverse("observation_note_detail", args=[note.pk])).text
    assert "Someone in this note did not agree" in page
    assert "Your note mentions &#x27;Mina Member&#x27;, who said no to being observed." in page


def test_a_new_observer_does_not_change_whom_an_earlier_note_leaves_out(
    client, cast, ruth, meeting
):
    note = services.observation_note_write(meeting=meeting, text="Notes", by=cast.researcher)
    other = UserFactory(roles=[Role.RESEARCHER])
    meeting_services.observer_set(meeting=meeting, observer=other, by=cast.facilitator)
    with pytest.raises(ValidationError, match="Ruth"):
        services.observation_note_edit(note=note, text="Ruth spoke.", by=cast.researcher)
    services.observation_note_edit(note=note, text="Mina Member spoke.", by=cast.researcher)
