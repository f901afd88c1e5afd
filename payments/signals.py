"""What she is owed, made where it happens: a meeting's payment takes the rate of the
meeting's day; giving an interview makes what she is owed for it. meetings and interviews know
nothing of payments: payments listens (connected in PaymentsConfig.ready)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models.signals import post_save
from django.utils import timezone

from interviews.models import InterviewStep, Status
from meetings.models import Payment
from payments import services
from payments.models import Activity, PaymentChoice, Rate


def meeting_payment_at_the_days_rate(
    sender: Any, instance: Payment, created: bool, **kw: Any
) -> None:
    if not created:
        return
    choice = services.choice_of(instance.person)
    if choice is not None and choice.method == PaymentChoice.Method.DECLINE:
        # She said she wants no payment: nothing is owed.
        instance.delete()
        return
    day = timezone.localtime(instance.meeting.starts_at).date()
    rate = services.rate_on(Activity.GROUP_MEETING, day)
    if rate is None:
        return
    hours = None
    if rate.basis == Rate.Basis.HOURLY:
        length = instance.meeting.ends_at - instance.meeting.starts_at
        hours = Decimal(length.total_seconds() / 3600).quantize(Decimal("0.01"))
    amount = services.fee_amount(rate, hours)
    Payment.objects.filter(pk=instance.pk).update(amount=amount)
    instance.amount = amount


def interview_given_unchecked(
    sender: Any, instance: InterviewStep, created: bool, **kw: Any
) -> None:
    """The workspace, not a reader: it reads the interview's day and interviewee only to
    make what she is owed for giving it, and shows nothing of the interview to anyone."""
    if not created or instance.status != Status.CONDUCTED:
        return
    interview = instance.interview
    person = interview.interviewee
    if person is None or not person.has_role("member"):
        return
    services.fee_owed(
        person=person,
        activity=Activity.INTERVIEW,
        day=interview.date,
        hours=None,
        what_for="An interview you gave",
        by=None,
    )


def connect() -> None:
    post_save.connect(
        meeting_payment_at_the_days_rate, sender=Payment, dispatch_uid="payments.meeting_rate"
    )
    post_save.connect(
        interview_given_unchecked, sender=InterviewStep, dispatch_uid="payments.interview"
    )
