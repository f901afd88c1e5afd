"""How views reach notes: only through the consent policy. No visibility rule here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet

from bridging_gaps.types import AuthenticatedRequest
from consent.models import AccessEvent
from consent.policy import get_item_for_user, get_managed_item, record_access
from reflections.ids import parse_ids
from reflections.models import NoteAnswer, ReflectionPrompt, ReflectiveNote


def with_details(queryset: QuerySet[ReflectiveNote]) -> QuerySet[ReflectiveNote]:
    """What note pages and lists show, in a fixed number of queries."""
    return queryset.select_related("owner", "meeting").prefetch_related(
        Prefetch("answers", queryset=NoteAnswer.objects.select_related("prompt"))
    )


def get_note_for_user(
    request: AuthenticatedRequest, note_id: Any, *, opening: bool = False
) -> ReflectiveNote:
    """The one way views fetch a note to read: through the consent policy, or 404.
    A read of someone else's note goes into their access log; with `opening`, a page that
    keeps a warned note's text hidden is logged as opened, not read."""
    note = get_item_for_user(request, with_details(ReflectiveNote.objects.all()), note_id, how=None)
    hidden = opening and note.has_warning
    record_access(
        viewer=request.user,
        items=[note],
        how=AccessEvent.How.OPENED if hidden else AccessEvent.How.VIEWED,
    )
    return note


def get_own_note(request: AuthenticatedRequest, note_id: Any) -> ReflectiveNote:
    """A note whose author is asking (to edit, see versions, delete), or 404."""
    return get_managed_item(request, with_details(ReflectiveNote.objects.all()), note_id)


def find_own_note(request: AuthenticatedRequest, note_id: Any) -> ReflectiveNote | None:
    """The person's own note with this id, or None: the writing page picks the
    id of a note before it exists, so autosave and "Save" reach the same one."""
    return ReflectiveNote.objects.owned_by(request.user).filter(pk=note_id).first()


def prompts_in_order(
    ids: Iterable[Any], *, also: Iterable[ReflectionPrompt] = (), active_only: bool = False
) -> list[ReflectionPrompt]:
    """Prompts the note answers: those already answered first, then new ones in
    the group's order. `active_only` for a fresh choice: a retired prompt is not
    offered again, but one retired while someone was writing keeps her answer."""
    already = list(also)
    known = {prompt.pk for prompt in already}
    wanted = [prompt_id for prompt_id in parse_ids(ids) if prompt_id not in known]
    if not wanted:
        return already
    extra = ReflectionPrompt.objects.filter(pk__in=wanted)
    if active_only:
        extra = extra.filter(is_active=True)
    return already + list(extra)
