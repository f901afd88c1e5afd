"""Factories for meetings, answers, attendance, payments, agenda and minutes."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import factory
from django.utils import timezone

from bridging_gaps.clock import london
from meetings.models import (
    Action,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    Minutes,
    Payment,
    Rsvp,
    Series,
)
from people.models import Role
from tests.factories import UserFactory


def at(day, hour: int = 18, minute: int = 0) -> datetime:
    """A Europe/London wall-clock time on a day, as an aware datetime."""
    return london(datetime.combine(day, time(hour, minute)))


def in_days(days: int, hour: int = 18) -> datetime:
    return at(timezone.localdate() + timedelta(days=days), hour)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    starts_at = factory.Sequence(lambda n: in_days(7 + n))
    ends_at = factory.LazyAttribute(lambda meeting: meeting.starts_at + timedelta(hours=2))
    place = "Community room, 1 Example Street"
    step_free = True


class SeriesFactory(factory.django.DjangoModelFactory):
    """A series with no meetings planned yet (services.series_plan_ahead adds them)."""

    class Meta:
        model = Series

    rule = "FREQ=WEEKLY;INTERVAL=2"
    first_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))
    start_time = time(18, 0)
    duration = timedelta(hours=2)
    planned_until = factory.LazyAttribute(lambda series: series.first_date - timedelta(days=1))
    place = "Community room, 1 Example Street"
    created_by = factory.SubFactory("tests.factories_meetings.FacilitatorFactory")


class RsvpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rsvp

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(UserFactory)
    answer = Rsvp.Answer.GOING


class FacilitatorFactory(UserFactory):
    roles = factory.LazyFunction(lambda: [Role.SUPPORT_WORKER])
    is_facilitator = True


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(UserFactory)
    recorded_by = factory.SubFactory(FacilitatorFactory)


class PaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Payment

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(UserFactory)
    updated_by = factory.SubFactory(FacilitatorFactory)


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    proposed_by = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Topic {n}")


class MinutesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Minutes

    owner = factory.SubFactory(FacilitatorFactory)
    meeting = factory.SubFactory(MeetingFactory)
    body = factory.Sequence(lambda n: f"We talked about the waiting room, number {n}.")


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    minutes = factory.SubFactory(MinutesFactory)
    text = factory.Sequence(lambda n: f"Decision {n}")
    updated_by = factory.LazyAttribute(lambda decision: decision.minutes.owner)


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    minutes = factory.SubFactory(MinutesFactory)
    description = factory.Sequence(lambda n: f"Action {n}")
    owner_name = "The practice manager"
    updated_by = factory.LazyAttribute(lambda action: action.minutes.owner)


def minutes_written(body: str, *, by=None, days_ago: int = 2):
    """Minutes of a meeting held `days_ago` days ago, written for the whole group through the
    service (so the passages that name people are recorded), by Faye unless `by` is given."""
    from meetings.minutes.services import minutes_write

    meeting = MeetingFactory(starts_at=in_days(-days_ago), ends_at=in_days(-days_ago, hour=20))
    writer = by or FacilitatorFactory(display_name="Faye")
    return minutes_write(meeting=meeting, body=body, audience="group", by=writer)
