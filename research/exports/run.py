"""Reading the chosen items of an export, anonymised, a chunk at a time.

The one place besides research/exports/selection.py that reads items' identified text: each item is
fetched through ``research_use_granted`` (at the export's consent snapshot), its text goes
straight into the anonymiser, and only the anonymised text leaves. Items whose grant ended
since they were chosen are marked LEFT_OUT and never read.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from itertools import batched
from typing import Any

from django.db.models import Prefetch

from consent.models import AccessEvent
from consent.policy import record_access, record_access_by_ref, research_use_granted_of_kind
from research.analysis.models import Passage, ProjectItem
from research.analysis.services import Prepared
from research.anonymiser import Anonymised, Anonymiser, Term
from research.exports.models import Export, ExportItem
from research.exports.selection import CHUNK
from research.granted import export_text, kind_or_none
from research.names.roster import anonymiser_for_project

REDACTED = "REDACTED"


def anonymiser_for(export: Export) -> Anonymiser:
    """The project's anonymiser, with the researcher's own redactions as extra terms."""
    return anonymiser_for_project(
        export.project.key, extra_terms=[Term(words, REDACTED) for words in export.redactions]
    )


def fetch_granted(rows: list[ExportItem], *, as_of: datetime | None) -> dict[tuple[str, Any], Any]:
    """The items behind these rows that still have a research-use grant (at ``as_of``)."""
    ids: dict[str, list[Any]] = {}
    for row in rows:
        ids.setdefault(row.item_kind, []).append(row.item_id)
    found: dict[tuple[str, Any], Any] = {}
    for key, item_ids in ids.items():
        kind = kind_or_none(key)
        if kind is None:
            continue
        granted = research_use_granted_of_kind(kind, as_of=as_of).filter(pk__in=item_ids)
        for item in granted:
            found[(key, item.pk)] = item
    return found


def _coded(export: Export, rows: list[ExportItem]) -> dict[tuple[str, Any], ProjectItem]:
    items = ProjectItem.objects.filter(
        project=export.project_id,
        withdrawn_at__isnull=True,
        item_id__in=[row.item_id for row in rows],
    ).prefetch_related(
        Prefetch(
            "passages",
            queryset=Passage.objects.prefetch_related("themes").select_related("created_by"),
        )
    )
    return {(item.item_kind, item.item_id): item for item in items}


def prepared_items(
    export: Export, anonymiser: Anonymiser, *, as_of: datetime | None, with_coding: bool = False
) -> Iterator[Prepared]:
    """Every chosen item still granted at ``as_of``, anonymised, in date order.

    Marks each row EXPORTED or LEFT_OUT, and records the progress, one chunk at a time: the
    caller reads one item at a time, so memory holds one chunk whatever the size.
    """
    rows = (
        ExportItem.objects.filter(export=export, state=ExportItem.State.SELECTED)
        .order_by("date", "position")
        .iterator(chunk_size=CHUNK)
    )
    done = 0
    for chunk in batched(rows, CHUNK):
        block = list(chunk)
        found = fetch_granted(block, as_of=as_of)
        coded = _coded(export, block) if with_coding else {}
        exported: list[int] = []
        left_out: list[int] = []
        for row in block:
            item = found.get((row.item_kind, row.item_id))
            text = export_text(_kind(row), item) if item is not None else None
            if text is None or not text.text.strip():
                left_out.append(row.pk)
                continue
            exported.append(row.pk)
            yield Prepared(
                row,
                item,
                text,
                anonymiser.anonymise(text.text),
                coded.get((row.item_kind, row.item_id)),
            )
        ExportItem.objects.filter(pk__in=exported).update(state=ExportItem.State.EXPORTED)
        ExportItem.objects.filter(pk__in=left_out).update(state=ExportItem.State.LEFT_OUT)
        done += len(block)
        Export.objects.filter(pk=export.pk).update(progress_done=done)


def _kind(row: ExportItem) -> Any:
    kind = kind_or_none(row.item_kind)
    assert kind is not None  # fetch_granted found the item, so its kind is registered
    return kind


def record_exported(export: Export) -> int:
    """Write one EXPORTED access event per exported item for its owner, referring to the
    export: the owner sees it in "Who has seen my things". Owners come from the ledger (no
    item is read again). Returns the number of items."""
    rows = (
        ExportItem.objects.filter(export=export, state=ExportItem.State.EXPORTED)
        .order_by("pk")
        .values_list("item_kind", "item_id")
        .iterator(chunk_size=CHUNK)
    )
    count = 0
    for chunk in batched(rows, CHUNK):
        record_access_by_ref(
            viewer=export.created_by,
            refs=chunk,
            how=AccessEvent.How.EXPORTED,
            reference=str(export.id),
        )
        count += len(chunk)
    return count


def preview(export: Export, rows: list[ExportItem], *, viewer: Any) -> dict[int, Anonymised]:
    """The rows of a preview page anonymised, as they would go out now ({row id: result}),
    for the researcher checking the export; each item's owner sees the read (viewed, with
    the export's reference). Items whose grant ended since they were chosen are left out."""
    found = fetch_granted(rows, as_of=None)
    anonymiser = anonymiser_for(export)
    previewed: dict[int, Anonymised] = {}
    for row in rows:
        item = found.get((row.item_kind, row.item_id))
        if item is not None:
            previewed[row.pk] = anonymiser.anonymise(export_text(_kind(row), item).text)
    record_access(
        viewer=viewer,
        items=list(found.values()),
        how=AccessEvent.How.VIEWED,
        reference=str(export.id),
    )
    return previewed
