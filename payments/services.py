"""Writes for payments: keyword-only, typed, each in one transaction, each in the action log
(codes only: never an amount's reason, never anything about benefits)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from actionlog.services import log_action
from meetings.models import Payment
from payments.models import Claim, MeetingPaymentAnswer, PaymentChoice, Rate
from people.models import User
from people.services import notice_send

MONEY_SUBJECT = "Your workspace: an update about a payment"


def choice_of(person: User) -> PaymentChoice | None:
    return PaymentChoice.objects.filter(person=person).first()


@transaction.atomic
def payment_choice_set(
    *, person: User, method: str, voucher_kind: str = "", benefits_notice_seen: bool, by: User
) -> PaymentChoice:
    """Her choice, set by her. Before her first payment she confirms she has seen what
    payments can mean for benefits (declining payment needs no confirmation)."""
    if by.pk != person.pk:
        raise PermissionDenied("Only she chooses how she is paid.")
    if method not in PaymentChoice.Method.values:
        raise ValidationError("Choose how you would like to be paid.")
    choice = choice_of(person) or PaymentChoice(person=person)
    if method != PaymentChoice.Method.DECLINE and choice.benefits_notice_seen_at is None:
        if not benefits_notice_seen:
            raise ValidationError("Tick the box to say you have read about payments and benefits.")
        choice.benefits_notice_seen_at = timezone.now()
    choice.method = method
    choice.voucher_kind = voucher_kind.strip() if method == PaymentChoice.Method.VOUCHER else ""
    choice.updated_at = timezone.now()
    choice.save()
    log_action(by=by, action="payments.choice.set", obj=choice, data={"method": method})
    return choice


def may_claim(person: User) -> bool:
    choice = choice_of(person)
    return choice is not None and choice.benefits_notice_seen_at is not None


@transaction.atomic
def claim_create(
    *,
    person: User,
    category: str,
    amount: Decimal,
    what_for: str,
    spent_on: date,
    receipt: File[bytes] | None,
    receipt_type: str = "",
    by: User,
) -> Claim:
    if by.pk != person.pk:
        raise PermissionDenied("Only she claims her expenses.")
    if not may_claim(person):
        raise ValidationError("First say how you would like to be paid.")
    if category not in Claim.Category.values:
        raise ValidationError("Say what you spent it on.")
    if amount <= 0:
        raise ValidationError("Give the amount you spent.")
    if spent_on > timezone.localdate():
        raise ValidationError("Give the day you spent it: today or earlier.")
    claim = Claim(
        person=person,
        category=category,
        amount=amount,
        what_for=what_for.strip(),
        spent_on=spent_on,
        receipt_type=receipt_type if receipt is not None else "",
    )
    if receipt is not None:
        claim.receipt.save(receipt.name or "receipt", receipt, save=False)
    try:
        claim.save()
    except Exception:
        # Nothing half-written: no receipt without its claim.
        if claim.receipt.name:
            claim.receipt.storage.delete(claim.receipt.name)
        raise
    log_action(by=by, action="payments.claim.made", obj=claim, data={"category": category})
    return claim


def _decided(claim: Claim, by: User, state: str, question: str = "") -> None:
    if not by.is_facilitator:
        raise PermissionDenied("Only facilitators decide about claims.")
    if by.pk == claim.person_id:
        raise PermissionDenied("Another facilitator decides about your own claims.")
    claim.state = state
    claim.question = question
    claim.decided_by = by
    claim.decided_at = timezone.now()
    claim.save(update_fields=["state", "question", "decided_by", "decided_at"])


def _tell(claim: Claim, text: str) -> None:
    notice_send(
        person=claim.person,
        text=text,
        url=reverse("payments_claim", args=[claim.pk]),
        email_subject=MONEY_SUBJECT,
    )


@transaction.atomic
def claim_approve(*, claim: Claim, by: User) -> None:
    if claim.state not in (Claim.State.CLAIMED, Claim.State.QUESTIONED):
        raise ValidationError("This claim is not waiting for a decision.")
    _decided(claim, by, Claim.State.APPROVED)
    log_action(by=by, action="payments.claim.approved", obj=claim, person=claim.person)
    _tell(claim, "Your expense claim is approved. It will be paid soon.")


@transaction.atomic
def claim_question(*, claim: Claim, question: str, by: User) -> None:
    """Ask about a claim, with a reason she reads."""
    if not question.strip():
        raise ValidationError("Say what you would like to know: she will read it.")
    if claim.state not in (Claim.State.CLAIMED, Claim.State.QUESTIONED):
        raise ValidationError("This claim is not waiting for a decision.")
    _decided(claim, by, Claim.State.QUESTIONED, question.strip())
    log_action(by=by, action="payments.claim.questioned", obj=claim, person=claim.person)
    _tell(claim, "A facilitator asked about your expense claim.")


@transaction.atomic
def claim_change(*, claim: Claim, amount: Decimal, what_for: str, by: User) -> None:
    """She answers a question by changing her claim: it waits for a decision again."""
    if by.pk != claim.person_id:
        raise PermissionDenied("Only she changes her claim.")
    if claim.kind != Claim.Kind.EXPENSE:
        raise PermissionDenied("A payment for time is set by its rate: ask a facilitator.")
    if claim.state not in (Claim.State.CLAIMED, Claim.State.QUESTIONED):
        raise ValidationError("This claim cannot be changed now.")
    if amount <= 0:
        raise ValidationError("Give the amount you spent.")
    claim.amount = amount
    claim.what_for = what_for.strip()
    claim.state = Claim.State.CLAIMED
    claim.save(update_fields=["amount", "what_for", "state"])
    log_action(by=by, action="payments.claim.changed", obj=claim)


@transaction.atomic
def claim_paid(*, claim: Claim, paid_on: date, method: str, by: User) -> None:
    if not by.is_facilitator or by.pk == claim.person_id:
        raise PermissionDenied("Another facilitator records this payment.")
    if claim.state not in (Claim.State.APPROVED, Claim.State.NOT_RECEIVED):
        raise ValidationError("Approve the claim before saying it is paid.")
    if method not in PaymentChoice.Method.values or method == PaymentChoice.Method.DECLINE:
        raise ValidationError("Say how it was paid.")
    claim.state = Claim.State.PAID
    claim.paid_on = paid_on
    claim.paid_method = method
    claim.save(update_fields=["state", "paid_on", "paid_method"])
    log_action(
        by=by, action="payments.claim.paid", obj=claim, person=claim.person, data={"method": method}
    )
    _tell(claim, "Your expenses are paid. Please say when they arrive.")


@transaction.atomic
def claim_arrived(*, claim: Claim, arrived: bool, by: User) -> None:
    """She says the money arrived, or that it did not (it goes back on the facilitators'
    list, at the top if it waited long)."""
    if by.pk != claim.person_id:
        raise PermissionDenied("Only she says whether it arrived.")
    if claim.state not in (Claim.State.PAID, Claim.State.NOT_RECEIVED, Claim.State.RECEIVED):
        raise ValidationError("This claim is not paid yet.")
    claim.state = Claim.State.RECEIVED if arrived else Claim.State.NOT_RECEIVED
    claim.answered_at = timezone.now()
    claim.save(update_fields=["state", "answered_at"])
    log_action(by=by, action="payments.claim.answered", obj=claim, data={"arrived": arrived})


def rate_on(activity: str, day: date) -> Rate | None:
    """The rate of an activity on a day: the latest one started by then."""
    return (
        Rate.objects.filter(activity=activity, starts_on__lte=day)
        .order_by("-starts_on", "-set_at")
        .first()
    )


@transaction.atomic
def rate_set(*, activity: str, basis: str, amount: Decimal, starts_on: date, by: User) -> Rate:
    """A facilitator sets what an activity is paid from a day on (earlier days keep theirs)."""
    if not by.is_facilitator:
        raise PermissionDenied("Only facilitators set rates.")
    if amount < 0:
        raise ValidationError("A rate cannot be below nothing.")
    rate = Rate.objects.create(
        activity=activity, basis=basis, amount=amount, starts_on=starts_on, set_by=by
    )
    log_action(by=by, action="payments.rate.set", obj=rate, data={"activity": activity})
    return rate


def fee_amount(rate: Rate, hours: Decimal | None) -> Decimal:
    if rate.basis == Rate.Basis.HOURLY:
        if not hours or hours <= 0:
            raise ValidationError("Say how many hours: this activity is paid by the hour.")
        return (rate.amount * hours).quantize(Decimal("0.01"))
    return rate.amount


@transaction.atomic
def fee_owed(
    *,
    person: User,
    activity: str,
    day: date,
    hours: Decimal | None,
    what_for: str,
    by: User | None,
) -> Claim | None:
    """What she is owed for her time, at the rate of that day. None when she said she wants
    no payment (nothing is owed), or when the activity has no rate yet on that day."""
    if by is not None and not by.is_facilitator:
        raise PermissionDenied("Only facilitators add what someone is owed.")
    choice = choice_of(person)
    if choice is not None and choice.method == PaymentChoice.Method.DECLINE:
        return None
    rate = rate_on(activity, day)
    if by is None and (rate is None or (rate.basis == Rate.Basis.HOURLY and not hours)):
        # Made by the workspace (an interview given) with no rate, or no hours to pay by:
        # a facilitator adds it by hand.
        return None
    if rate is None:
        raise ValidationError("Set a rate for this activity first (Rates).")
    fee = Claim.objects.create(
        person=person,
        kind=Claim.Kind.FEE,
        activity=activity,
        hours=hours if rate.basis == Rate.Basis.HOURLY else None,
        rate=rate,
        amount=fee_amount(rate, hours),
        what_for=what_for.strip(),
        spent_on=day,
        added_by=by,
    )
    log_action(
        by=by, action="payments.fee.owed", obj=fee, person=person, data={"activity": activity}
    )
    return fee


@transaction.atomic
def meeting_payment_arrived(*, payment: Payment, arrived: bool, by: User) -> None:
    """She says whether a meeting's payment, given to her, arrived."""
    if by.pk != payment.person_id:
        raise PermissionDenied("Only she says whether it arrived.")
    if not payment.issued:
        raise ValidationError("This payment has not been given yet.")
    MeetingPaymentAnswer.objects.update_or_create(
        payment=payment, defaults={"arrived": arrived, "at": timezone.now()}
    )
    log_action(
        by=by, action="payments.meeting_payment.answered", obj=payment, data={"arrived": arrived}
    )
