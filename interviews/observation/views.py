"""Observation notes: a researcher's notes on a meeting she observed, and the
group's decision about whether facilitators may read them.

Notes are read through the consent policy (interviews/access.py) and listed with
`visible_to`; the writer alone sees who said no to being observed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render

from bridging_gaps.idempotency import idempotent
from bridging_gaps.paging import page_of
from bridging_gaps.types import AuthenticatedRequest
from consent.kinds import Kind
from consent.models import AccessEvent
from consent.policy import record_access
from interviews.access import get_observation_note_for_user, get_own_observation_note
from interviews.models import ObservationNote, ObservationSharingDecision
from interviews.observation import services
from interviews.observation.forms import ObservationNoteForm, ObservationSharingForm
from interviews.observation.mentions import mentions
from meetings.access import get_meeting_for_user
from meetings.observation import observation_status
from mentions.display import prepare
from mentions.forms import names_notice as names_to_confirm
from people.access import facilitator_required, group_member_required
from people.models import Role

PAGE_SIZE = 50


def _latest_decision() -> ObservationSharingDecision | None:
    return ObservationSharingDecision.objects.select_related("decided_by").first()


def _listed(request: AuthenticatedRequest, notes: Any) -> tuple[Any, list[ObservationNote]]:
    page = page_of(notes.select_related("owner"), request.GET.get("page"), PAGE_SIZE)
    items = list(page.object_list)
    record_access(viewer=request.user, items=items, how=AccessEvent.How.LISTED)
    prepare(request.user, items, source_kind=Kind.OBSERVATION_NOTE, fields=["text"])
    return page, items


def observation_note_list(request: AuthenticatedRequest) -> HttpResponse:
    """The notes I wrote and those shared with me, newest meeting first."""
    notes = ObservationNote.objects.visible_to(request.user).order_by(
        "-meeting__starts_at", "-created_at"
    )
    page, items = _listed(request, notes)
    return render(
        request,
        "interviews/observation_note_list.html",
        {
            "notes": items,
            "page": page,
            "is_researcher": request.user.has_role(Role.RESEARCHER),
        },
    )


@group_member_required
def meeting_observation_notes(request: AuthenticatedRequest, meeting_id: Any) -> HttpResponse:
    """One meeting's notes that this person may read."""
    meeting = get_meeting_for_user(request, meeting_id)
    notes = ObservationNote.objects.visible_to(request.user).filter(meeting=meeting)
    page, items = _listed(request, notes.order_by("-created_at"))
    return render(
        request,
        "interviews/meeting_observation_notes.html",
        {
            "meeting": meeting,
            "notes": items,
            "page": page,
            "is_observer": meeting.observer_id == request.user.pk,
        },
    )


def _names_notice(
    request: AuthenticatedRequest, form: Any, status: Any, source: tuple[str, Any] | None = None
) -> Any:
    """First the stricter rule (nobody who said no is described: the form says so), then who
    the note names, for the writer to see before saving."""
    try:
        services.check_text(form.cleaned_data["text"], status)
    except ValidationError as error:
        form.add_error(None, error)
        return None
    return names_to_confirm(
        request, [form.cleaned_data["text"]], writer=request.user, source=source
    )


@idempotent
def observation_note_write(request: AuthenticatedRequest, meeting_id: Any) -> HttpResponse:
    meeting = get_meeting_for_user(request, meeting_id)
    if not services.is_named_observer(meeting, request.user):
        raise PermissionDenied(services.NOT_THE_OBSERVER)
    status = observation_status(meeting)
    refusal = services.writing_refusal(meeting, request.user, status)
    form = ObservationNoteForm(request.POST if request.method == "POST" else None)
    names_notice = None
    if request.method == "POST" and form.is_valid():
        names_notice = _names_notice(request, form, status)
    if request.method == "POST" and form.is_valid() and names_notice is None:
        try:
            note = services.observation_note_write(
                meeting=meeting, text=form.cleaned_data["text"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, "Your observation note is saved. Only you can see it until you share it."
            )
            return redirect("observation_note_detail", note_id=note.pk)
    return render(
        request,
        "interviews/observation_note_form.html",
        {
            "form": form,
            "meeting": meeting,
            "status": status,
            # A refused POST keeps its form, so that nothing typed is lost.
            "refusal": refusal,
            "show_form": not refusal or request.method == "POST",
            "decision": _latest_decision(),
            "names_notice": names_notice,
        },
    )


def observation_note_detail(request: AuthenticatedRequest, note_id: Any) -> HttpResponse:
    note = get_observation_note_for_user(request, note_id)
    is_writer = note.owner_id == request.user.pk
    prepare(request.user, [note], source_kind=Kind.OBSERVATION_NOTE, fields=["text"])
    context: dict[str, Any] = {"note": note, "is_writer": is_writer}
    if is_writer:
        # Someone may have said no since the note was written: tell the writer
        # (only her: nobody else learns who said no).
        context["mentions"] = mentions(note.text, services.status_for_writer(note))
        context["decision"] = _latest_decision()
    return render(request, "interviews/observation_note_detail.html", context)


def observation_note_edit(request: AuthenticatedRequest, note_id: Any) -> HttpResponse:
    note = get_own_observation_note(request, note_id)
    form = ObservationNoteForm(
        request.POST if request.method == "POST" else None, initial={"text": note.text}
    )
    names_notice = None
    if request.method == "POST" and form.is_valid():
        names_notice = _names_notice(
            request, form, services.status_for_writer(note), source=(Kind.OBSERVATION_NOTE, note.pk)
        )
    if request.method == "POST" and form.is_valid() and names_notice is None:
        try:
            changed = services.observation_note_edit(
                note=note, text=form.cleaned_data["text"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Saved." if changed else "Nothing was changed.")
            return redirect("observation_note_detail", note_id=note.pk)
    return render(
        request,
        "interviews/observation_note_form.html",
        {
            "form": form,
            "note": note,
            "meeting": note.meeting,
            "status": services.status_for_writer(note),
            "refusal": "",
            "show_form": True,
            "names_notice": names_notice,
        },
    )


def observation_note_delete(request: AuthenticatedRequest, note_id: Any) -> HttpResponse:
    note = get_own_observation_note(request, note_id)
    if request.method == "POST":
        services.observation_note_delete(note=note, by=request.user)
        messages.success(request, "The observation note is deleted.")
        return redirect("observation_note_list")
    return render(request, "interviews/observation_note_delete.html", {"note": note})


@group_member_required
def observation_sharing(request: AuthenticatedRequest) -> HttpResponse:
    """The group's decision, and every earlier one: everyone in the group may read it."""
    decisions = list(ObservationSharingDecision.objects.select_related("decided_by")[:50])
    return render(
        request,
        "interviews/observation_sharing.html",
        {"decision": decisions[0] if decisions else None, "earlier": decisions[1:]},
    )


@facilitator_required
def observation_sharing_change(request: AuthenticatedRequest) -> HttpResponse:
    current = _latest_decision()
    initial = {
        "facilitators_may_read": "yes" if current and current.facilitators_may_read else "no"
    }
    form = ObservationSharingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.observation_sharing_decide(
            facilitators_may_read=form.may_read(),
            how_agreed=form.cleaned_data["how_agreed"],
            by=request.user,
        )
        messages.success(
            request,
            "Saved. Researchers can now share observation notes with facilitators."
            if form.may_read()
            else "Saved. Facilitators cannot read observation notes. Any note shared with "
            "them is not shared with them any more.",
        )
        return redirect("observation_sharing")
    return render(
        request, "interviews/observation_sharing_form.html", {"form": form, "decision": current}
    )
