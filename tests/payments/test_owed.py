"""What she is owed: a rate for each kind of activity from its day on, meetings attended and
interviews given at the rate of their day, other activities a facilitator adds, the finance
list (fees and expenses apart, behind the password), and her saying whether a payment arrived."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from payments import services
from payments.models import Claim
from tests.payments import JPEG, TODAY, claim, ready_to_claim

pytestmark = pytest.mark.django_db


def test_a_rate_starts_on_its_day_and_earlier_days_keep_theirs(cast):
    first = services.rate_set(
        activity="training",
        basis="hourly",
        amount=Decimal("15.00"),
        starts_on=TODAY() - timedelta(days=30),
        by=cast.facilitator,
    )
    services.rate_set(
        activity="training",
        basis="hourly",
        amount=Decimal("18.00"),
        starts_on=TODAY(),
        by=cast.facilitator,
    )
    assert services.rate_on("training", TODAY() - timedelta(days=1)) == first
    assert services.rate_on("training", TODAY()).amount == Decimal("18.00")
    assert services.rate_on("training", TODAY() - timedelta(days=31)) is None
    earlier = services.fee_owed(
        person=cast.member,
        activity="training",
        day=TODAY() - timedelta(days=2),
        hours=Decimal("2"),
        what_for="First aid",
        by=cast.facilitator,
    )
    today = services.fee_owed(
        person=cast.member,
        activity="training",
        day=TODAY(),
        hours=Decimal("2"),
        what_for="First aid",
        by=cast.facilitator,
    )
    assert (earlier.amount, today.amount) == (Decimal("30.00"), Decimal("36.00"))
    assert earlier.kind == today.kind == Claim.Kind.FEE
    with pytest.raises(PermissionDenied):
        services.rate_set(
            activity="reading",
            basis="fixed",
            amount=Decimal("5"),
            starts_on=TODAY(),
            by=cast.member,
        )


def test_a_meeting_attended_is_owed_at_the_rate_of_the_meetings_day(cast):
    from meetings import services as meeting_services
    from meetings.models import Payment
    from tests.factories_meetings import MeetingFactory, in_days

    services.rate_set(
        activity="group_meeting",
        basis="hourly",
        amount=Decimal("12.00"),
        starts_on=TODAY() - timedelta(days=60),
        by=cast.facilitator,
    )
    meeting = MeetingFactory(starts_at=in_days(-2, hour=18), ends_at=in_days(-2, hour=20))
    meeting_services.attendance_set(meeting=meeting, present=[cast.member], by=cast.facilitator)
    assert Payment.objects.get(person=cast.member).amount == Decimal("24.00")


def test_someone_who_asked_for_no_payment_is_owed_nothing(cast):
    from meetings import services as meeting_services
    from meetings.models import Payment
    from tests.factories_meetings import MeetingFactory, in_days

    services.payment_choice_set(
        person=cast.member, method="decline", benefits_notice_seen=False, by=cast.member
    )
    services.rate_set(
        activity="reading",
        basis="fixed",
        amount=Decimal("10"),
        starts_on=TODAY(),
        by=cast.facilitator,
    )
    assert (
        services.fee_owed(
            person=cast.member,
            activity="reading",
            day=TODAY(),
            hours=None,
            what_for="Papers",
            by=cast.facilitator,
        )
        is None
    )
    meeting = MeetingFactory(starts_at=in_days(-2), ends_at=in_days(-2, hour=20))
    meeting_services.attendance_set(meeting=meeting, present=[cast.member], by=cast.facilitator)
    assert not Payment.objects.filter(person=cast.member).exists()
    assert not Claim.objects.exists()


def test_giving_an_interview_makes_what_she_is_owed_for_it_at_the_rate_of_its_day(cast):
    from datetime import date

    from interviews.models import Status
    from tests.factories_interviews import interview_at

    services.rate_set(
        activity="interview",
        basis="fixed",
        amount=Decimal("25.00"),
        starts_on=date(2026, 1, 1),
        by=cast.facilitator,
    )
    interview_at(Status.CONDUCTED, interviewee=cast.member, interviewer=cast.researcher)
    fee = Claim.objects.get(person=cast.member)
    assert (fee.kind, fee.activity, fee.amount, fee.added_by) == (
        "fee",
        "interview",
        Decimal("25.00"),
        None,
    )
    assert fee.spent_on == date(2026, 5, 12)


def test_a_facilitator_adds_another_activity_and_she_sees_it_apart_from_expenses(client, cast):
    services.rate_set(
        activity="speaking",
        basis="fixed",
        amount=Decimal("50.00"),
        starts_on=TODAY(),
        by=cast.facilitator,
    )
    client.force_login(cast.facilitator)
    response = client.post(
        reverse("payments_fee_add"),
        {
            "person": cast.member.pk,
            "activity": "speaking",
            "day": TODAY().isoformat(),
            "what_for": "Talk at the GP conference",
        },
    )
    fee = Claim.objects.get()
    assert response["Location"] == reverse("payments_claim", args=[fee.pk])
    ready_to_claim(cast.member)
    claim(cast.member, amount="7.50")
    client.force_login(cast.member)
    page = client.get(reverse("payments_mine")).text
    assert "Payments for your time, in all: £50.00." in page
    assert "Expenses claimed, in all: £7.50." in page
    # A payment for time is set by its rate: she cannot change its amount.
    with pytest.raises(PermissionDenied):
        services.claim_change(claim=fee, amount=Decimal("99"), what_for="x", by=cast.member)


def test_an_activity_without_a_rate_is_refused_with_why(client, cast):
    client.force_login(cast.facilitator)
    page = client.post(
        reverse("payments_fee_add"),
        {
            "person": cast.member.pk,
            "activity": "training",
            "day": TODAY().isoformat(),
            "hours": "2",
            "what_for": "First aid",
        },
    ).text
    assert "Set a rate for this activity first" in page
    assert "First aid" in page
    assert not Claim.objects.exists()


def test_the_finance_list_keeps_fees_and_expenses_apart_and_holds_nothing_else(client, cast):
    import csv as csv_module

    from actionlog.models import LoggedAction
    from tests.helpers import sign_in_recently

    cast.member.display_name = "=HYPERLINK(1)"
    cast.member.save(update_fields=["display_name"])
    services.payment_choice_set(
        person=cast.member,
        method="voucher",
        voucher_kind="Supermarket",
        benefits_notice_seen=True,
        by=cast.member,
    )
    services.rate_set(
        activity="reading",
        basis="fixed",
        amount=Decimal("10"),
        starts_on=TODAY(),
        by=cast.facilitator,
    )
    fee = services.fee_owed(
        person=cast.member,
        activity="reading",
        day=TODAY(),
        hours=None,
        what_for="Secret words",
        by=cast.facilitator,
    )
    services.claim_approve(claim=fee, by=cast.facilitator)
    approved = claim(cast.member, amount="4.80", what_for="Private reason")
    services.claim_approve(claim=approved, by=cast.facilitator)
    claim(cast.member, amount="99.00")  # not approved yet: not on the list
    sign_in_recently(client, cast.facilitator)
    day = TODAY().isoformat()
    response = client.get(
        reverse("payments_finance"), {"first_day": day, "last_day": day, "file_format": "csv"}
    )
    text = response.content.decode()
    rows = list(csv_module.reader(io.StringIO(text)))
    assert rows[0][:4] == ["Date", "Name", "How paid", "Payment for time or expenses"]
    body = [row for row in rows[1:] if row and row[0][:1].isdigit()]
    assert sorted((row[3], row[5]) for row in body) == [
        ("Expenses", "4.80"),
        ("Payment for time", "10.00"),
    ]
    assert ["Total payments for time", "", "", "Payment for time", "", "10.00"] in rows
    assert ["Total expenses", "", "", "Expenses", "", "4.80"] in rows
    assert "'=HYPERLINK(1)" in text
    assert "A voucher (Supermarket)" in text
    for words in ("Secret words", "Private reason", "99.00"):
        assert words not in text
    # Each person named is told, in her history.
    assert LoggedAction.objects.filter(
        action="payments.finance.listed", person=cast.member
    ).exists()
    client.force_login(cast.member)
    assert (
        "A payments list with your name was sent to finance"
        in client.get(reverse("payments_mine")).text
    )
    # The spreadsheet holds the same, as text, never a formula.
    from openpyxl import load_workbook

    sign_in_recently(client, cast.facilitator)
    book = load_workbook(
        io.BytesIO(
            client.get(
                reverse("payments_finance"),
                {"first_day": day, "last_day": day, "file_format": "xlsx"},
            ).content
        )
    )
    values = [cell.value for row in book.active.iter_rows() for cell in row]
    assert "=HYPERLINK(1)" in values
    assert all(
        cell.data_type == "s" for row in book.active.iter_rows() for cell in row if cell.value
    )


def test_the_finance_list_asks_for_the_password_first(client, cast):
    client.force_login(cast.facilitator)
    day = TODAY().isoformat()
    response = client.get(reverse("payments_finance"), {"first_day": day, "last_day": day})
    assert response.status_code == 302
    assert "reauthenticate" in response["Location"]


def test_she_says_whether_a_meetings_payment_arrived_and_not_arrived_goes_back_on_the_list(
    client, cast
):
    from meetings import services as meeting_services
    from meetings.models import Payment
    from tests.factories_meetings import MeetingFactory, in_days

    meeting = MeetingFactory(starts_at=in_days(-3), ends_at=in_days(-3, hour=20))
    meeting_services.attendance_set(meeting=meeting, present=[cast.member], by=cast.facilitator)
    payment = Payment.objects.get(person=cast.member)
    with pytest.raises(ValidationError):
        services.meeting_payment_arrived(payment=payment, arrived=True, by=cast.member)
    meeting_services.payment_update(
        payment=payment,
        amount=payment.amount,
        kind=payment.kind,
        issued=True,
        issued_on=TODAY(),
        by=cast.facilitator,
    )
    client.force_login(cast.facilitator)
    assert str(meeting.pk) not in client.get(reverse("payments_waiting")).text
    client.force_login(cast.member)
    client.post(reverse("payments_mine"), {"payment": str(payment.pk), "arrived": "no"})
    assert "You said it has not arrived" in client.get(reverse("payments_mine")).text
    client.force_login(cast.facilitator)
    assert "she said it has not arrived" in client.get(reverse("payments_waiting")).text
    # Someone else's payment answers like one that does not exist.
    client.force_login(cast.owner)
    response = client.post(reverse("payments_mine"), {"payment": str(payment.pk), "arrived": "yes"})
    assert response.status_code == 404


def test_a_receipt_whose_file_is_gone_answers_not_found_not_a_server_error(client, cast):
    ready_to_claim(cast.member)
    made = claim(cast.member, receipt=SimpleUploadedFile("r.jpg", JPEG), receipt_type="image/jpeg")
    made.receipt.storage.delete(made.receipt.name)
    client.force_login(cast.member)
    assert client.get(reverse("payments_receipt", args=[made.pk])).status_code == 404
