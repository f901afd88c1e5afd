"""Observation consent: the answers (`ObservationAnswer`, registered through meetings/models.py)
and the small API observation notes build on.

A facilitator names a researcher as the observer of a meeting
(`services.observer_set`). Everyone expected there answers yes or no in advance
(`services.observation_answer`); answers are appended, never changed, and the
newest answer about the current observer counts. Answers about an earlier
observer count for nothing.

- `observation_status(meeting)`: who said yes, who said no, who has not answered.
- `observation_refusals(meeting)`: the people who said no. They are never described.
- `observation_consent_collected(meeting)`: an observer is named and everyone
  expected has answered, yes or no: only then may observation notes be written.
  A no does not stop the observation; it means that person is never described.
- `not_to_describe(meeting)`: everyone observation notes must leave out: those who
  said no and those who never answered (nobody, once consent is collected, unless
  the people expected change afterwards).

Each function takes an optional `observer`: whose observation to look at. It is
the meeting's current observer by default; a note written by an earlier observer
is checked against the answers given about them.

"Expected" means the people recorded as attending once attendance is taken;
before that, everyone in the group who has not said they are not going.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from meetings.models import Meeting, Rsvp
from people.models import User


class ObservationAnswer(models.Model):
    """A person's yes or no to a researcher observing a meeting. Appended only
    (the database refuses changes); the newest answer counts."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # The answer is about this researcher: a new observer asks everyone again.
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    consents = models.BooleanField()
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["meeting", "observer", "person", "-answered_at"])]

    def __str__(self) -> str:
        return f"Observation answer for {self.meeting}"


@dataclass(frozen=True)
class ObservationStatus:
    observer: User | None
    consented: list[User] = field(default_factory=list)
    refused: list[User] = field(default_factory=list)
    unanswered: list[User] = field(default_factory=list)

    @property
    def collected(self) -> bool:
        """Everyone expected has answered. Those who said no are still listed
        (`refused`): they are never described."""
        return self.observer is not None and not self.unanswered

    @property
    def not_to_describe(self) -> list[User]:
        return self.refused + self.unanswered


def _observer_id(meeting: Meeting, observer: User | None) -> Any:
    return meeting.observer_id if observer is None else observer.pk


def latest_answers(meeting: Meeting, *, observer: User | None = None) -> dict[Any, bool]:
    """person id -> their newest answer about the observer (by default the meeting's)."""
    observer_id = _observer_id(meeting, observer)
    if observer_id is None:
        return {}
    rows = (
        ObservationAnswer.objects.filter(meeting=meeting, observer_id=observer_id)
        .order_by("person_id", "-answered_at")
        .distinct("person_id")
        .values_list("person_id", "consents")
    )
    return dict(rows)


def expected_people(meeting: Meeting, *, observer: User | None = None) -> QuerySet[User]:
    attended = User.objects.filter(meeting_attendances__meeting=meeting)
    if attended.exists():
        people = attended
    else:
        not_going = Rsvp.objects.filter(meeting=meeting, answer=Rsvp.Answer.NOT_GOING)
        people = (
            User.objects.filter(is_active=True)
            .exclude(roles=[])
            .exclude(pk__in=not_going.values("person_id"))
        )
    observer_id = _observer_id(meeting, observer)
    if observer_id is not None:
        people = people.exclude(pk=observer_id)
    return people.order_by("display_name")


def observation_status(meeting: Meeting, *, observer: User | None = None) -> ObservationStatus:
    observer_id = _observer_id(meeting, observer)
    if observer_id is None:
        return ObservationStatus(observer=None)
    answers = latest_answers(meeting, observer=observer)
    expected = list(expected_people(meeting, observer=observer))
    expected_ids = {person.pk for person in expected}
    # Someone who said no is left out even if they were not expected there.
    others = User.objects.filter(pk__in=set(answers) - expected_ids).order_by("display_name")
    everyone = expected + [person for person in others if person.pk != observer_id]
    return ObservationStatus(
        observer=meeting.observer if observer is None else observer,
        consented=[p for p in everyone if answers.get(p.pk) is True],
        refused=[p for p in everyone if answers.get(p.pk) is False],
        unanswered=[p for p in expected if p.pk not in answers],
    )


def observation_refusals(meeting: Meeting, *, observer: User | None = None) -> list[User]:
    return observation_status(meeting, observer=observer).refused


def observation_consent_collected(meeting: Meeting, *, observer: User | None = None) -> bool:
    return observation_status(meeting, observer=observer).collected


def not_to_describe(meeting: Meeting, *, observer: User | None = None) -> list[User]:
    return observation_status(meeting, observer=observer).not_to_describe
