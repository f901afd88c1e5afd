"""Facilitators plan a year of fortnightly meetings, and move, cancel or add one."""

from __future__ import annotations

from datetime import UTC, date, time, timedelta
from itertools import pairwise

import pytest
from django.urls import reverse
from django.utils import timezone

from bridging_gaps.clock import LONDON
from meetings import planning, services
from meetings.models import Meeting, Series
from meetings.recurrence import WEEKDAYS, Repeat, build_rule
from tests.factories_meetings import MeetingFactory, SeriesFactory, at

pytestmark = pytest.mark.django_db


def series_form(first_date: date, **overrides) -> dict[str, str]:
    data = {
        "first_date": first_date.isoformat(),
        "start_time": "18:00",
        "duration": "120",
        "repeat": Repeat.FORTNIGHTLY,
        "last_date": "",
        "place": "Community room\n1 Example Street",
        "step_free": "on",
        "creche": "on",
        "access_notes": "Use the side door.",
        "online_url": "",
    }
    data.update(overrides)
    return data


def last_sunday(year: int, month: int) -> date:
    end = date(year, month, 31)
    return end - timedelta(days=(end.weekday() - 6) % 7)


def next_clock_change_forward() -> date:
    today = timezone.localdate()
    change = last_sunday(today.year, 3)
    return change if change > today else last_sunday(today.year + 1, 3)


def local_time(moment) -> time:
    return moment.astimezone(LONDON).time()


def test_facilitator_plans_a_fortnightly_series_a_year_ahead(client, cast):
    client.force_login(cast.facilitator)
    first = timezone.localdate() + timedelta(days=3)
    response = client.post(reverse("series_create"), series_form(first))
    assert response.status_code == 302
    series = Series.objects.get()
    assert series.rule == f"FREQ=WEEKLY;INTERVAL=2;BYDAY={WEEKDAYS[first.weekday()]}"
    assert series.created_by == cast.facilitator
    meetings = list(series.meetings.order_by("starts_at"))
    # A year ahead of today: every fortnight from the first date.
    last_day = timezone.localdate() + timedelta(days=365)
    assert len(meetings) == (last_day - first).days // 14 + 1
    assert meetings[0].starts_at == at(first, 18)
    assert all(local_time(m.starts_at) == time(18) for m in meetings)
    assert all(local_time(m.ends_at) == time(20) for m in meetings)
    dates = [timezone.localdate(m.starts_at) for m in meetings]
    assert {later - earlier for earlier, later in pairwise(dates)} == {timedelta(days=14)}
    assert meetings[0].place == "Community room\n1 Example Street"
    assert meetings[0].step_free
    assert meetings[0].creche
    assert not meetings[0].quiet_room


def test_a_series_keeps_18_00_on_each_side_of_a_clock_change(cast):
    change = next_clock_change_forward()
    first = change - timedelta(days=5)
    series = services.series_create(
        rule=build_rule(Repeat.WEEKLY, first),
        first_date=first,
        start_time=time(18),
        duration=timedelta(hours=2),
        where={"place": "Community room"},
        by=cast.facilitator,
    )
    before = series.meetings.get(original_start=at(first))
    after = series.meetings.get(original_start=at(first + timedelta(days=7)))
    assert local_time(before.starts_at) == local_time(after.starts_at) == time(18)
    assert before.starts_at.astimezone(UTC).hour == 18  # GMT
    assert after.starts_at.astimezone(UTC).hour == 17  # BST


def test_the_series_form_refuses_a_past_date_and_keeps_what_was_typed(client, cast):
    client.force_login(cast.facilitator)
    response = client.post(
        reverse("series_create"),
        series_form(timezone.localdate() - timedelta(days=1), access_notes="Ring the bell"),
    )
    assert response.status_code == 200
    assert "The first meeting must be today or later." in response.text
    assert "Ring the bell" in response.text
    assert not Series.objects.exists()
    assert not Meeting.objects.exists()


def test_the_series_form_needs_a_place_or_a_link(client, cast):
    client.force_login(cast.facilitator)
    first = timezone.localdate() + timedelta(days=1)
    response = client.post(reverse("series_create"), series_form(first, place=""))
    assert "Give an address, an online link, or both." in response.text
    assert not Series.objects.exists()
    response = client.post(
        reverse("series_create"),
        series_form(first, place="", online_url="https://meet.example.org/group"),
    )
    assert response.status_code == 302
    assert Meeting.objects.filter(online_url="https://meet.example.org/group").exists()


def test_a_member_cannot_plan_meetings(client, cast):
    client.force_login(cast.member)
    response = client.post(
        reverse("series_create"), series_form(timezone.localdate() + timedelta(days=1))
    )
    assert response.status_code == 403
    assert not Series.objects.exists()


def planned_series(cast, weeks: int = 6) -> Series:
    first = timezone.localdate() + timedelta(days=2)
    series = SeriesFactory(first_date=first, planned_until=first - timedelta(days=1))
    planning.series_plan_ahead(series=series, until=first + timedelta(weeks=weeks))
    return series


def test_moving_one_meeting_keeps_its_place_in_the_series_and_is_never_planned_twice(client, cast):
    series = planned_series(cast)
    meeting = series.meetings.order_by("starts_at")[1]
    slot = meeting.starts_at
    new_day = timezone.localdate(slot) + timedelta(days=1)
    client.force_login(cast.facilitator)
    response = client.post(
        reverse("meeting_change", args=[meeting.pk]),
        {
            "day": new_day.isoformat(),
            "start_time": "17:30",
            "end_time": "19:30",
            "place": meeting.place,
        },
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.starts_at == at(new_day, 17, 30)
    assert meeting.original_start == slot
    assert meeting.is_moved
    assert meeting.sequence == 1
    assert meeting.updated_by == cast.facilitator
    count = series.meetings.count()
    planning.series_plan_ahead(series=series, until=series.planned_until + timedelta(weeks=8))
    assert not series.meetings.filter(starts_at=slot).exists()
    assert series.meetings.count() == count + 4
    page = client.get(reverse("meeting_detail", args=[meeting.pk]))
    assert "This meeting was moved." in page.text


def test_saving_a_meeting_unchanged_does_not_change_its_sequence(client, cast):
    meeting = MeetingFactory(starts_at=at(timezone.localdate() + timedelta(days=3), 18))
    client.force_login(cast.facilitator)
    form = client.get(reverse("meeting_change", args=[meeting.pk])).context["form"]
    data = {name: value for name, value in form.initial.items() if value not in (False, None)}
    data = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()}
    data["start_time"] = data["start_time"][:5]
    data["end_time"] = data["end_time"][:5]
    client.post(reverse("meeting_change", args=[meeting.pk]), data)
    meeting.refresh_from_db()
    assert meeting.sequence == 0


def test_cancelling_one_meeting_keeps_it_in_the_list_with_its_message(client, cast):
    series = planned_series(cast)
    meeting = series.meetings.order_by("starts_at")[0]
    client.force_login(cast.facilitator)
    response = client.post(
        reverse("meeting_cancel", args=[meeting.pk]),
        {"message": "The room is closed. See you in two weeks."},
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.is_cancelled
    assert meeting.sequence == 1
    client.force_login(cast.member)
    page = client.get(reverse("meeting_detail", args=[meeting.pk])).text
    assert "This meeting is cancelled" in page
    assert "The room is closed. See you in two weeks." in page
    listing = client.get(reverse("meeting_list")).text
    assert "Cancelled." in listing
    # Planning ahead never brings a cancelled meeting back.
    planning.series_plan_ahead(series=series, until=series.planned_until + timedelta(weeks=4))
    assert series.meetings.filter(original_start=meeting.original_start).count() == 1


def test_cancelling_needs_a_message(client, cast):
    meeting = MeetingFactory()
    client.force_login(cast.facilitator)
    response = client.post(reverse("meeting_cancel", args=[meeting.pk]), {"message": ""})
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert not meeting.is_cancelled


def test_a_cancelled_meeting_can_be_put_back_on(client, cast):
    meeting = MeetingFactory()
    services.meeting_cancel(meeting=meeting, message="Snow", by=cast.facilitator)
    client.force_login(cast.facilitator)
    client.post(reverse("meeting_restore", args=[meeting.pk]))
    meeting.refresh_from_db()
    assert not meeting.is_cancelled
    assert meeting.cancellation_message == ""
    assert meeting.sequence == 2


def test_facilitator_adds_one_extra_meeting_to_a_series(client, cast):
    series = planned_series(cast)
    day = timezone.localdate() + timedelta(days=4)
    client.force_login(cast.facilitator)
    response = client.post(
        reverse("meeting_add"),
        {
            "series": str(series.pk),
            "day": day.isoformat(),
            "start_time": "10:00",
            "end_time": "12:00",
            "place": "The library",
            "quiet_room": "on",
        },
    )
    assert response.status_code == 302
    extra = Meeting.objects.get(place="The library")
    assert extra.series == series
    assert extra.original_start is None
    assert extra.starts_at == at(day, 10)
    assert extra.quiet_room


def test_a_meeting_must_end_after_it_starts(client, cast):
    client.force_login(cast.facilitator)
    response = client.post(
        reverse("meeting_add"),
        {
            "day": (timezone.localdate() + timedelta(days=1)).isoformat(),
            "start_time": "18:00",
            "end_time": "17:00",
            "place": "The library",
        },
    )
    assert "The meeting must end after it starts." in response.text
    assert not Meeting.objects.exists()


def test_planning_ahead_every_day_adds_only_the_missing_meetings(settings, cast):
    series = planned_series(cast, weeks=4)
    before = series.meetings.count()
    settings.MEETINGS_PLAN_AHEAD_DAYS = 70
    added = planning.series_plan_all_ahead()
    assert added == series.meetings.count() - before > 0
    assert planning.series_plan_all_ahead() == 0


def test_a_series_with_a_last_date_is_not_planned_beyond_it(cast):
    first = timezone.localdate() + timedelta(days=1)
    series = services.series_create(
        rule=build_rule(Repeat.FORTNIGHTLY, first, first + timedelta(days=28)),
        first_date=first,
        start_time=time(18),
        duration=timedelta(hours=2),
        where={"place": "Community room"},
        by=cast.facilitator,
    )
    assert series.meetings.count() == 3
    assert planning.series_plan_all_ahead() == 0


def test_facilitator_plans_a_series_further_ahead_from_the_series_page(client, cast, settings):
    series = planned_series(cast, weeks=2)
    client.force_login(cast.facilitator)
    assert str(series) in client.get(reverse("series_list")).text
    before = series.meetings.count()
    client.post(reverse("series_plan_ahead", args=[series.pk]))
    assert series.meetings.count() > before
