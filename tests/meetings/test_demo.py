"""The demo group has a year of meetings to explore."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from meetings.models import Action, Attendance, Meeting, Minutes, Payment, Rsvp
from people.models import User

pytestmark = pytest.mark.django_db


def test_the_demo_has_past_and_future_meetings_answers_attendance_and_minutes(client):
    call_command("seed_demo", stdout=StringIO())
    now = timezone.now()
    assert Meeting.objects.filter(ends_at__lte=now).count() >= 5
    assert Meeting.objects.filter(ends_at__gt=now).count() >= 20
    assert Meeting.objects.filter(cancelled_at__isnull=False).exists()
    assert Rsvp.objects.exists()
    assert Attendance.objects.exists()
    assert Payment.objects.filter(issued=True).exists()
    assert Action.objects.filter(status="done").exists()
    ruth = User.objects.get(email="ruth@example.org")
    minutes = Minutes.objects.visible_to(ruth)
    assert minutes.count() == 2
    client.force_login(ruth)
    for url in (
        reverse("meeting_list"),
        reverse("you_said_we_did"),
        reverse("my_meetings"),
        reverse("minutes_detail", args=[minutes.first().pk]),
        reverse("meeting_detail", args=[Meeting.objects.upcoming().first().pk]),
    ):
        assert client.get(url).status_code == 200, url
