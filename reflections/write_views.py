"""Writing a note: the form, drafts and autosave, and deleting."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from bridging_gaps import text
from bridging_gaps.text import all_storable
from bridging_gaps.types import AuthenticatedRequest
from consent.describe import describe_shares
from consent.models import Audience, Share
from reflections import services
from reflections.access import find_own_note, get_own_note, prompts_in_order
from reflections.forms import (
    NoteForm,
    PromptChoiceForm,
    draft_from_post,
    initial_from_draft,
    meetings_to_offer,
)
from reflections.ids import given_to, new_note_signature, parse_ids
from reflections.models import NoteDraft, ReflectiveNote

OUTDATED_DRAFT = (
    "Not saved: this note was saved somewhere else after you opened this page. "
    "Copy what you typed before you leave this page."
)


def _taken_id_is_not_found(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """An id a page chose that is someone else's note answers 404, like anything not yours."""

    @wraps(view)
    def wrapped(request: AuthenticatedRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except services.NoteIdTaken:
            raise Http404("No such note.") from None

    return wrapped


def _given(request: AuthenticatedRequest, note_id: Any) -> bool:
    """Whether her writing page was given this id for a new note (reflections/ids.py)."""
    signature = request.POST.get("note_id_signature", "")
    return given_to(note_id=note_id, person=request.user, signature=signature)


def _at(moment: Any) -> str:
    return f"{timezone.localtime(moment):%H:%M}"


def _draft_saved(request: AuthenticatedRequest, draft: NoteDraft) -> HttpResponse:
    messages.success(request, f"Draft saved at {_at(draft.saved_at)}. Only you can see it.")
    return redirect("note_edit", note_id=draft.note_id)


def _render_form(
    request: AuthenticatedRequest,
    form: NoteForm,
    *,
    note_id: Any,
    note: ReflectiveNote | None = None,
    draft: NoteDraft | None = None,
) -> HttpResponse:
    shares = list(Share.objects.current().for_item(note)) if note is not None else []
    viewing = [share for share in shares if share.audience != Audience.RESEARCH_USE]
    return render(
        request,
        "reflections/note_form.html",
        {
            "form": form,
            "note": note,
            "note_id": note_id,
            "note_id_signature": new_note_signature(note_id=note_id, person=request.user),
            "draft": draft,
            "version": note.version if note is not None else 0,
            "shared_with": describe_shares(shares, owner=note.owner) if note and viewing else [],
            "autosave_seconds": settings.NOTES_AUTOSAVE_SECONDS,
        },
    )


def note_prompts(request: AuthenticatedRequest) -> HttpResponse:
    """For short answers: choose questions, then answer each in its own box."""
    # Unticked boxes send nothing: the button's own name says the form was sent.
    form = PromptChoiceForm(request.GET if "go" in request.GET else None)
    if form.is_valid():
        query = "&".join(f"prompt={prompt.pk}" for prompt in form.cleaned_data["prompt"])
        return redirect(f"{reverse('note_create')}?{query}")
    return render(request, "reflections/note_prompts.html", {"form": form})


@_taken_id_is_not_found
def note_create(request: AuthenticatedRequest) -> HttpResponse:
    if request.method != "POST":
        prompts = prompts_in_order(request.GET.getlist("prompt"), active_only=True)
        form = NoteForm(prompts=prompts, meetings=meetings_to_offer())
        return _render_form(request, form, note_id=uuid.uuid4())

    prompts = prompts_in_order(request.POST.getlist("prompt"))
    ids = parse_ids([request.POST.get("note_id", "")])
    note_id = ids[0] if ids else uuid.uuid4()
    existing = find_own_note(request, note_id)
    if existing is None and not _given(request, note_id):
        # Not an id her page was given (a page from before, an id typed in): her words are
        # kept, under an id of their own.
        note_id = uuid.uuid4()
    if "save_draft" in request.POST:
        draft = services.note_draft_save(
            owner=request.user,
            data=draft_from_post(request.POST, prompts),
            note=existing,
            note_id=note_id,
        )
        return _draft_saved(request, draft)
    form = NoteForm(
        request.POST, prompts=prompts, meetings=meetings_to_offer(request.POST.get("meeting"))
    )
    if not form.is_valid():
        return _render_form(request, form, note_id=note_id, note=existing)
    note = services.note_create(
        owner=request.user, content=form.content(), note_id=note_id, existing=existing
    )
    messages.success(request, "Your note is saved. Only you can see it.")
    return redirect("note_detail", note_id=note.id)


def note_edit(request: AuthenticatedRequest, note_id: Any) -> HttpResponse:
    note = get_own_note(request, note_id)
    draft = note.pending_draft
    answered = [answer.prompt for answer in note.answers.all()]
    if request.method == "POST":
        prompts = prompts_in_order(request.POST.getlist("prompt"), also=answered)
    else:
        kept = draft.data.get("prompts", []) if draft is not None else []
        prompts = prompts_in_order(
            request.GET.getlist("prompt"),
            also=prompts_in_order(kept, also=answered),
            active_only=True,
        )

    if request.method != "POST":
        initial = (
            initial_from_draft(draft.data)
            if draft is not None
            else initial_from_draft(
                {
                    "title": note.title,
                    "body": note.body,
                    "meeting": note.meeting_id,
                    "content_warnings": note.content_warnings,
                    "content_warning_words": note.content_warning_words,
                    "answers": {str(a.prompt_id): a.answer for a in note.answers.all()},
                }
            )
        )
        meetings = meetings_to_offer(note.meeting_id, initial.get("meeting"))
        form = NoteForm(initial=initial, prompts=prompts, meetings=meetings)
        return _render_form(request, form, note_id=note.pk, note=note, draft=draft)

    if "save_draft" in request.POST:
        draft = services.note_draft_save(
            owner=request.user, data=draft_from_post(request.POST, prompts), note=note
        )
        return _draft_saved(request, draft)
    meetings = meetings_to_offer(note.meeting_id, request.POST.get("meeting"))
    form = NoteForm(request.POST, prompts=prompts, meetings=meetings)
    if not form.is_valid():
        return _render_form(request, form, note_id=note.pk, note=note, draft=draft)
    was_draft = note.is_draft
    services.note_save(note=note, content=form.content(), by=request.user)
    shares = [
        share
        for share in Share.objects.current().for_item(note)
        if share.audience != Audience.RESEARCH_USE
    ]
    if shares:
        sentences = describe_shares(shares, owner=note.owner)
        messages.success(request, "Saved. They now see the new text. " + " ".join(sentences))
    elif was_draft:
        messages.success(request, "Your note is saved. Only you can see it.")
    else:
        messages.success(request, "Your note is saved.")
    return redirect("note_detail", note_id=note.pk)


@require_POST
@_taken_id_is_not_found
def note_autosave(request: AuthenticatedRequest, note_id: Any) -> HttpResponse:
    """Keep what is typed, every few seconds (static/js/note-autosave.js).

    Answers JSON. A new note is made only at the id her writing page was given: any
    other id answers 404, whether it is someone else's note or nobody's."""
    if not all_storable(value for _, values in request.POST.lists() for value in values):
        # Kept on the page, not here: the message says what to take out.
        return JsonResponse({"saved": False, "message": text.MESSAGE}, status=400)
    note = find_own_note(request, note_id)
    if note is None and not _given(request, note_id):
        raise Http404("No such note.")
    answered = [answer.prompt for answer in note.answers.all()] if note is not None else []
    prompts = prompts_in_order(request.POST.getlist("prompt"), also=answered)
    try:
        base_version = int(request.POST.get("version", ""))
    except ValueError:
        base_version = None
    try:
        draft = services.note_draft_save(
            owner=request.user,
            data=draft_from_post(request.POST, prompts),
            note=note,
            note_id=note_id,
            base_version=base_version,
        )
    except services.DraftOutdated:
        return JsonResponse({"saved": False, "message": OUTDATED_DRAFT}, status=409)
    return JsonResponse(
        {
            "saved": True,
            "message": f"Draft saved at {_at(draft.saved_at)}.",
            "edit_url": reverse("note_edit", args=[draft.note_id]),
        }
    )


@require_POST
def note_draft_discard(request: AuthenticatedRequest, note_id: Any) -> HttpResponse:
    note = get_own_note(request, note_id)
    if services.note_draft_discard(note=note, by=request.user):
        messages.success(request, "Your draft is deleted.")
        return redirect("my_notes")
    messages.success(request, "Your unsaved changes are deleted. The saved note is unchanged.")
    return redirect("note_detail", note_id=note.pk)


def note_delete(request: AuthenticatedRequest, note_id: Any) -> HttpResponse:
    """Say plainly what deleting does, then do it."""
    note = get_own_note(request, note_id)
    if request.method == "POST":
        services.note_delete(note=note, by=request.user)
        messages.success(request, "Your note is deleted. Nobody can see it now.")
        return redirect("my_notes")
    shares = list(Share.objects.for_item(note).select_related("withdrawal"))
    return render(
        request,
        "reflections/note_delete.html",
        {
            "note": note,
            "is_shared": any(
                not hasattr(share, "withdrawal") and share.audience != Audience.RESEARCH_USE
                for share in shares
            ),
            "research_ever": any(share.audience == Audience.RESEARCH_USE for share in shares),
        },
    )
