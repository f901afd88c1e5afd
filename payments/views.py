"""Getting paid for your time: her choice, her claims, and facilitators paying them."""

from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, Sum
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from actionlog.services import log_action
from bridging_gaps.idempotency import idempotent
from bridging_gaps.reauthentication import reauthentication_required
from bridging_gaps.types import AuthenticatedRequest
from meetings.models import FinanceExport, Payment
from payments import finance, services
from payments.access import claim_for
from payments.forms import (
    ChangeClaimForm,
    ChoiceForm,
    ClaimForm,
    FeeForm,
    FinanceForm,
    PaidForm,
    QuestionForm,
    RateForm,
)
from payments.models import Claim, Rate
from people.access import facilitator_required, group_member_required

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _uuid(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value or "")
    except ValueError:
        return None


def _money(value: Decimal | None) -> str:
    return f"£{value or Decimal('0.00'):.2f}"


@group_member_required
def my_payments(request: AuthenticatedRequest) -> HttpResponse:
    """Everything owed to her and where each one is. Fees and expenses apart, never added.
    She says here whether a meeting's payment arrived."""
    if request.method == "POST":
        payment_id = _uuid(request.POST.get("payment"))
        payment = (
            Payment.objects.filter(pk=payment_id, person=request.user).first()
            if payment_id
            else None
        )
        if payment is None:
            raise Http404("No such payment.")
        try:
            services.meeting_payment_arrived(
                payment=payment, arrived=request.POST.get("arrived") == "yes", by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Thank you for saying.")
        return redirect("payments_mine")
    claims = list(Claim.objects.filter(person=request.user).order_by("-claimed_at"))
    fees = list(
        Payment.objects.filter(person=request.user)
        .select_related("meeting", "answer")
        .order_by("-meeting__starts_at")
    )
    mine = Claim.objects.filter(person=request.user)
    meeting_fees = Payment.objects.filter(person=request.user).aggregate(total=Sum("amount"))
    other_fees = mine.filter(kind=Claim.Kind.FEE).aggregate(total=Sum("amount"))
    expenses = mine.filter(kind=Claim.Kind.EXPENSE).aggregate(total=Sum("amount"))
    # Two totals, never one: expenses are paid back, not paid for time.
    fee_total = _money((meeting_fees["total"] or Decimal(0)) + (other_fees["total"] or Decimal(0)))
    expense_total = expenses["total"]
    return render(
        request,
        "payments/my_payments.html",
        {
            "choice": services.choice_of(request.user),
            "claims": [claim for claim in claims if claim.kind == Claim.Kind.EXPENSE],
            "fee_claims": [claim for claim in claims if claim.kind == Claim.Kind.FEE],
            "fees": fees,
            "fee_total": fee_total,
            "finance_lists": FinanceExport.objects.filter(
                people__contains=[str(request.user.pk)]
            ).order_by("-exported_at")[:20],
            "expense_total": _money(expense_total),
        },
    )


@group_member_required
def payment_choice(request: AuthenticatedRequest) -> HttpResponse:
    choice = services.choice_of(request.user)
    initial = {"method": choice.method, "voucher_kind": choice.voucher_kind} if choice else {}
    form = ChoiceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.payment_choice_set(person=request.user, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("benefits_notice_seen", " ".join(error.messages))
        else:
            messages.success(request, "Saved. You can change this at any time.")
            return redirect("payments_mine")
    return render(
        request,
        "payments/choice.html",
        {
            "form": form,
            "choice": choice,
            "advice_url": settings.PAYMENTS_BENEFITS_ADVICE_URL,
        },
    )


@group_member_required
@idempotent
def claim_new(request: AuthenticatedRequest) -> HttpResponse:
    if not services.may_claim(request.user):
        # Before her first claim she says how she is paid, and reads about benefits.
        return render(request, "payments/claim_form.html", {"form": None})
    form = ClaimForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        claim = services.claim_create(
            person=request.user,
            category=data["category"],
            amount=data["amount"],
            what_for=data["what_for"],
            spent_on=data["spent_on"],
            receipt=data["receipt"],
            receipt_type=form.detected_type,
            by=request.user,
        )
        messages.success(request, "Your claim is sent. A facilitator will look at it.")
        return redirect("payments_claim", claim_id=claim.pk)
    return render(request, "payments/claim_form.html", {"form": form})


@idempotent
def claim_detail(request: AuthenticatedRequest, claim_id: Any) -> HttpResponse:
    claim = claim_for(request.user, claim_id)
    is_hers = claim.person_id == request.user.pk
    may_decide = request.user.is_facilitator and not is_hers
    post = request.POST if request.method == "POST" else None
    action = post.get("action", "") if post is not None else ""
    change = ChangeClaimForm(
        post if action == "change" else None,
        initial={"amount": claim.amount, "what_for": claim.what_for},
    )
    question = QuestionForm(post if action == "question" else None)
    paid = PaidForm(post if action == "paid" else None)
    try:
        if action == "change" and is_hers and change.is_valid():
            services.claim_change(claim=claim, by=request.user, **change.cleaned_data)
            return _done(request, claim, "Your claim is changed. It waits for a facilitator again.")
        if action in ("arrived", "not_arrived") and is_hers:
            services.claim_arrived(claim=claim, arrived=action == "arrived", by=request.user)
            return _done(request, claim, "Thank you for saying.")
        if action == "approve" and may_decide:
            services.claim_approve(claim=claim, by=request.user)
            return _done(request, claim, "Approved. She is told.")
        if action == "question" and may_decide and question.is_valid():
            services.claim_question(claim=claim, by=request.user, **question.cleaned_data)
            return _done(request, claim, "Your question is sent to her.")
        if action == "paid" and may_decide and paid.is_valid():
            services.claim_paid(claim=claim, by=request.user, **paid.cleaned_data)
            return _done(request, claim, "Saved as paid. She is asked to say when it arrives.")
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    return render(
        request,
        "payments/claim_detail.html",
        {
            "claim": claim,
            "is_hers": is_hers,
            "may_decide": may_decide,
            "change_form": change,
            "question_form": question,
            "paid_form": paid,
        },
    )


def _done(request: AuthenticatedRequest, claim: Claim, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect("payments_claim", claim_id=claim.pk)


def claim_receipt(request: AuthenticatedRequest, claim_id: Any) -> FileResponse:
    claim = claim_for(request.user, claim_id)
    if not claim.receipt.name:
        raise Http404("No receipt.")
    if claim.person_id != request.user.pk:
        # Her receipt, read by a facilitator: in her history.
        log_action(
            by=request.user, action="payments.receipt.viewed", obj=claim, person=claim.person
        )
    try:
        stored = claim.receipt.open("rb")
    except FileNotFoundError as gone:
        # Deleted by the retention job a moment ago: as if there were no receipt.
        raise Http404("No receipt.") from gone
    response = FileResponse(stored, content_type=claim.receipt_type or "application/octet-stream")
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, no-store"
    return response


@facilitator_required
def waiting(request: AuthenticatedRequest) -> HttpResponse:
    """What is still to be done, longest waiting first, with how many days."""
    claims = list(
        Claim.objects.filter(state__in=Claim.WAITING)
        .select_related("person")
        .order_by("claimed_at")[:200]
    )
    now = timezone.now()
    fees = [
        (fee, (now - fee.meeting.starts_at).days)
        for fee in Payment.objects.filter(
            Q(issued=False, meeting__starts_at__lte=now) | Q(answer__arrived=False)
        )
        .select_related("person", "meeting", "answer")
        .order_by("meeting__starts_at")[:200]
    ]
    return render(
        request,
        "payments/waiting.html",
        {
            "claims": [claim for claim in claims if claim.kind == Claim.Kind.EXPENSE],
            "fee_claims": [claim for claim in claims if claim.kind == Claim.Kind.FEE],
            "fees": fees,
            "highlight_after": settings.PAYMENTS_HIGHLIGHT_AFTER_DAYS,
        },
    )


@facilitator_required
@idempotent
def rates(request: AuthenticatedRequest) -> HttpResponse:
    """What each activity is paid, from which day. A new rate starts on its day; what was
    owed before keeps the rate of its own day."""
    form = RateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.rate_set(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error("amount", " ".join(error.messages))
        else:
            messages.success(request, "The rate is saved.")
            return redirect("payments_rates")
    all_rates = list(Rate.objects.select_related("set_by").order_by("activity", "-starts_on")[:200])
    return render(request, "payments/rates.html", {"form": form, "rates": all_rates})


@facilitator_required
@idempotent
def fee_add(request: AuthenticatedRequest) -> HttpResponse:
    """Something else someone did for the group (training, reading papers, speaking at an
    event): what she is owed, at the rate of that day."""
    form = FeeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            fee = services.fee_owed(
                person=data["person"],
                activity=data["activity"],
                day=data["day"],
                hours=data["hours"],
                what_for=data["what_for"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            if fee is None:
                messages.info(request, "She asked for no payment, so nothing is owed.")
                return redirect("payments_waiting")
            messages.success(request, f"Added: £{fee.amount} owed. She can see it.")
            return redirect("payments_claim", claim_id=fee.pk)
    return render(request, "payments/fee_form.html", {"form": form})


def _downloading(request: HttpRequest) -> bool:
    return "first_day" in request.GET


@facilitator_required
@reauthentication_required(enabled=_downloading)
def finance_export(request: AuthenticatedRequest) -> HttpResponse:
    """The list for the finance team, as CSV or XLSX. It names people and what they are paid:
    the facilitator confirms her password first, and each person named sees it was sent."""
    form = FinanceForm(request.GET if _downloading(request) else None)
    if form.is_valid():
        first_day, last_day = form.cleaned_data["first_day"], form.cleaned_data["last_day"]
        listed = finance.finance_list_sent(first_day=first_day, last_day=last_day, by=request.user)
        name = f"payments-{first_day:%Y-%m-%d}-to-{last_day:%Y-%m-%d}"
        if form.cleaned_data["file_format"] == "xlsx":
            response = HttpResponse(finance.as_xlsx(listed), content_type=XLSX)
            response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        else:
            response = HttpResponse(finance.as_csv(listed), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        response["Cache-Control"] = "private, no-store"
        return response
    return render(request, "payments/finance_export.html", {"form": form})
