"""Something a person may not see answers exactly like something that does not exist."""

from __future__ import annotations

import pytest
from django.urls import reverse

from meetings.minutes import services as minutes_services
from meetings.models import Minutes
from tests.factories_meetings import (
    ActionFactory,
    DecisionFactory,
    FacilitatorFactory,
    MeetingFactory,
    MinutesFactory,
    in_days,
)
from tests.helpers import share

pytestmark = pytest.mark.django_db


@pytest.fixture
def past_meeting():
    return MeetingFactory(starts_at=in_days(-3), ends_at=in_days(-3, hour=20))


def test_a_second_facilitator_neither_learns_of_nor_is_blocked_by_private_minutes(
    client, past_meeting
):
    first, second = FacilitatorFactory(), FacilitatorFactory()
    minutes_services.minutes_write(
        meeting=past_meeting, body="Only for me for now", audience="only_me", by=first
    )
    client.force_login(second)

    meeting_page = client.get(reverse("meeting_detail", args=[past_meeting.pk]))
    form = client.get(reverse("minutes_create", args=[past_meeting.pk]))
    saved = client.post(
        reverse("minutes_create", args=[past_meeting.pk]),
        {"body": "What we talked about", "audience": "group"},
    )

    assert "minutes already" not in meeting_page.text
    assert form.status_code == 200
    assert "minutes already" not in form.text.lower()
    assert saved.status_code == 302
    assert Minutes.objects.filter(meeting=past_meeting, owner=second).exists()
    assert Minutes.objects.filter(meeting=past_meeting).count() == 2


def test_a_facilitator_with_minutes_of_her_own_is_taken_to_them(client, past_meeting):
    facilitator = FacilitatorFactory()
    mine = minutes_services.minutes_write(
        meeting=past_meeting, body="Mine", audience="only_me", by=facilitator
    )
    client.force_login(facilitator)
    response = client.get(reverse("minutes_create", args=[past_meeting.pk]))
    assert response["Location"] == reverse("minutes_change", args=[mine.pk])


def test_the_meeting_page_lists_every_set_of_minutes_the_reader_may_read(
    client, past_meeting, cast
):
    shared = MinutesFactory(meeting=past_meeting, owner=FacilitatorFactory())
    share(shared, group=False)
    private = MinutesFactory(meeting=past_meeting, owner=FacilitatorFactory())
    client.force_login(cast.member)
    page = client.get(reverse("meeting_detail", args=[past_meeting.pk]))
    assert reverse("minutes_detail", args=[shared.pk]) in page.text
    assert reverse("minutes_detail", args=[private.pk]) not in page.text


@pytest.mark.parametrize("url_name", ["action_update", "decision_update"])
def test_an_action_or_decision_in_minutes_one_may_not_read_answers_404(client, url_name):
    minutes = MinutesFactory(owner=FacilitatorFactory())
    part = (ActionFactory if url_name == "action_update" else DecisionFactory)(minutes=minutes)
    for person in (FacilitatorFactory(), FacilitatorFactory(is_facilitator=False)):
        client.force_login(person)
        assert client.get(reverse(url_name, args=[part.pk])).status_code == 404
