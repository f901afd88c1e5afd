"""Reading the chosen items of an export, anonymised, a chunk at a time.

The one place besides research/exports/selection.py that reads items' identified text: each item is
fetched through ``research_use_granted`` (at the export's consent snapshot), its text goes
straight into the anonymiser, and only the anonymised text leaves. Items whose grant ended
since they were chosen are marked LEFT_OUT and never read.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import batched
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Prefetch

from consent.models import AccessEvent
from consent.policy import (
    record_access,
    record_access_for_each,
    research_use_granted_of_kind,
)
from mentions.research import ResearchNames, passages_read, taken_out_of
from research.analysis.models import Passage, ProjectItem
from research.analysis.services import Prepared
from research.anonymiser import Anonymised, Anonymiser, Term
from research.anonymiser.passages import ForResearch
from research.anonymiser.spread import Spread
from research.exports.models import Export, ExportItem
from research.exports.selection import CHUNK
from research.granted import export_text_as_stored, kind_or_none, research_job, writers_of
from research.names.roster import anonymiser_for_project

if TYPE_CHECKING:
    from people.models import User

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


def processes_for(export: Export) -> int:
    """How many processes anonymise this export's texts: one (this one) for a small export,
    where starting others costs more than it saves; otherwise EXPORT_PROCESSES."""
    if export.progress_total < settings.EXPORT_SPREAD_FROM:
        return 1
    return max(1, settings.EXPORT_PROCESSES)


@dataclass
class _Chunk:
    """One chunk of rows read, its texts on their way through the anonymiser."""

    rows: list[tuple[ExportItem, Any, Any]]
    coded: dict[tuple[str, Any], ProjectItem]
    left_out: list[int]
    size: int
    anonymised: Callable[[], list[Anonymised]]


def prepared_items(
    export: Export, anonymiser: Anonymiser, *, as_of: datetime | None, with_coding: bool = False
) -> Iterator[Prepared]:
    """Every chosen item still granted at ``as_of``, anonymised, in date order.

    Marks each row EXPORTED or LEFT_OUT, and records the progress, one chunk at a time: the
    caller reads one item at a time, so memory holds two chunks whatever the size. While the
    caller writes one chunk, the next is read and anonymised (in other processes for a large
    export: research/anonymiser/spread.py).
    """
    rows = (
        ExportItem.objects.filter(export=export, state=ExportItem.State.SELECTED)
        .order_by("date", "position")
        .iterator(chunk_size=CHUNK)
    )
    done = 0
    names = ResearchNames()
    work = ForResearch(anonymiser, names.withholding)
    with Spread(work, processes=processes_for(export)) as spread:
        waiting: _Chunk | None = None
        for block in batched(rows, CHUNK):
            chunk = _read(export, list(block), spread, names, as_of=as_of, with_coding=with_coding)
            if waiting is not None:
                done = yield from _hand_over(export, waiting, done=done)
            waiting = chunk
        if waiting is not None:
            yield from _hand_over(export, waiting, done=done)


def _read(
    export: Export,
    block: list[ExportItem],
    spread: Spread,
    names: ResearchNames,
    *,
    as_of: datetime | None,
    with_coding: bool,
) -> _Chunk:
    found = fetch_granted(block, as_of=as_of)
    coded = _coded(export, block) if with_coding else {}
    rows: list[tuple[ExportItem, Any, Any]] = []
    left_out: list[int] = []
    for row in block:
        item = found.get((row.item_kind, row.item_id))
        text = export_text_as_stored(_kind(row), item) if item is not None else None
        if text is None or not text.text.strip():
            left_out.append(row.pk)
        else:
            rows.append((row, item, text))
    # Passages are left out (and the rest anonymised) where the texts go: other processes
    # for a large export. The passages people took out, for all the chunk's texts at once.
    sources = {
        row.pk: (row.item_kind, item.pk, text.mentions_field)
        for row, item, text in rows
        if text.mentions_field
    }
    taken_out = taken_out_of(sources.values())
    jobs = [
        names.job(
            text.text,
            writers=writers_of(item, text),
            taken_out=taken_out[sources[row.pk]] if row.pk in sources else (),
        )
        for row, item, text in rows
    ]
    return _Chunk(rows, coded, left_out, len(block), spread.submit(jobs))


def _hand_over(export: Export, chunk: _Chunk, *, done: int) -> Generator[Prepared, None, int]:
    """The chunk's items to the caller; then their rows marked and the progress recorded.
    Returns how many rows are done. An item with nothing left once the passages about people
    who did not agree are out is left out."""
    exported: list[int] = []
    left_out = list(chunk.left_out)
    for (row, item, text), anonymised in zip(chunk.rows, chunk.anonymised(), strict=True):
        if not anonymised.text.strip():
            left_out.append(row.pk)
            continue
        # Only the anonymised text goes on: the text as stored still holds what was left out.
        text = replace(text, text="", withheld=text.withheld + anonymised.withheld)
        yield Prepared(row, item, text, anonymised, chunk.coded.get((row.item_kind, row.item_id)))
        exported.append(row.pk)
    ExportItem.objects.filter(pk__in=exported).update(state=ExportItem.State.EXPORTED)
    ExportItem.objects.filter(pk__in=left_out).update(state=ExportItem.State.LEFT_OUT)
    done += chunk.size
    Export.objects.filter(pk=export.pk).update(progress_done=done)
    return done


def _kind(row: ExportItem) -> Any:
    kind = kind_or_none(row.item_kind)
    assert kind is not None  # fetch_granted found the item, so its kind is registered
    return kind


def record_exported(export: Export) -> int:
    """Write one EXPORTED access event per exported item for its owner, referring to the
    export: the owner sees it in "Who has seen my things". Owners come from the ledger (no
    item is read again), and the rows are written by PostgreSQL in one statement. Returns the
    number of items."""
    exported = ExportItem.objects.filter(export=export, state=ExportItem.State.EXPORTED)
    refs = exported.values("item_kind", "item_id")
    record_access_for_each(
        viewer=export.created_by, refs=refs, how=AccessEvent.How.EXPORTED, reference=str(export.id)
    )
    # The people the exported items name, for each passage about them that went out too.
    passages_read(
        refs=refs, viewer=export.created_by, how=AccessEvent.How.EXPORTED, reference=str(export.id)
    )
    return exported.count()


def preview(export: Export, rows: list[ExportItem], *, viewer: User) -> dict[int, Anonymised]:
    """The rows of a preview page anonymised, as they would go out now ({row id: result}),
    for the researcher checking the export; each item's owner sees the read (viewed, with
    the export's reference). Items whose grant ended since they were chosen are left out."""
    found = fetch_granted(rows, as_of=None)
    names = ResearchNames()
    work = ForResearch(anonymiser_for(export), names.withholding)
    previewed: dict[int, Anonymised] = {}
    for row in rows:
        item = found.get((row.item_kind, row.item_id))
        if item is not None:
            kind = _kind(row)
            job = research_job(kind, item, export_text_as_stored(kind, item), names=names)
            previewed[row.pk] = work.anonymise(job)
    record_access(
        viewer=viewer,
        items=list(found.values()),
        how=AccessEvent.How.VIEWED,
        reference=str(export.id),
    )
    passages_read(
        refs=ExportItem.objects.filter(pk__in=list(previewed)).values("item_kind", "item_id"),
        viewer=viewer,
        how=AccessEvent.How.VIEWED,
        reference=str(export.id),
    )
    return previewed
