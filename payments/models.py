"""Paying people for their time (docs/payments.md): her choice of payment, and expenses she
claims apart from fees, each moving claimed -> approved -> paid -> received. Fees for meetings
are meetings.Payment. Bank details are never stored here."""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class PaymentChoice(models.Model):
    """How she wants to be paid, set by her and changeable."""

    class Method(models.TextChoices):
        DECLINE = "decline", "No payment, thank you"
        VOUCHER = "voucher", "A voucher"
        BANK_TRANSFER = "bank_transfer", "A bank transfer"
        CASH = "cash", "Cash"

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="payment_choice"
    )
    method = models.CharField(max_length=20, choices=Method.choices)
    # Which voucher (a shop, a supermarket): her words, for a voucher only.
    voucher_kind = models.CharField(max_length=80, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    # That she has read what payments can mean for benefits. Only she sees it; nobody ever
    # asks about her benefits.
    benefits_notice_seen_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return "A payment choice"


class Activity(models.TextChoices):
    GROUP_MEETING = "group_meeting", "A group meeting"
    INTERVIEW = "interview", "An interview"
    TRAINING = "training", "Training"
    READING = "reading", "Reading papers"
    SPEAKING = "speaking", "Speaking at an event"
    OTHER = "other", "Something else"


class Rate(models.Model):
    """What an activity is paid, by the hour or as a fixed sum, from a day on. A new rate
    starts on its day; what was owed before keeps the rate of its own day. Appended only."""

    class Basis(models.TextChoices):
        HOURLY = "hourly", "by the hour"
        FIXED = "fixed", "a fixed sum"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    activity = models.CharField(max_length=20, choices=Activity.choices)
    basis = models.CharField(max_length=10, choices=Basis.choices)
    amount = models.DecimalField(max_digits=7, decimal_places=2)
    starts_on = models.DateField()
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["activity", "-starts_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="payments_rate_not_negative")
        ]

    def __str__(self) -> str:
        return f"Rate {str(self.pk)[:8]}"


def receipt_file_name(instance: Claim, filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()[:6]
    return f"receipts/{instance.pk}{suffix}"


class Claim(models.Model):
    """Money owed to her: an expense she claims, or a fee for her time (an activity other than
    a meeting, whose fee is meetings.Payment). One way through for both; `kind` keeps them
    apart, and no total ever adds an expense to a fee."""

    class Kind(models.TextChoices):
        EXPENSE = "expense", "Expenses"
        FEE = "fee", "Payment for your time"

    class Category(models.TextChoices):
        TRAVEL = "travel", "Travel"
        CHILDCARE = "childcare", "Childcare"
        FOOD = "food", "Food"
        ACCESS = "access", "Access (for example a carer or a taxi)"
        OTHER = "other", "Something else"

    class State(models.TextChoices):
        CLAIMED = "claimed", "owed: waiting for a facilitator"
        QUESTIONED = "questioned", "a facilitator asked about it"
        APPROVED = "approved", "approved: to be paid"
        PAID = "paid", "paid"
        RECEIVED = "received", "arrived"
        NOT_RECEIVED = "not_received", "has not arrived"

    # Still to be done by someone: shown on the facilitators' list, oldest first.
    WAITING = (State.CLAIMED, State.QUESTIONED, State.APPROVED, State.NOT_RECEIVED)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="expense_claims"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.EXPENSE)
    category = models.CharField(max_length=20, choices=Category.choices, blank=True)
    # A fee's activity, its hours (by the hour), the rate of its day, and who added it (none:
    # the workspace, when she gave an interview).
    activity = models.CharField(max_length=20, choices=Activity.choices, blank=True)
    hours = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    rate = models.ForeignKey(
        Rate, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    amount = models.DecimalField(max_digits=7, decimal_places=2)
    what_for = models.CharField(max_length=300)
    spent_on = models.DateField()
    receipt = models.FileField(upload_to=receipt_file_name, max_length=200, blank=True)
    receipt_type = models.CharField(max_length=40, blank=True)
    state = models.CharField(max_length=20, choices=State.choices, default=State.CLAIMED)
    claimed_at = models.DateTimeField(default=timezone.now)
    # The facilitator's question, with her reason to see.
    question = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    paid_on = models.DateField(null=True, blank=True)
    paid_method = models.CharField(max_length=20, choices=PaymentChoice.Method.choices, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # Her account was deleted: the claim stays, under her pseudonym and without her words,
    # as the finance record, until RETENTION_FINANCE_DAYS after it was paid.
    kept_for_finance_since = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["state", "claimed_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="payments_claim_positive"),
            models.CheckConstraint(
                condition=~Q(state__in=["paid", "received", "not_received"])
                | Q(paid_on__isnull=False),
                name="payments_paid_claim_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"Expense claim {str(self.pk)[:8]}"

    @property
    def days_waiting(self) -> int:
        return (timezone.now() - self.claimed_at).days

    def waited_long(self) -> bool:
        return self.days_waiting >= settings.PAYMENTS_HIGHLIGHT_AFTER_DAYS


class MeetingPaymentAnswer(models.Model):
    """She says whether a meeting's payment (meetings.Payment, given by a facilitator) arrived.
    One answer per payment; "has not arrived" puts it back on the facilitators' list."""

    payment = models.OneToOneField(
        "meetings.Payment", on_delete=models.CASCADE, related_name="answer"
    )
    arrived = models.BooleanField()
    at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return "An answer about a payment"
