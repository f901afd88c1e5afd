"""Reading a note, and its earlier versions (for its author only)."""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from bridging_gaps.types import AuthenticatedRequest
from reflections.access import get_note_for_user, get_own_note
from reflections.models import ReflectiveNote


def _behind_warning(note: ReflectiveNote, request: AuthenticatedRequest) -> bool:
    """Readers other than the author meet the content warning before the text."""
    return note.has_warning and note.owner_id != request.user.pk


def note_detail(request: AuthenticatedRequest, note_id: Any) -> HttpResponse:
    # A reader meets the warning first and the text is not in the page: that is an
    # opening, not a read. "Show the note" (note_read) is the read.
    note = get_note_for_user(request, note_id, opening=True)
    is_author = note.owner_id == request.user.pk
    if is_author and note.is_draft:
        # Never saved: its words are only in the draft, on the writing page.
        return redirect("note_edit", note_id=note.pk)
    return render(
        request,
        "reflections/note_detail.html",
        {
            "note": note,
            "is_author": is_author,
            "behind_warning": _behind_warning(note, request),
            "draft": note.pending_draft if is_author else None,
        },
    )


def note_read(request: AuthenticatedRequest, note_id: Any) -> HttpResponse:
    """The text on its own page: where "Show" leads a reader past a content
    warning (and where static/js/content-warning.js fetches it from)."""
    note = get_note_for_user(request, note_id)
    return render(
        request,
        "reflections/note_read.html",
        {"note": note, "had_warning": _behind_warning(note, request)},
    )


def note_versions(request: AuthenticatedRequest, note_id: Any) -> HttpResponse:
    note = get_own_note(request, note_id)
    versions = note.versions.only("id", "note_id", "number", "saved_at", "title")
    return render(request, "reflections/note_versions.html", {"note": note, "versions": versions})


def note_version(request: AuthenticatedRequest, note_id: Any, version_id: Any) -> HttpResponse:
    note = get_own_note(request, note_id)
    version = get_object_or_404(note.versions, pk=version_id)
    return render(request, "reflections/note_version.html", {"note": note, "version": version})
