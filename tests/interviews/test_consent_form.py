"""The consent form: recorded by the researcher, confirmed and withdrawn by the interviewee."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from consent.models import Share
from interviews import services
from interviews.models import (
    ConsentAnswer,
    ConsentConfirmation,
    ConsentForm,
    ConsentItem,
    ConsentWithdrawal,
    Passage,
    Recording,
    Status,
)
from tests.factories_interviews import add_recording, consent_answers, interview_at
from tests.helpers import share

pytestmark = pytest.mark.django_db

FORM = {
    "information_sheet_version": "2.1",
    "signed_on": "2026-05-12",
    "taking_part": "yes",
    "audio": "yes",
    "quotes": "no",
    "future_research": "yes",
    "recontact": "no",
}


@pytest.fixture
def planned(cast):
    return interview_at(Status.PLANNED, interviewee=cast.owner)


def test_the_researcher_records_each_item_of_the_form_and_the_interview_moves_on(client, planned):
    client.force_login(planned.interviewer)
    response = client.post(reverse("consent_record", args=[planned.pk]), FORM)
    assert response.status_code == 302
    form = ConsentForm.objects.get(interview=planned)
    assert (form.information_sheet_version, form.signed_on, form.recorded_by) == (
        "2.1",
        date(2026, 5, 12),
        planned.interviewer,
    )
    assert {a.item: a.agreed for a in form.answers.all()} == {
        "taking_part": True,
        "audio": True,
        "quotes": False,
        "future_research": True,
        "recontact": False,
    }
    planned.refresh_from_db()
    assert planned.status == Status.CONSENT_RECORDED


def test_every_item_needs_an_answer_and_what_was_typed_stays(client, planned):
    client.force_login(planned.interviewer)
    response = client.post(reverse("consent_record", args=[planned.pk]), {**FORM, "recontact": ""})
    assert response.status_code == 200
    assert "Choose yes or no, as on the form." in response.text
    assert 'value="2.1"' in response.text
    assert not ConsentForm.objects.exists()


def test_a_form_without_a_yes_to_taking_part_is_refused(client, planned):
    client.force_login(planned.interviewer)
    response = client.post(
        reverse("consent_record", args=[planned.pk]), {**FORM, "taking_part": "no"}
    )
    assert "Without a yes to taking part there is no interview." in response.text
    assert not ConsentForm.objects.exists()


def test_the_form_is_recorded_once(planned):
    services.consent_form_record(
        interview=planned,
        information_sheet_version="2.1",
        signed_on=date(2026, 5, 12),
        answers=consent_answers(),
        by=planned.interviewer,
    )
    with pytest.raises(ValidationError, match="already recorded"):
        services.consent_form_record(
            interview=planned,
            information_sheet_version="2.2",
            signed_on=date(2026, 5, 13),
            answers=consent_answers(audio=False),
            by=planned.interviewer,
        )


def test_the_interviewee_reads_the_form_and_confirms_it(client, cast):
    interview = interview_at(Status.CONSENT_RECORDED, interviewee=cast.owner, quotes=False)
    client.force_login(cast.owner)
    page = client.get(reverse("interview_detail", args=[interview.pk])).text
    assert "Anonymised quotes in publications" in page
    assert "Information sheet version 2.1" in page
    assert "Yes, this is what I agreed" in page
    client.post(reverse("consent_confirm", args=[interview.pk]))
    confirmation = ConsentConfirmation.objects.get()
    assert confirmation.by == cast.owner
    page = client.get(reverse("interview_detail", args=[interview.pk])).text
    assert "You confirmed this on" in page
    assert "Yes, this is what I agreed" not in page


def test_withdrawing_an_item_appends_and_never_edits(client, cast):
    interview = interview_at(Status.CONDUCTED, interviewee=cast.owner)
    client.force_login(cast.owner)
    page = client.get(reverse("consent_withdraw", args=[interview.pk, "recontact"]))
    assert "will not contact you again" in page.text
    assert not ConsentWithdrawal.objects.exists()  # saying what happens changes nothing
    client.post(
        reverse("consent_withdraw", args=[interview.pk, "recontact"]), {"reason": "Moving away"}
    )
    answer = ConsentAnswer.objects.get(item="recontact")
    assert answer.agreed  # the yes that was given stays on the form
    assert (answer.withdrawal.by, answer.withdrawal.reason) == (cast.owner, "Moving away")
    page = client.get(reverse("interview_detail", args=[interview.pk])).text
    assert "Yes, then withdrawn on" in page


def test_a_no_or_an_already_withdrawn_yes_cannot_be_withdrawn(cast):
    interview = interview_at(Status.CONDUCTED, interviewee=cast.owner, quotes=False)
    with pytest.raises(ValidationError):
        services.consent_withdraw(interview=interview, item="quotes", by=cast.owner)
    services.consent_withdraw(interview=interview, item="recontact", by=cast.owner)
    with pytest.raises(ValidationError):
        services.consent_withdraw(interview=interview, item="recontact", by=cast.owner)


def test_withdrawing_taking_part_ends_the_study_for_her(cast, django_capture_on_commit_callbacks):
    interview = interview_at(Status.REVIEWED, interviewee=cast.owner)
    add_recording(interview)
    share(interview, researchers=False, research_use=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.consent_withdraw(interview=interview, item="taking_part", by=cast.owner)
    interview.refresh_from_db()
    assert interview.status == Status.WITHDRAWN
    assert not Recording.objects.exists()
    assert not Passage.objects.exists()
    assert not Share.objects.current().filter(item_id=interview.pk).exists()
    # The record and its ledger stay: what was agreed, withdrawn, and done.
    assert ConsentAnswer.objects.filter(form__interview=interview).count() == len(ConsentItem)
    assert interview.steps.last().status == Status.WITHDRAWN


def test_the_interviewer_may_record_a_withdrawal_she_was_told_about(client, cast):
    interview = interview_at(Status.CONDUCTED, interviewee=cast.owner)
    client.force_login(interview.interviewer)
    page = client.get(reverse("consent_withdraw", args=[interview.pk, "quotes"])).text
    assert "only when the interviewee has told you so" in page
    client.post(reverse("consent_withdraw", args=[interview.pk, "quotes"]))
    assert ConsentWithdrawal.objects.get().by == interview.interviewer


def test_someone_with_a_share_cannot_withdraw_for_her(client, cast):
    interview = interview_at(Status.CONDUCTED, interviewee=cast.owner)
    share(interview, researchers=False)
    client.force_login(cast.researcher)
    response = client.post(reverse("consent_withdraw", args=[interview.pk, "quotes"]))
    assert response.status_code == 404
    assert not ConsentWithdrawal.objects.exists()


@pytest.mark.parametrize(
    "model", [ConsentForm, ConsentAnswer, ConsentConfirmation, ConsentWithdrawal]
)
@pytest.mark.parametrize("statement", ["UPDATE {table} SET id = id", "DELETE FROM {table}"])
def test_the_consent_form_ledger_cannot_be_changed_in_the_database(cast, model, statement):
    interview = interview_at(Status.CONDUCTED, interviewee=cast.owner)
    services.consent_confirm(interview=interview, by=cast.owner)
    services.consent_withdraw(interview=interview, item="recontact", by=cast.owner)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement.format(table=model._meta.db_table))
    assert model.objects.exists()


def test_deleting_the_interview_keeps_the_consent_ledger(cast):
    interview = interview_at(Status.CONDUCTED, interviewee=cast.owner)
    interview_id = interview.pk
    services.interview_delete(interview=interview, by=cast.owner)
    assert ConsentForm.objects.filter(interview_id=interview_id).exists()
    assert ConsentAnswer.objects.filter(form__interview_id=interview_id).count() == len(ConsentItem)
