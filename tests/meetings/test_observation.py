"""A researcher observes a meeting only with everyone's consent; the observer
sees who said no, so that they are never described."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse

from meetings import services
from meetings.models import ObservationAnswer
from meetings.observation import (
    not_to_describe,
    observation_consent_collected,
    observation_refusals,
    observation_status,
)
from people.models import Role
from tests.factories import UserFactory
from tests.factories_meetings import AttendanceFactory, MeetingFactory, RsvpFactory
from tests.helpers import sign_in_recently

pytestmark = pytest.mark.django_db


@pytest.fixture
def observed(cast):
    meeting = MeetingFactory()
    services.observer_set(meeting=meeting, observer=cast.researcher, by=cast.facilitator)
    return meeting


def test_a_facilitator_names_a_researcher_as_observer(client, cast):
    meeting = MeetingFactory()
    client.force_login(cast.facilitator)
    response = client.post(
        reverse("observer_set", args=[meeting.pk]), {"observer": str(cast.researcher.pk)}
    )
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.observer == cast.researcher
    # Only researchers can be chosen.
    client.post(reverse("observer_set", args=[meeting.pk]), {"observer": str(cast.gp.pk)})
    meeting.refresh_from_db()
    assert meeting.observer == cast.researcher
    with pytest.raises(ValueError, match="researcher"):
        services.observer_set(meeting=meeting, observer=cast.gp, by=cast.facilitator)


def test_each_person_is_asked_and_may_change_their_mind(client, cast, observed):
    sign_in_recently(client, cast.member)
    page = client.get(reverse("meeting_detail", args=[observed.pk])).text
    assert "Do you agree to be observed?" in page
    url = reverse("observation_answer", args=[observed.pk])
    client.post(url, {"consents": "yes"})
    client.post(url, {"consents": "no"})
    assert ObservationAnswer.objects.filter(person=cast.member).count() == 2
    assert observation_refusals(observed) == [cast.member]
    client.post(url, {"consents": "yes"})
    assert observation_refusals(observed) == []
    assert (
        "Your answer: <strong>Yes</strong>"
        in client.get(reverse("meeting_detail", args=[observed.pk])).text
    )


def test_answers_cannot_be_changed_or_deleted_in_the_database(cast, observed):
    answer = services.observation_answer(meeting=observed, person=cast.member, consents=False)
    with pytest.raises(DatabaseError), transaction.atomic():
        ObservationAnswer.objects.filter(pk=answer.pk).update(consents=True)
    with pytest.raises(DatabaseError), transaction.atomic():
        ObservationAnswer.objects.filter(pk=answer.pk).delete()


def test_the_observer_sees_who_said_no_and_nobody_else_does(client, cast, observed):
    services.observation_answer(meeting=observed, person=cast.owner, consents=False)
    services.observation_answer(meeting=observed, person=cast.member, consents=True)
    client.force_login(cast.researcher)
    page = client.get(reverse("meeting_detail", args=[observed.pk])).text
    said_no = page[page.index("Said no") : page.index("Not answered yet")]
    assert cast.owner.display_name in said_no
    assert cast.member.display_name not in said_no
    for viewer in (cast.member, cast.gp, cast.facilitator):
        client.force_login(viewer)
        body = client.get(reverse("meeting_detail", args=[observed.pk])).text
        assert cast.owner.display_name not in body
        body = client.get(reverse("observer_set", args=[observed.pk])).text
        assert cast.owner.display_name not in body


def test_consent_is_collected_once_everyone_expected_has_answered(cast, observed):
    for person in (cast.owner, cast.member, cast.gp, cast.support_worker):
        services.observation_answer(meeting=observed, person=person, consents=True)
    # People in the group who said they are not going are not asked.
    RsvpFactory(meeting=observed, person=UserFactory(roles=[Role.MEMBER]), answer="not_going")
    assert not observation_consent_collected(observed)
    assert not_to_describe(observed) == [cast.facilitator]
    # A no is an answer: consent is collected, and the person is never described.
    services.observation_answer(meeting=observed, person=cast.facilitator, consents=False)
    status = observation_status(observed)
    assert status.unanswered == []
    assert status.refused == [cast.facilitator]
    assert observation_consent_collected(observed)
    assert not_to_describe(observed) == [cast.facilitator]
    # Someone new in the group has not answered: not collected until they do.
    newcomer = UserFactory(display_name="New Member", roles=[Role.MEMBER])
    assert not observation_consent_collected(observed)
    assert not_to_describe(observed) == [cast.facilitator, newcomer]


def test_once_attendance_is_taken_only_those_who_came_are_expected(cast, observed):
    AttendanceFactory(meeting=observed, person=cast.member)
    AttendanceFactory(meeting=observed, person=cast.owner)
    services.observation_answer(meeting=observed, person=cast.member, consents=True)
    services.observation_answer(meeting=observed, person=cast.gp, consents=False)
    status = observation_status(observed)
    assert status.consented == [cast.member]
    assert status.unanswered == [cast.owner]
    # A no from someone who did not come still counts: they are never described.
    assert status.refused == [cast.gp]
    assert not status.collected
    services.observation_answer(meeting=observed, person=cast.owner, consents=False)
    status = observation_status(observed)
    assert status.collected
    assert status.not_to_describe == [cast.owner, cast.gp]


def test_answers_about_an_earlier_observer_can_still_be_read_for_their_notes(cast, observed):
    services.observation_answer(meeting=observed, person=cast.member, consents=False)
    other = UserFactory(display_name="Other Researcher", roles=[Role.RESEARCHER])
    services.observer_set(meeting=observed, observer=other, by=cast.facilitator)
    observed.refresh_from_db()
    assert observation_refusals(observed) == []
    earlier = observation_status(observed, observer=cast.researcher)
    assert earlier.observer == cast.researcher
    assert earlier.refused == [cast.member]
    assert cast.researcher not in earlier.unanswered
    assert other in earlier.unanswered


def test_a_new_observer_asks_everyone_again(cast, observed):
    services.observation_answer(meeting=observed, person=cast.member, consents=True)
    other = UserFactory(display_name="Other Researcher", roles=[Role.RESEARCHER])
    services.observer_set(meeting=observed, observer=other, by=cast.facilitator)
    observed.refresh_from_db()
    assert cast.member in observation_status(observed).unanswered


def test_without_an_observer_nothing_is_asked(client, cast):
    meeting = MeetingFactory()
    assert observation_status(meeting).observer is None
    assert not observation_consent_collected(meeting)
    client.force_login(cast.member)
    client.post(reverse("observation_answer", args=[meeting.pk]), {"consents": "yes"})
    assert not ObservationAnswer.objects.exists()


def test_saying_yes_to_being_observed_asks_for_her_password_and_no_never_waits(
    client, cast, observed
):
    """A yes widens her consent (the researcher may then write about her): as with sharing,
    a phone someone else picked up while she was signed in must not say it for her."""
    client.force_login(cast.member)  # signed in a while ago
    url = reverse("observation_answer", args=[observed.pk])

    response = client.post(url, {"consents": "yes"})

    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not ObservationAnswer.objects.filter(person=cast.member).exists()
    client.post(url, {"consents": "no"})
    assert observation_refusals(observed) == [cast.member]
