"""Facilitators' tools: scheduling, answers and needs, attendance, payments, agenda,
observation. Facilitation gives no view of anyone's minutes or notes."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from bridging_gaps.idempotency import idempotent
from bridging_gaps.reauthentication import reauthentication_required
from bridging_gaps.types import AuthenticatedRequest
from meetings import finance, planning, services
from meetings.agenda import services as agenda_services
from meetings.forms import (
    AgreementForm,
    AttendanceForm,
    CancelForm,
    FinanceExportForm,
    MeetingForm,
    ObserverForm,
    PaymentFormSet,
    SeriesForm,
    group_people,
)
from meetings.models import AgendaItem, GroupAgreement, Meeting, Rsvp, Series
from meetings.observation import observation_status
from mentions.display import prepare
from mentions.forms import names_notice as names_to_confirm
from people.access import facilitator_required
from people.models import User


def _meeting(request: AuthenticatedRequest, meeting_id: Any) -> Meeting:
    """Facilitators reach every meeting; not its minutes (those go through the policy)."""
    return get_object_or_404(Meeting.objects.select_related("series", "observer"), pk=meeting_id)


@facilitator_required
def series_list(request: AuthenticatedRequest) -> HttpResponse:
    now = timezone.now()
    series = Series.objects.annotate(
        upcoming=Count(
            "meetings", filter=Q(meetings__ends_at__gt=now, meetings__cancelled_at__isnull=True)
        )
    ).order_by("-first_date")
    return render(request, "meetings/series_list.html", {"series_list": series})


@facilitator_required
@idempotent
def series_create(request: AuthenticatedRequest) -> HttpResponse:
    form = SeriesForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        series = services.series_create(by=request.user, **form.series_values())
        count = series.meetings.count()
        last = series.meetings.order_by("-starts_at").first()
        # The date of the last meeting planned, so that it agrees with the rule's own end.
        until = f", the last on {timezone.localtime(last.starts_at):%-d %B %Y}" if last else ""
        messages.success(
            request,
            f"Saved: {series}. {count} meeting{'s are' if count != 1 else ' is'} planned{until}. "
            "Everyone in the group can see them now.",
        )
        return redirect("meeting_list")
    return render(request, "meetings/series_form.html", {"form": form})


@require_POST
@facilitator_required
def series_plan_ahead(request: AuthenticatedRequest, series_id: Any) -> HttpResponse:
    series = get_object_or_404(Series, pk=series_id)
    added = planning.series_plan_ahead(
        series=series, until=planning.plan_ahead_until(), by=request.user
    )
    messages.success(request, f"{len(added)} more meetings planned.")
    return redirect("series_list")


@facilitator_required
@idempotent
def meeting_add(request: AuthenticatedRequest) -> HttpResponse:
    form = MeetingForm(request.POST or None, adding=True)
    if request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.times()
        meeting = services.meeting_add(
            starts_at=starts_at,
            ends_at=ends_at,
            where=form.where(),
            series=form.cleaned_data.get("series"),
            by=request.user,
        )
        messages.success(request, "The meeting is added. Everyone in the group can see it now.")
        return redirect("meeting_detail", meeting_id=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form, "adding": True})


@facilitator_required
def meeting_change(request: AuthenticatedRequest, meeting_id: Any) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    form = MeetingForm(request.POST or None, initial=MeetingForm.initial_for(meeting))
    if request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.times()
        changed = services.meeting_change(
            meeting=meeting,
            starts_at=starts_at,
            ends_at=ends_at,
            where=form.where(),
            by=request.user,
        )
        messages.success(
            request,
            "Saved. Calendars that follow the group's meetings will update."
            if changed
            else "Nothing was changed.",
        )
        return redirect("meeting_detail", meeting_id=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"form": form, "meeting": meeting})


@facilitator_required
def meeting_cancel(request: AuthenticatedRequest, meeting_id: Any) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    form = CancelForm(request.POST or None)
    names_notice = None
    if request.method == "POST" and form.is_valid():
        names_notice = names_to_confirm(
            request, [form.cleaned_data["message"]], writer=request.user
        )
    if request.method == "POST" and form.is_valid() and names_notice is None:
        services.meeting_cancel(
            meeting=meeting, message=form.cleaned_data["message"], by=request.user
        )
        messages.success(request, "The meeting is cancelled. The group sees your message.")
        return redirect("meeting_detail", meeting_id=meeting.pk)
    return render(
        request,
        "meetings/meeting_cancel.html",
        {"form": form, "meeting": meeting, "names_notice": names_notice},
    )


@require_POST
@facilitator_required
def meeting_restore(request: AuthenticatedRequest, meeting_id: Any) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    services.meeting_restore(meeting=meeting, by=request.user)
    messages.success(request, "The meeting is on again.")
    return redirect("meeting_detail", meeting_id=meeting.pk)


@facilitator_required
def meeting_answers(request: AuthenticatedRequest, meeting_id: Any) -> HttpResponse:
    """Who is coming, and what would help them: the needs are shown only here."""
    meeting = _meeting(request, meeting_id)
    rsvps = list(meeting.rsvps.select_related("person").order_by("answer", "person__display_name"))
    answered = {rsvp.person_id for rsvp in rsvps}
    not_answered = [person for person in group_people() if person.pk not in answered]
    return render(
        request,
        "meetings/meeting_answers.html",
        {
            "meeting": meeting,
            "rsvps": rsvps,
            "not_answered": not_answered,
            "counts": {
                answer: sum(1 for rsvp in rsvps if rsvp.answer == answer)
                for answer in Rsvp.Answer.values
            },
            "with_needs": [rsvp for rsvp in rsvps if rsvp.has_needs and rsvp.answer != "not_going"],
        },
    )


@facilitator_required
def meeting_attendance(request: AuthenticatedRequest, meeting_id: Any) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    current = list(meeting.attendances.values_list("person_id", flat=True))
    # People recorded earlier stay on the list even if they have left the group
    # since, so that saving again never drops them.
    people = (group_people() | User.objects.filter(pk__in=current)).distinct()
    # Nobody ticked is a real answer, so a POST with no fields is still a submission.
    data = request.POST if request.method == "POST" else None
    form = AttendanceForm(data, people=people, initial={"people": current})
    if request.method == "POST" and form.is_valid():
        chosen = {person.pk for person in form.cleaned_data["people"]}
        leaving = [person for person in people if person.pk in current and person.pk not in chosen]
        if leaving and "confirm_removal" not in request.POST:
            # Unticking takes away someone's attendance and, with it, a voucher not yet
            # given: the facilitator sees who and what first, and confirms.
            payments = {
                p.person_id: p
                for p in meeting.payments.filter(person__in=leaving).select_related("person")
            }
            return render(
                request,
                "meetings/attendance_confirm.html",
                {
                    "meeting": meeting,
                    "leaving": [(person, payments.get(person.pk)) for person in leaving],
                    "chosen": form.cleaned_data["people"],
                },
            )
        change = services.attendance_set(
            meeting=meeting, present=form.cleaned_data["people"], by=request.user
        )
        messages.success(request, f"Attendance saved: {meeting.attendances.count()} people came.")
        for person in change.payment_kept:
            messages.warning(
                request,
                f"{person.display_name}'s payment was already issued, so it stays in the list.",
            )
        return redirect("meeting_payments", meeting_id=meeting.pk)
    return render(request, "meetings/attendance_form.html", {"form": form, "meeting": meeting})


@facilitator_required
def meeting_payments(request: AuthenticatedRequest, meeting_id: Any) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    queryset = meeting.payments.select_related("person").order_by("person__display_name")
    formset = PaymentFormSet(request.POST or None, queryset=queryset)
    if request.method == "POST" and formset.is_valid():
        with transaction.atomic():
            for form in formset.forms:
                if form.has_changed():
                    data = form.cleaned_data
                    services.payment_update(
                        payment=form.instance,
                        amount=data["amount"],
                        kind=data["kind"],
                        issued=data["issued"],
                        issued_on=data["issued_on"],
                        by=request.user,
                    )
        messages.success(request, "Payments saved.")
        return redirect("meeting_payments", meeting_id=meeting.pk)
    return render(request, "meetings/payments_form.html", {"formset": formset, "meeting": meeting})


def _downloading(request: HttpRequest) -> bool:
    return "first_day" in request.GET


@facilitator_required
@reauthentication_required(enabled=_downloading)
def payments_export(request: AuthenticatedRequest) -> HttpResponse:
    """The payments list for the finance team, as CSV. It is personal data, so
    the facilitator confirms their password first, and members see each download."""
    form = FinanceExportForm(request.GET if _downloading(request) else None)
    if form.is_valid():
        first_day, last_day = form.cleaned_data["first_day"], form.cleaned_data["last_day"]
        body = finance.payments_csv(first_day=first_day, last_day=last_day, by=request.user)
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="payments-{first_day:%Y-%m-%d}-to-{last_day:%Y-%m-%d}.csv"'
        )
        return response
    return render(request, "meetings/payments_export.html", {"form": form})


def _uuid_or_none(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(value or "")
    except ValueError:
        return None


@facilitator_required
def agenda_manage(request: AuthenticatedRequest, meeting_id: Any) -> HttpResponse:
    """Accept, decline and order the items people proposed. No JavaScript needed:
    each button posts here."""
    meeting = _meeting(request, meeting_id)
    if request.method == "POST":
        item_id = _uuid_or_none(request.POST.get("item"))
        item = meeting.agenda_items.filter(pk=item_id).first() if item_id else None
        if item is None:
            raise Http404("No such agenda item.")
        action = request.POST.get("action")
        if action in ("up", "down"):
            agenda_services.agenda_move(item=item, up=action == "up", by=request.user)
        elif action in AgendaItem.Status.values:
            agenda_services.agenda_decide(item=item, status=action, by=request.user)
        return redirect("agenda_manage", meeting_id=meeting.pk)
    items = list(meeting.agenda_items.select_related("proposed_by"))
    prepare(request.user, items, source_kind="agenda_item", fields=["title", "details"])
    return render(
        request,
        "meetings/agenda_manage.html",
        {
            "meeting": meeting,
            "accepted": [i for i in items if i.status == AgendaItem.Status.ACCEPTED],
            "proposed": [i for i in items if i.status == AgendaItem.Status.PROPOSED],
            "declined": [i for i in items if i.status == AgendaItem.Status.DECLINED],
        },
    )


@facilitator_required
def observer_set(request: AuthenticatedRequest, meeting_id: Any) -> HttpResponse:
    meeting = _meeting(request, meeting_id)
    form = ObserverForm(request.POST or None, initial={"observer": meeting.observer_id})
    if request.method == "POST" and form.is_valid():
        services.observer_set(
            meeting=meeting, observer=form.cleaned_data["observer"], by=request.user
        )
        messages.success(
            request,
            "Saved. Everyone is asked on the meeting page whether they agree."
            if form.cleaned_data["observer"]
            else "Saved. Nobody will observe this meeting.",
        )
        return redirect("observer_set", meeting_id=meeting.pk)
    status = observation_status(meeting)
    return render(
        request,
        "meetings/observer_form.html",
        {"form": form, "meeting": meeting, "status": status},
    )


@facilitator_required
@idempotent
def agreement_change(request: AuthenticatedRequest) -> HttpResponse:
    current = GroupAgreement.objects.first()
    form = AgreementForm(request.POST or None, initial={"text": current.text if current else ""})
    if request.method == "POST" and form.is_valid():
        services.agreement_write(text=form.cleaned_data["text"], by=request.user)
        messages.success(
            request, "The group agreement is saved. Everyone in the group can read it."
        )
        return redirect("group_agreement")
    return render(request, "meetings/agreement_form.html", {"form": form})
