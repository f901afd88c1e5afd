"""Lists of notes: mine, shared with me, and search within what I may see.

Every list starts from the policy (`owned_by` or `visible_to`) and only
narrows it, so a filter or a search can never reach a note outside it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import F, QuerySet
from django.http import HttpResponse
from django.shortcuts import render

from bridging_gaps.paging import page_of
from bridging_gaps.types import AuthenticatedRequest
from consent.describe import attach_sharing_tags
from consent.models import AccessEvent
from consent.policy import record_access
from meetings.models import Meeting
from reflections.access import with_details
from reflections.forms import NoteFilterForm
from reflections.models import SEARCH_CONFIG, ReflectiveNote

PAGE_SIZE = 25


@dataclass(frozen=True)
class Listing:
    url_name: str
    heading: str
    intro: str
    empty: str
    # The notes this list may ever show, from the policy. Filters only narrow it.
    scope: Callable[[Any], QuerySet[ReflectiveNote]]


LISTINGS = {
    listing.url_name: listing
    for listing in [
        Listing(
            url_name="my_notes",
            heading="My notes",
            intro="Only you can see a note until you choose to share it.",
            empty="You have not written any notes yet.",
            scope=lambda user: ReflectiveNote.objects.owned_by(user),
        ),
        Listing(
            url_name="notes_shared",
            heading="Notes shared with me",
            intro="Notes others chose to share with you. Each person can stop sharing at any time.",
            empty="Nobody has shared a note with you yet.",
            scope=lambda user: ReflectiveNote.objects.visible_to(user).exclude(owner=user),
        ),
        Listing(
            url_name="note_search",
            heading="Search notes",
            intro="Your own notes and the notes shared with you. Nothing else is searched.",
            empty="No notes found.",
            scope=lambda user: ReflectiveNote.objects.visible_to(user),
        ),
    ]
}


def filtered(notes: QuerySet[ReflectiveNote], form: NoteFilterForm) -> QuerySet[ReflectiveNote]:
    """Narrow a list by meeting, by prompt, and by words (PostgreSQL full-text search)."""
    if not form.is_valid():
        return notes
    data = form.cleaned_data
    if data["meeting"] is not None:
        notes = notes.filter(meeting=data["meeting"])
    if data["prompt"] is not None:
        notes = notes.filter(answers__prompt=data["prompt"])
    words = data["q"].strip()
    if words:
        query = SearchQuery(words, search_type="websearch", config=SEARCH_CONFIG)
        notes = (
            notes.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "-updated_at")
        )
    return notes


def _list_page(request: AuthenticatedRequest, listing: Listing) -> HttpResponse:
    scope = listing.scope(request.user)
    meetings = Meeting.objects.filter(pk__in=scope.values("meeting")).order_by("-starts_at")
    # The filters are posted, never put in the address: search words would otherwise stay in
    # the browser's history and in the address bar of a shared phone.
    data = request.POST if request.method == "POST" else None
    form = NoteFilterForm(data, meetings=meetings)
    notes = with_details(filtered(scope, form)).select_related("draft")
    page = page_of(notes, (data or request.GET).get("page"), PAGE_SIZE)
    items = list(page.object_list)
    # Seeing someone else's note in a list is in their "Who has seen my things".
    record_access(viewer=request.user, items=items, how=AccessEvent.How.LISTED)
    attach_sharing_tags(items, request.user)
    return render(
        request,
        "reflections/note_list_page.html",
        {
            "listing": listing,
            "form": form,
            "page": page,
            "notes": items,
            "filtered": form.is_valid() and any(form.cleaned_data.values()),
        },
    )


def my_notes(request: AuthenticatedRequest) -> HttpResponse:
    return _list_page(request, LISTINGS["my_notes"])


def notes_shared(request: AuthenticatedRequest) -> HttpResponse:
    return _list_page(request, LISTINGS["notes_shared"])


def note_search(request: AuthenticatedRequest) -> HttpResponse:
    return _list_page(request, LISTINGS["note_search"])
