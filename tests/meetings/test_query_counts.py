"""The meeting pages make the same number of queries however many meetings,
answers, attendees and agenda items there are."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import services
from meetings.agenda import services as agenda_services
from tests.factories import UserFactory
from tests.factories_meetings import (
    ActionFactory,
    AgendaItemFactory,
    AttendanceFactory,
    DecisionFactory,
    MeetingFactory,
    MinutesFactory,
    RsvpFactory,
    in_days,
)
from tests.helpers import share

pytestmark = pytest.mark.django_db


def busy_meeting(cast, people: int):
    meeting = MeetingFactory(starts_at=in_days(3), ends_at=in_days(3, hour=20))
    services.observer_set(meeting=meeting, observer=cast.researcher, by=cast.facilitator)
    for index in range(people):
        person = UserFactory()
        RsvpFactory(meeting=meeting, person=person, answer=["going", "maybe"][index % 2])
        AttendanceFactory(meeting=meeting, person=person, recorded_by=cast.facilitator)
        item = AgendaItemFactory(meeting=meeting, proposed_by=person, show_name=True)
        agenda_services.agenda_decide(item=item, status="accepted", by=cast.facilitator)
        services.observation_answer(meeting=meeting, person=person, consents=index % 3 != 0)
    minutes = MinutesFactory(meeting=meeting, owner=cast.facilitator)
    share(minutes, group=False)
    return meeting


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("viewer", ["member", "facilitator", "researcher"])
def test_the_meeting_page_makes_the_same_queries_for_2_and_25_attendees(
    client, cast, viewer, django_assert_max_num_queries
):
    client.force_login(getattr(cast, viewer))
    small = queries(client, reverse("meeting_detail", args=[busy_meeting(cast, 2).pk]))
    large_url = reverse("meeting_detail", args=[busy_meeting(cast, 25).pk])
    assert queries(client, large_url) == small
    with django_assert_max_num_queries(20):
        client.get(large_url)


def test_the_meeting_list_makes_the_same_queries_for_3_and_30_meetings(
    client, cast, django_assert_max_num_queries
):
    client.force_login(cast.member)
    for _ in range(3):
        busy_meeting(cast, 2)
    small = queries(client, reverse("meeting_list"))
    for _ in range(27):
        busy_meeting(cast, 3)
    assert queries(client, reverse("meeting_list")) == small
    with django_assert_max_num_queries(12):
        client.get(reverse("meeting_list"))


def test_the_answers_and_attendance_pages_stay_constant(client, cast):
    client.force_login(cast.facilitator)
    small, large = busy_meeting(cast, 2), busy_meeting(cast, 25)
    for name in ("meeting_answers", "meeting_attendance", "agenda_manage", "meeting_payments"):
        assert queries(client, reverse(name, args=[small.pk])) == queries(
            client, reverse(name, args=[large.pk])
        ), name


def test_you_said_we_did_stays_constant(client, cast):
    client.force_login(cast.member)
    for _ in range(2):
        minutes = MinutesFactory(owner=cast.facilitator)
        share(minutes, group=False)
        DecisionFactory(minutes=minutes)
    small = queries(client, reverse("you_said_we_did"))
    for _ in range(10):
        minutes = MinutesFactory(owner=cast.facilitator)
        share(minutes, group=False)
        DecisionFactory(minutes=minutes)
        ActionFactory(minutes=minutes, owner=cast.member)
    assert queries(client, reverse("you_said_we_did")) == small


def test_the_writers_who_has_seen_page_stays_constant_with_many_minutes(client, cast):
    def read_minutes(count: int) -> None:
        for _ in range(count):
            minutes = MinutesFactory(owner=cast.facilitator)
            share(minutes, group=False)
            client.force_login(cast.member)
            client.get(reverse("minutes_detail", args=[minutes.pk]))

    read_minutes(2)
    client.force_login(cast.facilitator)
    small = queries(client, reverse("seen"))
    read_minutes(10)
    client.force_login(cast.facilitator)
    assert queries(client, reverse("seen")) == small
    assert "Minutes: Group meeting" in client.get(reverse("seen")).text
