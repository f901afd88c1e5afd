"""Observed meetings and observation notes for tests."""

from __future__ import annotations

from collections.abc import Iterable

import factory

from interviews.models import ObservationNote, ObservationSharingDecision
from meetings import services as meeting_services
from meetings.models import Meeting
from people.models import Role, User
from tests.factories import UserFactory
from tests.factories_meetings import AttendanceFactory, FacilitatorFactory, MeetingFactory, in_days


def observed_meeting(
    observer: User,
    *,
    said_yes: Iterable[User] = (),
    said_no: Iterable[User] = (),
    unanswered: Iterable[User] = (),
    days_ago: int = 7,
) -> Meeting:
    """A meeting held `days_ago` days ago, observed by `observer`. Attendance is taken,
    so exactly the people given are expected there, and each answered as given."""
    # Named directly: the authorization matrix makes notes of a member (its "owner").
    meeting = MeetingFactory(
        starts_at=in_days(-days_ago), ends_at=in_days(-days_ago, hour=20), observer=observer
    )
    facilitator = FacilitatorFactory()
    said_yes, said_no, unanswered = list(said_yes), list(said_no), list(unanswered)
    for person in [*said_yes, *said_no, *unanswered]:
        AttendanceFactory(meeting=meeting, person=person, recorded_by=facilitator)
    for person in said_yes:
        meeting_services.observation_answer(meeting=meeting, person=person, consents=True)
    for person in said_no:
        meeting_services.observation_answer(meeting=meeting, person=person, consents=False)
    return meeting


class ObservationNoteFactory(factory.django.DjangoModelFactory):
    """A note made directly (no consent check): for pages and access rules. Tests of the
    rules for writing one go through interviews.observation.services."""

    class Meta:
        model = ObservationNote

    owner = factory.SubFactory(UserFactory, roles=[Role.RESEARCHER])
    meeting = factory.LazyAttribute(lambda note: observed_meeting(note.owner))
    text = factory.Sequence(lambda n: f"The group talked about waiting rooms, note {n}.")
    updated_by = factory.SelfAttribute("owner")


def group_agrees(*, by: User | None = None, agrees: bool = True) -> ObservationSharingDecision:
    """The group's decision that facilitators may (or may not) read observation notes."""
    return ObservationSharingDecision.objects.create(
        facilitators_may_read=agrees, decided_by=by or FacilitatorFactory()
    )
