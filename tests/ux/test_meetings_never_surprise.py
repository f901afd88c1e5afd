"""Nothing changes behind someone's back, and meetings ask only what can be answered."""

from __future__ import annotations

import pytest
from django.urls import reverse

from meetings import services
from meetings.models import Attendance, Payment
from people.models import Role
from tests.factories import UserFactory
from tests.factories_meetings import MeetingFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def came(cast):
    meeting = MeetingFactory(starts_at=in_days(-3), ends_at=in_days(-3, hour=20))
    ruth = UserFactory(display_name="Ruth", roles=[Role.MEMBER])
    services.attendance_set(meeting=meeting, present=[ruth], by=cast.facilitator)
    return meeting, ruth


def test_unticking_someone_asks_first_and_says_what_happens_to_the_voucher(client, cast, came):
    meeting, ruth = came
    client.force_login(cast.facilitator)
    url = reverse("meeting_attendance", args=[meeting.pk])

    first = client.post(url, {})

    assert first.status_code == 200
    assert "Ruth" in first.text
    assert "voucher" in first.text
    assert Attendance.objects.filter(meeting=meeting, person=ruth).exists()
    confirmed = client.post(url, {"confirm_removal": "1"})
    assert confirmed.status_code == 302
    assert not Attendance.objects.filter(meeting=meeting, person=ruth).exists()
    assert not Payment.objects.filter(meeting=meeting, person=ruth).exists()


def test_the_member_sees_what_changed_and_why(client, cast, came):
    meeting, ruth = came
    client.force_login(cast.facilitator)
    client.post(reverse("meeting_attendance", args=[meeting.pk]), {"confirm_removal": "1"})
    assert ruth.notices.filter(text__contains="no longer recorded").exists()
    client.force_login(ruth)
    page = client.get(reverse("my_meetings")).text
    assert "no longer recorded as there" in page
    assert "voucher" in page


def test_past_and_cancelled_meetings_do_not_ask_are_you_coming(client, cast):
    past = MeetingFactory(starts_at=in_days(-3), ends_at=in_days(-3, hour=20))
    cancelled = MeetingFactory(starts_at=in_days(5), ends_at=in_days(5, hour=20))
    services.meeting_cancel(meeting=cancelled, message="", by=cast.facilitator)
    client.force_login(cast.member)
    for meeting in (past, cancelled):
        page = client.get(reverse("meeting_detail", args=[meeting.pk])).text
        assert "Are you coming?" not in page
    listing = client.get(reverse("meeting_list")).text
    assert listing.count("You have not answered yet") <= 5


def test_the_list_shows_the_next_few_meetings_and_a_way_to_see_more(client, cast):
    for days in range(3, 300, 14):
        MeetingFactory(starts_at=in_days(days), ends_at=in_days(days, hour=20))
    client.force_login(cast.member)
    page = client.get(reverse("meeting_list")).text
    assert "Later meetings" in page or "See more meetings" in page


def test_the_answer_confirmation_repeats_her_answer_and_needs(client, cast):
    meeting = MeetingFactory(starts_at=in_days(5), ends_at=in_days(5, hour=20))
    client.force_login(cast.member)
    response = client.post(
        reverse("meeting_rsvp", args=[meeting.pk]),
        {"answer": "going", "childcare": "on", "dietary": "No nuts"},
        follow=True,
    )
    assert "You said you are going" in response.text
    assert "childcare" in response.text.lower()
    assert "No nuts" in response.text
