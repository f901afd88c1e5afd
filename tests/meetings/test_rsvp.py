"""Answering "are you coming?", and needs that only facilitators see."""

from __future__ import annotations

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import Rsvp
from tests.factories_meetings import MeetingFactory, RsvpFactory, in_days

pytestmark = pytest.mark.django_db

NEEDS = {
    "answer": "going",
    "travel_costs": "on",
    "childcare": "on",
    "dietary": "No nuts, please-needs-marker",
    "access": "A chair with arms-needs-marker",
}

NEEDS_SAVED = {**NEEDS, "travel_costs": True, "childcare": True}


def test_the_form_says_only_facilitators_see_needs_before_anything_is_typed(client, cast):
    meeting = MeetingFactory()
    client.force_login(cast.member)
    page = client.get(reverse("meeting_rsvp", args=[meeting.pk])).text
    notice = page.index("Only facilitators will see this.")
    assert notice < page.index('name="travel_costs"')
    assert notice < page.index('name="dietary"')


def test_a_member_answers_with_needs_and_can_change_the_answer(client, cast):
    meeting = MeetingFactory()
    client.force_login(cast.member)
    response = client.post(reverse("meeting_rsvp", args=[meeting.pk]), NEEDS)
    assert response.status_code == 302
    rsvp = Rsvp.objects.get(meeting=meeting, person=cast.member)
    assert rsvp.answer == "going"
    assert rsvp.travel_costs
    assert rsvp.childcare
    client.post(reverse("meeting_rsvp", args=[meeting.pk]), {"answer": "maybe"})
    rsvp = Rsvp.objects.get(meeting=meeting, person=cast.member)
    assert rsvp.answer == "maybe"
    assert not rsvp.childcare
    assert Rsvp.objects.filter(meeting=meeting).count() == 1


def test_an_answer_is_needed(client, cast):
    meeting = MeetingFactory()
    client.force_login(cast.member)
    response = client.post(
        reverse("meeting_rsvp", args=[meeting.pk]), {"dietary": "Kept-after-error"}
    )
    assert response.status_code == 200
    assert "There is a problem" in response.text
    assert "Kept-after-error" in response.text
    assert not Rsvp.objects.exists()


@pytest.mark.parametrize("viewer", ["member", "gp", "researcher", "support_worker", "owner"])
def test_needs_are_invisible_to_everyone_but_facilitators(client, cast, viewer):
    meeting = MeetingFactory()
    services.rsvp_set(meeting=meeting, person=cast.owner, **NEEDS_SAVED)
    client.force_login(getattr(cast, viewer))
    for url in (
        reverse("meeting_detail", args=[meeting.pk]),
        reverse("meeting_list"),
        reverse("dashboard"),
    ):
        body = client.get(url).text
        assert "needs-marker" not in body, url
    if viewer != "owner":
        # Nor who answered: others see only the numbers.
        assert (
            cast.owner.display_name
            not in client.get(reverse("meeting_detail", args=[meeting.pk])).text
        )
    answers = client.get(reverse("meeting_answers", args=[meeting.pk]))
    assert answers.status_code == 403
    assert "needs-marker" not in answers.text


def test_a_facilitator_sees_counts_and_needs(client, cast):
    meeting = MeetingFactory()
    services.rsvp_set(meeting=meeting, person=cast.owner, **NEEDS_SAVED)
    RsvpFactory(meeting=meeting, person=cast.member, answer="not_going")
    client.force_login(cast.facilitator)
    page = client.get(reverse("meeting_answers", args=[meeting.pk])).text
    assert "No nuts, please-needs-marker" in page
    assert "A chair with arms-needs-marker" in page
    assert cast.owner.display_name in page
    assert "1 going, 0 maybe, 1 not going" in page
    detail = client.get(reverse("meeting_detail", args=[meeting.pk])).text
    assert "1 going, 0 maybe, 1 not going" in detail


def test_nobody_answers_for_a_meeting_that_has_finished_or_is_cancelled(client, cast):
    past = MeetingFactory(starts_at=in_days(-3), ends_at=in_days(-3, hour=20))
    cancelled = MeetingFactory()
    services.meeting_cancel(meeting=cancelled, message="Closed", by=cast.facilitator)
    client.force_login(cast.member)
    for meeting in (past, cancelled):
        response = client.post(reverse("meeting_rsvp", args=[meeting.pk]), {"answer": "going"})
        assert response.status_code == 302
    assert not Rsvp.objects.exists()


def test_the_dashboard_shows_the_next_meeting_and_my_answer(client, cast):
    cancelled = MeetingFactory(starts_at=in_days(2), ends_at=in_days(2, hour=20))
    services.meeting_cancel(meeting=cancelled, message="Closed", by=cast.facilitator)
    following = MeetingFactory(starts_at=in_days(16), ends_at=in_days(16, hour=20))
    RsvpFactory(meeting=following, person=cast.member, answer="maybe")
    client.force_login(cast.member)
    page = client.get(reverse("dashboard")).text
    assert reverse("meeting_detail", args=[following.pk]) in page
    assert "Your answer: Maybe." in page
    assert "is cancelled" in page
    client.force_login(cast.outsider)
    assert "No meeting is planned yet." in client.get(reverse("dashboard")).text


def test_the_dashboard_reads_the_next_meeting_and_my_answer_in_one_query(cast):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from meetings.dashboard import next_meeting_for

    cancelled = MeetingFactory(starts_at=in_days(2), ends_at=in_days(2, hour=20))
    services.meeting_cancel(meeting=cancelled, message="Closed", by=cast.facilitator)
    following = MeetingFactory(starts_at=in_days(16), ends_at=in_days(16, hour=20))
    RsvpFactory(meeting=following, person=cast.member, answer="maybe")
    RsvpFactory(meeting=following, person=cast.facilitator, answer="going")
    with CaptureQueriesContext(connection) as queries:
        meeting = next_meeting_for(cast.member)
    assert len(queries) == 1
    assert meeting == following
    assert meeting.my_answer_label == "Maybe"
    assert [skipped.pk for skipped in meeting.cancelled_before] == [cancelled.pk]
    assert next_meeting_for(cast.gp).my_answer_label is None
