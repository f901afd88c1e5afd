"""The background work of an export (research/exports/tasks.py runs it): choosing a draft's
items, then, once the researcher has checked the preview, taking the consent snapshot and making
the file or the copy for the analysis. Nothing half-made is kept."""

from __future__ import annotations

import hashlib
import logging
import tempfile
from datetime import timedelta
from itertools import batched
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from consent.models import AccessEvent
from consent.policy import record_access
from mentions.research import passages_read
from research.analysis.models import ProjectItem
from research.analysis.services import project_items_store
from research.exports.files import EXPORT_FOLDER, write_export_zip
from research.exports.meanwhile import taken_back_meanwhile
from research.exports.models import Export, ExportItem
from research.exports.run import anonymiser_for, prepared_items, record_exported
from research.exports.selection import CHUNK, export_select

logger = logging.getLogger(__name__)


def export_choose_items(export_id: str) -> None:
    """The task's work: choose the draft's items. A failure leaves the draft FAILED."""
    export = Export.objects.select_related("project").filter(pk=export_id).first()
    if export is None or export.status != Export.Status.SELECTING:
        return
    try:
        export_select(export)
    except Exception:
        logger.exception("Choosing the items of export %s failed.", export_id)
        Export.objects.filter(pk=export_id).update(
            status=Export.Status.FAILED, error="The items could not be found. Please try again."
        )


def _claim(export_id: str) -> Export | None:
    with transaction.atomic():
        export = (
            Export.objects.select_for_update()
            .select_related("project", "created_by")
            .filter(pk=export_id)
            .first()
        )
        if export is None or export.status != Export.Status.QUEUED:
            return None
        export.status = Export.Status.RUNNING
        export.snapshot_at = timezone.now()
        export.progress_done = 0
        export.save(update_fields=["status", "snapshot_at", "progress_done"])
        return export


def export_make(export_id: str) -> None:
    """The task's work: take the consent snapshot and make the export.

    Nothing half-made is kept: on failure the file is deleted, the export says it failed and no
    access event is written (they are written with the result, in one transaction).
    """
    export = _claim(export_id)
    if export is None:
        return
    name = ""
    try:
        if export.purpose == Export.Purpose.FILE:
            name = _make_file(export)
        else:
            _add_to_analysis(export)
    except Exception:
        logger.exception("Making export %s failed.", export_id)
        if name:
            default_storage.delete(name)
        Export.objects.filter(pk=export.pk).update(
            status=Export.Status.FAILED, error=_failure(export)
        )


def _failure(export: Export) -> str:
    if export.purpose == Export.Purpose.FILE:
        return "Something went wrong while making it. Nothing was kept. Please try again."
    added = ProjectItem.objects.filter(added_in=export).count()
    return (
        f"Something went wrong part of the way. {added} item{'s' if added != 1 else ''} went "
        "into the analysis before that (their owners see it). Please try again."
    )


def _finish(export: Export, *, record: bool = True, **fields: Any) -> None:
    """Record the result: the access events (unless written already) and the export's row,
    together; then leave out what was taken back while it was made (research.exports.meanwhile)."""
    with transaction.atomic():
        # Locked first: a withdrawal or a "no" that comes now waits, then finds it done.
        Export.objects.select_for_update().filter(pk=export.pk).first()
        if record:
            count = record_exported(export)
        else:
            count = ExportItem.objects.filter(
                export=export, state=ExportItem.State.EXPORTED
            ).count()
        left_out = ExportItem.objects.filter(export=export, state=ExportItem.State.LEFT_OUT).count()
        Export.objects.filter(pk=export.pk).update(
            status=Export.Status.DONE,
            finished_at=timezone.now(),
            item_count=count,
            left_out_count=left_out,
            progress_done=export.progress_total,
            **fields,
        )
        assert export.snapshot_at is not None
        done = Export.objects.select_related("project", "created_by").get(pk=export.pk)
        taken_back_meanwhile(done, since=export.snapshot_at)


def _make_file(export: Export) -> str:
    assert export.snapshot_at is not None
    with tempfile.TemporaryFile() as spool:
        tally = write_export_zip(export, spool, snapshot_at=export.snapshot_at)
        spool.seek(0)
        digest = hashlib.sha256()
        for block in iter(lambda: spool.read(1024 * 1024), b""):
            digest.update(block)
        size = spool.tell()
        spool.seek(0)
        intended = f"{EXPORT_FOLDER}/{export.id}.zip"
        try:
            name = default_storage.save(intended, File(spool))
        except BaseException:
            # A full disk leaves part of the file: nothing half-written is kept.
            if default_storage.exists(intended):
                default_storage.delete(intended)
            raise
    try:
        _finish(
            export,
            file_name=name,
            sha256=digest.hexdigest(),
            size=size,
            passages_dropped=tally.passages_dropped,
            expires_at=timezone.now() + timedelta(hours=settings.RESEARCH_EXPORT_EXPIRY_HOURS),
        )
    except Exception:
        default_storage.delete(name)
        raise
    return name


def _add_to_analysis(export: Export) -> None:
    anonymiser = anonymiser_for(export)
    dropped = 0
    prepared = prepared_items(export, anonymiser, as_of=export.snapshot_at)
    for chunk in batched(prepared, CHUNK):
        # Each chunk's copies and its owners' access events together: whatever happens
        # later, every copy in the analysis is in its owner's "Who has seen my things".
        with transaction.atomic():
            _, removed = project_items_store(
                project=export.project, prepared=chunk, export=export, by=export.created_by
            )
            record_access(
                viewer=export.created_by,
                items=[entry.item for entry in chunk],
                how=AccessEvent.How.EXPORTED,
                reference=str(export.id),
            )
            # The people they name, for each passage about them that went in too.
            stored = ProjectItem.objects.filter(
                project=export.project,
                item_id__in=[entry.item.pk for entry in chunk],
                withdrawn_at__isnull=True,
            )
            passages_read(
                refs=stored.values("item_kind", "item_id"),
                viewer=export.created_by,
                how=AccessEvent.How.EXPORTED,
                reference=str(export.id),
            )
        dropped += removed
    _finish(export, record=False, passages_dropped=dropped)
