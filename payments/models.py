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


def receipt_file_name(instance: Claim, filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()[:6]
    return f"receipts/{instance.pk}{suffix}"


class Claim(models.Model):
    """An expense she claims. Never a fee: expenses are never counted in a total of fees."""

    class Category(models.TextChoices):
        TRAVEL = "travel", "Travel"
        CHILDCARE = "childcare", "Childcare"
        FOOD = "food", "Food"
        ACCESS = "access", "Access (for example a carer or a taxi)"
        OTHER = "other", "Something else"

    class State(models.TextChoices):
        CLAIMED = "claimed", "waiting for a facilitator"
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
    category = models.CharField(max_length=20, choices=Category.choices)
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
