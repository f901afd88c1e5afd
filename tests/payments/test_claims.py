"""Getting paid for your time: her choice of payment (with what payments can mean for benefits,
seen only by her), expenses claimed apart from fees and never added to them, each claim moving
claimed -> approved -> paid -> arrived, facilitators seeing what waited longest first, and her
claims in her download and kept only as the finance record when her account goes."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from payments import services
from payments.data_rights import collect, delete_old_receipts
from payments.models import Claim, PaymentChoice
from people.models import Notice
from tests.factories_meetings import FacilitatorFactory
from tests.payments import JPEG, TODAY, claim, ready_to_claim

pytestmark = pytest.mark.django_db


def test_she_chooses_how_she_is_paid_after_reading_about_benefits_and_can_change_it(cast):
    with pytest.raises(ValidationError):
        services.payment_choice_set(
            person=cast.member, method="voucher", benefits_notice_seen=False, by=cast.member
        )
    services.payment_choice_set(
        person=cast.member,
        method="voucher",
        voucher_kind="Supermarket",
        benefits_notice_seen=True,
        by=cast.member,
    )
    choice = PaymentChoice.objects.get(person=cast.member)
    assert (choice.method, choice.voucher_kind) == ("voucher", "Supermarket")
    seen = choice.benefits_notice_seen_at
    assert seen is not None
    # Changing her mind later asks nothing again.
    services.payment_choice_set(
        person=cast.member, method="cash", benefits_notice_seen=False, by=cast.member
    )
    choice.refresh_from_db()
    assert (choice.method, choice.voucher_kind, choice.benefits_notice_seen_at) == (
        "cash",
        "",
        seen,
    )


def test_declining_payment_needs_no_benefits_confirmation_and_nobody_else_chooses_for_her(cast):
    services.payment_choice_set(
        person=cast.member, method="decline", benefits_notice_seen=False, by=cast.member
    )
    assert PaymentChoice.objects.get(person=cast.member).method == "decline"
    with pytest.raises(PermissionDenied):
        services.payment_choice_set(
            person=cast.member, method="cash", benefits_notice_seen=True, by=cast.facilitator
        )


def test_the_benefits_confirmation_is_shown_to_nobody_but_her(client, cast):
    ready_to_claim(cast.member)
    claim(cast.member)
    client.force_login(cast.facilitator)
    pages = (
        client.get(reverse("payments_waiting")).text
        + client.get(reverse("payments_claim", args=[Claim.objects.get().pk])).text
    )
    assert "benefits" not in pages.lower()


def test_a_claim_moves_from_claimed_to_arrived_and_she_is_told_at_each_step(cast):
    ready_to_claim(cast.member)
    made = claim(cast.member)
    services.claim_question(claim=made, question="Was it a return ticket?", by=cast.facilitator)
    assert made.state == Claim.State.QUESTIONED
    services.claim_change(claim=made, amount=Decimal("5.20"), what_for="Return bus", by=cast.member)
    assert made.state == Claim.State.CLAIMED
    services.claim_approve(claim=made, by=cast.facilitator)
    services.claim_paid(claim=made, paid_on=TODAY(), method="bank_transfer", by=cast.facilitator)
    services.claim_arrived(claim=made, arrived=False, by=cast.member)
    assert made.state == Claim.State.NOT_RECEIVED
    services.claim_paid(claim=made, paid_on=TODAY(), method="cash", by=cast.facilitator)
    services.claim_arrived(claim=made, arrived=True, by=cast.member)
    made.refresh_from_db()
    assert (made.state, made.amount, made.paid_method) == ("received", Decimal("5.20"), "cash")
    assert Notice.objects.filter(person=cast.member).count() == 4


def test_states_cannot_be_skipped_and_nobody_decides_her_own_claim(cast):
    ready_to_claim(cast.member)
    made = claim(cast.member)
    with pytest.raises(ValidationError):
        services.claim_paid(claim=made, paid_on=TODAY(), method="cash", by=cast.facilitator)
    with pytest.raises(PermissionDenied):
        services.claim_approve(claim=made, by=cast.gp)
    faye = FacilitatorFactory()
    ready_to_claim(faye)
    own = claim(faye)
    with pytest.raises(PermissionDenied):
        services.claim_approve(claim=own, by=faye)
    with pytest.raises(ValidationError):
        services.claim_question(claim=made, question="  ", by=cast.facilitator)


def test_expenses_are_never_counted_as_fees(client, cast):
    from meetings.models import Payment
    from tests.factories_meetings import MeetingFactory, in_days

    meeting = MeetingFactory(starts_at=in_days(-2), ends_at=in_days(-2, hour=20))
    Payment.objects.create(
        meeting=meeting, person=cast.member, amount=Decimal("20.00"), updated_by=cast.facilitator
    )
    ready_to_claim(cast.member)
    claim(cast.member, amount="7.50")
    client.force_login(cast.member)
    page = client.get(reverse("payments_mine")).text
    assert "Payments for your time, in all: £20.00." in page
    assert "Expenses claimed, in all: £7.50." in page
    assert "£27.50" not in page


def test_facilitators_see_what_waited_longest_first_and_what_waited_too_long_is_marked(
    client, cast, settings
):
    settings.PAYMENTS_HIGHLIGHT_AFTER_DAYS = 10
    ready_to_claim(cast.member)
    ready_to_claim(cast.owner)
    recent = claim(cast.member, what_for="Recent bus")
    old = claim(cast.owner, what_for="Old taxi", category=Claim.Category.ACCESS)
    Claim.objects.filter(pk=old.pk).update(claimed_at=timezone.now() - timedelta(days=12))
    done = claim(cast.member, what_for="Done already")
    services.claim_approve(claim=done, by=cast.facilitator)
    services.claim_paid(claim=done, paid_on=TODAY(), method="cash", by=cast.facilitator)
    client.force_login(cast.facilitator)
    page = client.get(reverse("payments_waiting")).text
    assert page.index(str(old.pk)) < page.index(str(recent.pk))
    assert "Waiting 12 days." in page
    assert str(done.pk) not in page


def test_a_claim_with_a_receipt_photo_through_the_page(client, cast):
    ready_to_claim(cast.member)
    client.force_login(cast.member)
    response = client.post(
        reverse("payments_claim_new"),
        {
            "category": "childcare",
            "amount": "12.00",
            "what_for": "Childminder for two hours",
            "spent_on": TODAY().isoformat(),
            "receipt": SimpleUploadedFile("IMG_0042.JPG", JPEG, content_type="image/jpeg"),
        },
    )
    made = Claim.objects.get()
    assert response["Location"] == reverse("payments_claim", args=[made.pk])
    assert made.receipt_type == "image/jpeg"
    receipt = client.get(reverse("payments_receipt", args=[made.pk]))
    assert b"".join(receipt.streaming_content) == JPEG
    # A facilitator reading it is in her history.
    client.force_login(cast.facilitator)
    client.get(reverse("payments_receipt", args=[made.pk]))
    from actionlog.models import LoggedAction

    assert LoggedAction.objects.filter(
        action="payments.receipt.viewed", person=cast.member
    ).exists()


def test_a_file_that_is_not_a_photo_is_refused_with_why_and_what_was_typed_kept(client, cast):
    ready_to_claim(cast.member)
    client.force_login(cast.member)
    page = client.post(
        reverse("payments_claim_new"),
        {
            "category": "food",
            "amount": "3.10",
            "what_for": "Sandwich on the way",
            "spent_on": TODAY().isoformat(),
            "receipt": SimpleUploadedFile("receipt.jpg", b"MZ\x90\x00 not a photo"),
        },
    ).text
    assert "This file is not a photo or a PDF." in page
    assert "Sandwich on the way" in page
    assert not Claim.objects.exists()


def test_she_is_asked_how_she_is_paid_before_her_first_claim_and_a_claim_is_refused(client, cast):
    client.force_login(cast.member)
    page = client.get(reverse("payments_claim_new")).text
    assert reverse("payments_choice") in page
    assert 'name="amount"' not in page
    with pytest.raises(ValidationError):
        claim(cast.member)


def test_her_download_holds_her_choice_and_claims_with_the_receipt(cast):
    ready_to_claim(cast.member)
    claim(cast.member, receipt=SimpleUploadedFile("r.jpg", JPEG), receipt_type="image/jpeg")
    (section,) = collect(cast.member)
    assert section.data["choice"][0]["method"] == "bank_transfer"
    (row,) = section.data["expense_claims"]
    assert row["what_for"] == "Bus to the meeting and back"
    assert len(section.attachments) == 1


def test_when_her_account_goes_unpaid_claims_are_cancelled_and_paid_ones_kept_without_her_words(
    cast, django_capture_on_commit_callbacks
):
    from datarights.erasure import account_erase
    from datarights.services import deletion_request

    ready_to_claim(cast.member)
    waiting = claim(cast.member, what_for="Waiting bus")
    paid = claim(cast.member, what_for="Paid taxi", receipt=SimpleUploadedFile("r.jpg", JPEG))
    services.claim_approve(claim=paid, by=cast.facilitator)
    services.claim_paid(claim=paid, paid_on=TODAY(), method="cash", by=cast.facilitator)
    departure = deletion_request(person=cast.member)
    with django_capture_on_commit_callbacks(execute=True):
        assert account_erase(departure=departure, now=departure.erase_after)
    assert not Claim.objects.filter(pk=waiting.pk).exists()
    paid.refresh_from_db()
    assert (paid.what_for, paid.amount) == ("", Decimal("4.80"))
    assert paid.kept_for_finance_since is not None
    assert not PaymentChoice.objects.exists()
    # Then, the finance retention after it was paid: receipt and record go.
    later = timezone.now() + timedelta(days=cast_retention() + 1)
    with django_capture_on_commit_callbacks(execute=True):
        assert delete_old_receipts(later) == 2
    assert not Claim.objects.exists()
    assert not paid.receipt.storage.exists(paid.receipt.name)


def cast_retention() -> int:
    from django.conf import settings

    return settings.RETENTION_FINANCE_DAYS


def test_nothing_odd_typed_into_a_claim_gives_a_server_error(client, cast):
    ready_to_claim(cast.member)
    client.force_login(cast.member)
    for amount in ("-1", "0", "1e9", "abc", "1.234"):
        response = client.post(
            reverse("payments_claim_new"),
            {"category": "travel", "amount": amount, "what_for": "x", "spent_on": "2026-01-01"},
        )
        assert response.status_code == 200, amount
    assert not Claim.objects.exists()
