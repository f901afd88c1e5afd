"""Writes for research exports: create, review, make, and delete when expired.

The steps of an export:

1. ``export_create``: the researcher's choice (kinds, dates, meetings); a task chooses the
   items (``research.exports.selection.export_select``).
2. Review: the preview shows each item anonymised; ``redaction_add`` takes words out by hand.
3. ``export_start`` (after re-authentication) queues ``export_make``, which takes the consent
   snapshot, writes the ZIP to the private storage (or adds the items to the analysis),
   records an EXPORTED access event per item and finishes.
4. ``exports_delete_expired`` (daily) deletes files past ``RESEARCH_EXPORT_EXPIRY_HOURS``.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from actionlog.services import log_action
from consent.models import AccessEvent
from consent.policy import record_access_by_ref
from people.models import User
from research.analysis.models import ProjectItem, ResearchProject
from research.exports.files import EXPORT_FOLDER
from research.exports.models import Export, ExportItem
from research.exports.tasks import make_export, select_export_items
from research.exports.withdrawal import file_withdraw
from research.granted import research_kinds

logger = logging.getLogger(__name__)


@transaction.atomic
def export_create(
    *,
    project: ResearchProject,
    purpose: str,
    kinds: Iterable[str],
    date_from: date | None = None,
    date_to: date | None = None,
    meeting_ids: Iterable[uuid.UUID] = (),
    by: User,
) -> Export:
    """A draft export; a background task chooses its items."""
    chosen = [kind.key for kind in research_kinds(kinds)]
    if not chosen:
        raise ValidationError("Choose at least one kind of item.")
    if date_from and date_to and date_from > date_to:
        raise ValidationError("The first day comes after the last day.")
    export = Export.objects.create(
        project=project,
        purpose=purpose,
        kinds=chosen,
        date_from=date_from,
        date_to=date_to,
        meeting_ids=list(meeting_ids),
        created_by=by,
    )
    _enqueue_selection(export)
    log_action(by=by, action="research.export.created", obj=export)
    return export


def _enqueue_selection(export: Export) -> None:
    select_export_items.enqueue(str(export.id))


def _clean_words(words: str) -> str:
    return " ".join(words.split())


@transaction.atomic
def redaction_add(*, export: Export, words: str, by: User) -> bool:
    """Take a word or phrase out of this export's texts by hand ([REDACTED]). False when it
    is on the list already."""
    locked = Export.objects.select_for_update().get(pk=export.pk)
    if locked.status != Export.Status.REVIEW:
        raise ValidationError("This export is no longer being checked.")
    words = _clean_words(words)
    if len(words) < 2:
        raise ValidationError("Write at least two letters.")
    if words.lower() in {existing.lower() for existing in locked.redactions}:
        return False
    locked.redactions = [*locked.redactions, words]
    locked.save(update_fields=["redactions"])
    export.redactions = locked.redactions
    log_action(by=by, action="research.export.redaction_added", obj=export)
    return True


@transaction.atomic
def redaction_remove(*, export: Export, words: str, by: User) -> bool:
    locked = Export.objects.select_for_update().get(pk=export.pk)
    if locked.status != Export.Status.REVIEW:
        raise ValidationError("This export is no longer being checked.")
    kept = [existing for existing in locked.redactions if existing != words]
    if len(kept) == len(locked.redactions):
        return False
    locked.redactions = kept
    locked.save(update_fields=["redactions"])
    export.redactions = kept
    log_action(by=by, action="research.export.redaction_removed", obj=export)
    return True


@transaction.atomic
def export_start(*, export: Export, by: User) -> None:
    """The researcher checked the preview: make the export in the background."""
    locked = Export.objects.select_for_update().get(pk=export.pk)
    if locked.created_by_id != by.pk:
        raise ValidationError("Only the researcher who made this export can finish it.")
    if locked.status != Export.Status.REVIEW:
        raise ValidationError("This export has been started already.")
    if not locked.progress_total:
        raise ValidationError("There is nothing to export.")
    locked.status = Export.Status.QUEUED
    locked.save(update_fields=["status"])
    export.status = locked.status
    make_export.enqueue(str(export.id))
    log_action(by=by, action="research.export.started", obj=export)


@transaction.atomic
def export_discard(*, export: Export, by: User) -> None:
    """A draft the researcher does not want (or a failed export of which nothing went out): it
    goes with the items it chose. An export that took anything out stays on record."""
    if not export.is_draft and export.status != Export.Status.FAILED:
        raise ValidationError("Only a draft can be discarded.")
    went_out = (
        AccessEvent.objects.filter(reference=str(export.id), how=AccessEvent.How.EXPORTED).exists()
        or ProjectItem.objects.filter(added_in=export).exists()
    )
    if went_out:
        raise ValidationError("Part of this export went into the analysis: its record stays.")
    log_action(by=by, action="research.export.discarded", obj=export)
    export.delete()


# --- After the export ---------------------------------------------------------------------


@transaction.atomic
def export_files_withdraw_item(*, item_kind: str, item_id: Any, by: User) -> list[Export]:
    """An owner withdrew research use: every export file still on the server that holds the
    item is deleted (once the withdrawal is committed), so it is never served again as it
    was. Its researcher is told, with a way to make it again without the item, and the
    owner's history names each file. Returns the exports whose file went."""
    holding = (
        Export.objects.select_for_update()
        .filter(
            purpose=Export.Purpose.FILE,
            status=Export.Status.DONE,
            file_withdrawn_at__isnull=True,
            items__item_kind=item_kind,
            items__item_id=item_id,
            items__state=ExportItem.State.EXPORTED,
        )
        .exclude(file_name="")
        .select_related("created_by")
    )
    withdrawn = []
    for export in holding:
        file_withdraw(
            export=export,
            because=Export.Withdrawal.ITEM,
            notice=f"An owner withdrew research use of an item in export {export.reference}. "
            "Its file was deleted from the server. Delete the item from any copy you "
            "keep (the export's page lists it), and make the export again if you need it.",
            by=by,
            action="research.export.item_withdrawn",
            data={"item_kind": item_kind, "item_id": item_id},
        )
        record_access_by_ref(
            viewer=export.created_by,
            refs=[(item_kind, item_id)],
            how=AccessEvent.How.REMOVED_FROM_FILE,
            reference=str(export.id),
        )
        withdrawn.append(export)
    return withdrawn


@transaction.atomic
def export_remake(*, export: Export, by: User) -> Export:
    """A new draft with the same choices as an earlier export: its items are chosen again,
    so anything withdrawn since is left out."""
    if export.created_by_id != by.pk:
        raise ValidationError("Only the researcher who made this export can make it again.")
    again = export_create(
        project=export.project,
        purpose=export.purpose,
        kinds=export.kinds,
        date_from=export.date_from,
        date_to=export.date_to,
        meeting_ids=export.meeting_ids,
        by=by,
    )
    again.redactions = list(export.redactions)
    again.save(update_fields=["redactions"])
    log_action(by=by, action="research.export.remade", obj=again)
    return again


def exports_delete_expired(now: datetime | None = None) -> int:
    """Delete every export file past its expiry. Returns how many were deleted.

    A retention job (research/data_rights.py), run every night. The export's record stays:
    who made it, when, which items, the file's SHA-256.
    """
    moment = now or timezone.now()
    expired = Export.objects.filter(
        status=Export.Status.DONE, purpose=Export.Purpose.FILE, expires_at__lte=moment
    )
    deleted = 0
    for export in expired.iterator():
        if export.file_name:
            default_storage.delete(export.file_name)
        Export.objects.filter(pk=export.pk).update(
            status=Export.Status.EXPIRED, file_name="", file_deleted_at=moment
        )
        deleted += 1
    return deleted


# A file written in the last hour may belong to an export being made right now.
ORPHAN_GRACE = timedelta(hours=1)


def export_files_delete_orphaned(now: datetime | None = None) -> int:
    """Delete every file in the exports folder that no export names (left half-written by a
    full disk or a crash, whatever the page said). A retention job, run every night."""
    moment = now or timezone.now()
    named = set(Export.objects.exclude(file_name="").values_list("file_name", flat=True))
    try:
        _folders, files = default_storage.listdir(EXPORT_FOLDER)
    except FileNotFoundError:
        return 0
    deleted = 0
    for file in files:
        name = f"{EXPORT_FOLDER}/{file}"
        if name in named:
            continue
        if default_storage.get_modified_time(name) > moment - ORPHAN_GRACE:
            continue
        default_storage.delete(name)
        deleted += 1
    return deleted


@transaction.atomic
def redactions_name_replace(*, replace: Callable[[str], str]) -> int:
    """Every word a researcher took out by hand passed through `replace` (a person's account
    is deleted: her name leaves them too). Returns how many exports changed."""
    changed = 0
    for export in Export.objects.exclude(redactions=[]).only("id", "redactions"):
        redactions = list(dict.fromkeys(replace(words) for words in export.redactions))
        if redactions != export.redactions:
            export.redactions = redactions
            export.save(update_fields=["redactions"])
            changed += 1
    return changed
