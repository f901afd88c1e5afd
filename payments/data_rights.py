"""Payments' part of data rights (datarights/hooks.py): her choice of payment (and that she
read about benefits, which only she sees), and her expense claims with their receipts.

When her account is deleted, claims not paid yet are cancelled (deleted, with their receipts);
paid ones stay as the finance record under her pseudonym, without her words, until
RETENTION_FINANCE_DAYS after they were paid. Receipts are deleted RETENTION_FINANCE_DAYS after
their claim was paid, whoever made them.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from datarights.hooks import Attachment, Entry, File, RetentionJob, Section, Text, facts
from payments.models import Claim, PaymentChoice
from people.models import User

PAID = (Claim.State.PAID, Claim.State.RECEIVED, Claim.State.NOT_RECEIVED)


def collect(person: User) -> list[Section]:
    choice = PaymentChoice.objects.filter(person=person).first()
    claims = list(Claim.objects.filter(person=person).order_by("claimed_at"))
    entries = []
    if choice is not None:
        entries.append(
            Entry(
                group="choice",
                heading="How you asked to be paid",
                facts=facts(
                    ("How", choice.method, "method", choice.get_method_display()),
                    ("Which voucher", choice.voucher_kind),
                    ("Changed", choice.updated_at, "updated_at"),
                    ("You read about payments and benefits", choice.benefits_notice_seen_at),
                ),
            )
        )
    attachments = []
    for claim in claims:
        entry = Entry(
            group="expense_claims",
            id=claim.pk,
            heading=f"£{claim.amount}: {claim.what_for}",
            facts=facts(
                ("Payment for time or expenses", claim.kind, "kind", claim.get_kind_display()),
                ("Activity", claim.activity, "activity", claim.get_activity_display()),
                ("Hours", claim.hours),
                ("What for", claim.category, "category", claim.get_category_display()),
                ("Amount", claim.amount, "amount", f"£{claim.amount}"),
                ("Spent on", claim.spent_on),
                ("Claimed", claim.claimed_at, "claimed_at"),
                ("Where it is", claim.state, "state", claim.get_state_display()),
                ("Paid on", claim.paid_on),
                ("Paid by", claim.paid_method, "paid_method", claim.get_paid_method_display()),
            ),
            texts=[
                Text("In your words", claim.what_for, key="what_for"),
                Text("A facilitator asked", claim.question, key="question"),
            ],
        )
        if claim.receipt.name:
            path = f"receipts/{claim.pk}{_suffix(claim.receipt.name)}"
            attachments.append(Attachment(path=path, storage_name=claim.receipt.name))
            entry.files.append(File("The receipt", f"files/{path}"))
        entries.append(entry)
    return [
        Section(
            key="expenses",
            title="How you are paid, your expenses and payments for your time",
            intro="How you asked to be paid, every expense you claimed with its receipt, what "
            "you were owed for your time besides meetings, and where each one is. Payments for "
            "meetings are in “Your payments and vouchers”.",
            entries=entries,
            attachments=attachments,
            groups=("choice", "expense_claims"),
            empty="You have not said how you would like to be paid, or claimed expenses.",
        )
    ]


def _suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:] if dot != -1 else ""


def erase_preview(person: User) -> list[str]:
    claims = Claim.objects.filter(person=person)
    sentences = []
    if claims.filter(state__in=PAID).exists():
        years = round(settings.RETENTION_FINANCE_DAYS / 365)
        sentences.append(
            "Expenses already paid to you stay in the finance record, with the code instead of "
            f"your name and without your words, for {years} years after they were paid: the "
            "charity must keep its accounts that long. Their receipts are deleted then too."
        )
    if claims.exclude(state__in=PAID).exists():
        sentences.append(
            "Expense claims not paid yet are cancelled. If you are owed money, ask a "
            "facilitator before your account is deleted."
        )
    return sentences


def _delete_receipt(claim: Claim) -> None:
    if claim.receipt.name:
        name, storage = claim.receipt.name, claim.receipt.storage
        transaction.on_commit(lambda: storage.delete(name))


def erase(person: User, pseudonym: str) -> None:
    PaymentChoice.objects.filter(person=person).delete()
    for claim in Claim.objects.filter(person=person).exclude(state__in=PAID):
        _delete_receipt(claim)
        claim.delete()
    Claim.objects.filter(person=person).update(
        what_for="", question="", kept_for_finance_since=timezone.now()
    )


@transaction.atomic
def delete_old_receipts(now: datetime) -> int:
    """Receipts, and the finance records of deleted accounts, RETENTION_FINANCE_DAYS after the
    claim was paid."""
    cutoff = timezone.localtime(now).date() - timedelta(days=settings.RETENTION_FINANCE_DAYS)
    removed = 0
    for claim in Claim.objects.filter(paid_on__lte=cutoff).exclude(receipt=""):
        _delete_receipt(claim)
        claim.receipt = ""
        claim.save(update_fields=["receipt"])
        removed += 1
    deleted, _ = Claim.objects.filter(
        paid_on__lte=cutoff, kept_for_finance_since__isnull=False
    ).delete()
    return removed + deleted


def retention_jobs() -> list[RetentionJob]:
    return [
        RetentionJob(
            key="receipts",
            description="receipts of expenses, and the finance records of deleted accounts, "
            "after the finance retention period from the day they were paid",
            setting="RETENTION_FINANCE_DAYS",
            run=delete_old_receipts,
        )
    ]
