"""The workflow: planned -> consent recorded -> conducted -> transcribed -> reviewed -> ready."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from interviews import services
from interviews.models import Interview, InterviewStep, Mode, Status
from people.models import Role
from tests.factories import UserFactory
from tests.factories_interviews import ORDER, interview_at

pytestmark = pytest.mark.django_db


def test_every_step_is_appended_with_its_date_and_who_took_it(cast):
    interview = interview_at(Status.READY, interviewee=cast.owner)
    steps = list(InterviewStep.objects.filter(interview=interview))
    assert [step.status for step in steps] == [
        Status.PLANNED,
        Status.CONSENT_RECORDED,
        Status.CONDUCTED,
        Status.TRANSCRIBED,
        Status.REVIEWED,
        Status.READY,
    ]
    who = {step.status: step.by for step in steps}
    assert who[Status.REVIEWED] == cast.owner
    assert who[Status.READY] == interview.interviewer
    assert all(step.at is not None for step in steps)
    assert interview.status == Status.READY


@pytest.mark.parametrize(
    ("start", "to", "message"),
    [
        (Status.PLANNED, Status.CONDUCTED, "Its next step is “consent recorded”, not “conducted”"),
        (Status.PLANNED, Status.READY, "not “ready for analysis”"),
        (Status.CONSENT_RECORDED, Status.TRANSCRIBED, "next step is “conducted”"),
        (Status.REVIEWED, Status.CONDUCTED, "next step is “ready for analysis”"),
        (Status.READY, Status.REVIEWED, "it has no further step"),
    ],
)
def test_the_workflow_refuses_illegal_moves_with_a_clear_message(cast, start, to, message):
    interview = interview_at(start, interviewee=cast.owner)
    with pytest.raises(ValidationError, match=message):
        services.interview_move(interview=interview, to=to, by=interview.interviewer)
    interview.refresh_from_db()
    assert interview.status == start
    # Nothing appended: one step for each status reached so far.
    assert InterviewStep.objects.filter(interview=interview).count() == ORDER.index(start) + 1


def test_a_withdrawn_interview_cannot_move_on(cast):
    interview = interview_at(Status.CONDUCTED, interviewee=cast.owner)
    services.consent_withdraw(interview=interview, item="taking_part", by=cast.owner)
    interview.refresh_from_db()
    with pytest.raises(ValidationError, match="withdrawn from the study"):
        services.interview_move(
            interview=interview, to=Status.TRANSCRIBED, by=interview.interviewer
        )


def test_transcribed_needs_a_transcript(cast):
    interview = interview_at(Status.CONDUCTED, interviewee=cast.owner)
    with pytest.raises(ValidationError, match="Add the transcript first"):
        services.interview_move(
            interview=interview, to=Status.TRANSCRIBED, by=interview.interviewer
        )


def test_only_the_interviewee_can_say_her_review_is_finished(cast):
    interview = interview_at(Status.TRANSCRIBED, interviewee=cast.owner)
    with pytest.raises(PermissionDenied, match="Only the interviewee"):
        services.interview_move(interview=interview, to=Status.REVIEWED, by=interview.interviewer)


def test_only_the_interviewer_marks_the_interview_conducted(cast):
    interview = interview_at(Status.CONSENT_RECORDED, interviewee=cast.owner)
    with pytest.raises(PermissionDenied, match="Only the interviewer"):
        services.interview_move(interview=interview, to=Status.CONDUCTED, by=cast.owner)


def test_the_step_button_refuses_an_illegal_move_and_says_why(client, cast):
    interview = interview_at(Status.PLANNED, interviewee=cast.owner)
    client.force_login(interview.interviewer)
    response = client.post(
        reverse("interview_step", args=[interview.pk]), {"to": "conducted"}, follow=True
    )
    assert "Its next step is “consent recorded”" in response.text
    interview.refresh_from_db()
    assert interview.status == Status.PLANNED


def test_the_step_button_moves_a_legal_step(client, cast):
    interview = interview_at(Status.CONSENT_RECORDED, interviewee=cast.owner)
    client.force_login(interview.interviewer)
    response = client.post(
        reverse("interview_step", args=[interview.pk]), {"to": "conducted"}, follow=True
    )
    assert "The interview is now conducted." in response.text
    interview.refresh_from_db()
    assert interview.status == Status.CONDUCTED


def test_the_step_button_cannot_jump_to_a_step_of_someone_else(client, cast):
    interview = interview_at(Status.TRANSCRIBED, interviewee=cast.owner)
    client.force_login(interview.interviewer)
    response = client.post(
        reverse("interview_step", args=[interview.pk]), {"to": "reviewed"}, follow=True
    )
    assert "That is not a step you can take here." in response.text
    interview.refresh_from_db()
    assert interview.status == Status.TRANSCRIBED


@pytest.mark.parametrize("statement", ["UPDATE {table} SET id = id", "DELETE FROM {table}"])
def test_the_steps_ledger_cannot_be_changed_in_the_database(cast, statement):
    interview_at(Status.CONDUCTED, interviewee=cast.owner)
    table = InterviewStep._meta.db_table
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement.format(table=table))
    assert InterviewStep.objects.count() == 3


def test_only_researchers_plan_interviews(cast):
    with pytest.raises(PermissionDenied):
        services.interview_plan(
            interviewer=cast.gp,
            interviewee=cast.owner,
            topic="Care",
            date=date(2026, 5, 1),
            mode=Mode.PHONE,
        )


def test_a_researcher_plans_an_interview_with_a_member_who_then_owns_it(client, cast):
    client.force_login(cast.researcher)
    response = client.post(
        reverse("interview_plan"),
        {
            "interviewee": cast.owner.pk,
            "topic": "First appointments",
            "date": "2026-05-12",
            "mode": "phone",
        },
    )
    interview = Interview.objects.get()
    assert response.status_code == 302
    assert (interview.owner, interview.interviewee, interview.interviewer) == (
        cast.owner,
        cast.owner,
        cast.researcher,
    )
    assert interview.status == Status.PLANNED
    assert InterviewStep.objects.get(interview=interview).by == cast.researcher


def test_an_outside_participant_is_recorded_by_a_code_and_the_interviewer_holds_it(client, cast):
    client.force_login(cast.researcher)
    client.post(
        reverse("interview_plan"),
        {"participant_code": " P07 ", "topic": "Care", "date": "2026-05-12", "mode": "video"},
    )
    interview = Interview.objects.get()
    assert interview.participant_code == "P07"
    assert interview.interviewee is None
    assert interview.owner == cast.researcher
    assert interview.has_custodian


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({}, "Choose the person interviewed, or give a participant code"),
        ({"participant_code": "P01", "interviewee": "owner"}, "not both"),
    ],
)
def test_planning_needs_exactly_one_interviewee_and_keeps_what_was_typed(
    client, cast, extra, message
):
    if extra.get("interviewee") == "owner":
        extra = {**extra, "interviewee": cast.owner.pk}
    client.force_login(cast.researcher)
    response = client.post(
        reverse("interview_plan"),
        {"topic": "Kept topic", "date": "2026-05-12", "mode": "phone", **extra},
    )
    assert response.status_code == 200
    assert message in response.text
    assert 'value="Kept topic"' in response.text
    assert not Interview.objects.exists()


def test_a_researcher_cannot_interview_herself(cast):
    with pytest.raises(ValidationError):
        services.interview_plan(
            interviewer=cast.researcher,
            interviewee=cast.researcher,
            topic="Care",
            date=date(2026, 5, 1),
            mode=Mode.PHONE,
        )


def test_the_database_keeps_the_owner_the_interviewee(cast):
    interview = interview_at(Status.PLANNED, interviewee=cast.owner)
    other = UserFactory(roles=[Role.MEMBER])
    with pytest.raises(DatabaseError), transaction.atomic():
        Interview.objects.filter(pk=interview.pk).update(owner=other)


def test_the_interviewer_changes_the_date_of_a_planned_interview(client, cast):
    interview = interview_at(Status.PLANNED, interviewee=cast.owner)
    client.force_login(interview.interviewer)
    response = client.post(
        reverse("interview_edit", args=[interview.pk]),
        {"topic": "New topic", "date": "2026-06-01", "mode": "video"},
    )
    assert response.status_code == 302
    interview.refresh_from_db()
    assert (interview.topic, interview.date, interview.mode) == (
        "New topic",
        date(2026, 6, 1),
        "video",
    )


def test_the_interviewee_cannot_use_the_interviewers_pages(client, cast):
    interview = interview_at(Status.CONSENT_RECORDED, interviewee=cast.owner)
    client.force_login(cast.owner)
    for name in ("interview_edit", "consent_record", "recording_upload", "transcript_edit"):
        assert client.get(reverse(name, args=[interview.pk])).status_code == 404, name
    response = client.post(reverse("interview_step", args=[interview.pk]), {"to": "conducted"})
    assert response.status_code == 404


def test_the_interviewer_cannot_use_the_interviewees_pages(client, cast):
    interview = interview_at(Status.TRANSCRIBED, interviewee=cast.owner)
    client.force_login(interview.interviewer)
    for name in ("transcript_review", "originals_delete"):
        assert client.get(reverse(name, args=[interview.pk])).status_code == 404, name
    assert client.post(reverse("consent_confirm", args=[interview.pk])).status_code == 404
    assert client.get(reverse("share", args=["interview", interview.pk])).status_code == 404
