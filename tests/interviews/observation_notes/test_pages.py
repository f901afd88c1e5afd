"""The meeting page and the lists of observation notes: what each reader is offered, a
constant number of queries, and the demo's observed meeting."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from interviews.models import (
    ObservationNote,
)
from interviews.observation import services
from interviews.observation.mentions import mentions
from people.models import Role, User
from tests.factories import UserFactory
from tests.factories_observation import ObservationNoteFactory, observed_meeting
from tests.helpers import share
from tests.interviews.observation_notes import (
    write_url,
)

pytestmark = pytest.mark.django_db


def test_the_meeting_page_offers_the_observer_to_write_and_others_what_they_may_read(
    client, cast, meeting
):
    client.force_login(cast.researcher)
    page = client.get(reverse("meeting_detail", args=[meeting.pk])).text
    assert "Write an observation note" in page
    note = services.observation_note_write(meeting=meeting, text="Notes", by=cast.researcher)
    client.force_login(cast.member)
    assert "Observation notes" not in client.get(reverse("meeting_detail", args=[meeting.pk])).text
    share(note, researchers=False)
    colleague = UserFactory(roles=[Role.RESEARCHER])
    client.force_login(colleague)
    page = client.get(reverse("meeting_detail", args=[meeting.pk])).text
    assert "Observation notes you can read</a> (1)" in page
    assert "Write an observation note" not in page


def test_the_lists_show_only_notes_the_viewer_may_read(client, cast, meeting):
    mine = services.observation_note_write(meeting=meeting, text="My own note", by=cast.researcher)
    other_writer = UserFactory(display_name="Other Writer", roles=[Role.RESEARCHER])
    shared = ObservationNoteFactory(owner=other_writer, meeting=meeting, text="Shared note")
    share(shared, researchers=False)
    ObservationNoteFactory(owner=other_writer, meeting=meeting, text="Kept private")
    client.force_login(cast.researcher)
    for url in (
        reverse("observation_note_list"),
        reverse("meeting_observation_notes", args=[meeting.pk]),
    ):
        page = client.get(url).text
        assert mine.text in page
        assert "Shared note" in page
        assert "Other Writer" in page
        assert "Kept private" not in page


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def notes_for(reader, meeting, count: int) -> None:
    for _ in range(count):
        note = ObservationNoteFactory(meeting=meeting)
        share(note, researchers=False)
        ObservationNoteFactory(owner=reader, meeting=meeting)


@pytest.mark.parametrize("url_name", ["observation_note_list", "meeting_observation_notes"])
def test_the_lists_make_the_same_number_of_queries_for_2_and_12_notes(
    client, cast, meeting, url_name, django_assert_max_num_queries
):
    args = [meeting.pk] if url_name == "meeting_observation_notes" else []
    url = reverse(url_name, args=args)
    client.force_login(cast.researcher)
    notes_for(cast.researcher, meeting, 1)
    few = queries(client, url)
    notes_for(cast.researcher, meeting, 5)
    many = queries(client, url)
    assert few == many
    with django_assert_max_num_queries(8):
        client.get(url)


def test_the_writing_page_makes_the_same_queries_for_few_and_many_people(
    client, cast, django_assert_max_num_queries
):
    def people(count, prefix):
        return [UserFactory(display_name=f"{prefix} {n}") for n in range(count)]

    small = observed_meeting(cast.researcher, said_yes=people(1, "Yes"), said_no=people(1, "No"))
    large = observed_meeting(cast.researcher, said_yes=people(10, "Yes"), said_no=people(10, "No"))
    client.force_login(cast.researcher)
    counts = [queries(client, write_url(meeting)) for meeting in (small, large)]
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(16):
        client.post(write_url(large), {"text": "No 3 was there."})


def test_the_demo_has_an_observed_meeting_and_a_note_that_leaves_out_who_said_no(client):
    call_command("seed_demo", stdout=StringIO())
    note = ObservationNote.objects.get()
    jo = User.objects.get(email="jo@example.org")
    status = services.status_for_writer(note)
    assert status.collected
    assert status.refused == [jo]
    assert mentions(note.text, status) == []
    lee = User.objects.get(email="lee@example.org")  # a GP and researcher: it was shared
    client.force_login(lee)
    response = client.get(reverse("observation_note_detail", args=[note.pk]))
    assert response.status_code == 200
    assert "Jo Demo" not in response.text


def test_without_meetings_the_demo_has_no_observation_note(cast):
    from interviews import demo

    demo._observation({"priya": cast.researcher, "faye": cast.facilitator, "jo": cast.member})
    assert not ObservationNote.objects.exists()
