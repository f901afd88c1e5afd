from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from bridging_gaps.types import AuthenticatedRequest
from consent.policy import get_item_for_user, get_managed_item
from reflections import services
from reflections.forms import NoteForm
from reflections.models import ReflectiveNote


def get_note_for_user(request: AuthenticatedRequest, note_id: Any) -> ReflectiveNote:
    """The one way views fetch a note to read: through the consent policy, or 404."""
    return get_item_for_user(request, ReflectiveNote.objects.select_related("owner"), note_id)


def get_own_note(request: AuthenticatedRequest, note_id: Any) -> ReflectiveNote:
    return get_managed_item(request, ReflectiveNote.objects.all(), note_id)


def my_notes(request: AuthenticatedRequest) -> HttpResponse:
    notes = ReflectiveNote.objects.owned_by(request.user)
    return render(request, "reflections/my_notes.html", {"notes": notes})


def note_create(request: AuthenticatedRequest) -> HttpResponse:
    form = NoteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note = services.note_create(owner=request.user, **form.cleaned_data)
        messages.success(request, "Your note is saved. Only you can see it.")
        return redirect("note_detail", note_id=note.id)
    return render(request, "reflections/note_form.html", {"form": form})


def note_edit(request: AuthenticatedRequest, note_id: Any) -> HttpResponse:
    note = get_own_note(request, note_id)
    form = NoteForm(request.POST or None, instance=note)
    if request.method == "POST" and form.is_valid():
        services.note_update(note=note, by=request.user, **form.cleaned_data)
        messages.success(request, "Your note is saved.")
        return redirect("note_detail", note_id=note.id)
    return render(request, "reflections/note_form.html", {"form": form, "note": note})


def note_detail(request: AuthenticatedRequest, note_id: Any) -> HttpResponse:
    note = get_note_for_user(request, note_id)
    return render(request, "reflections/note_detail.html", {"note": note})
