"""Which items research may use, and choosing them for an export.

Every kind registered with ``export=`` and ``allow_research_use`` takes part, so a new kind of
item joins exports and the analysis without a change here. Items come only through
``consent.policy.research_use_granted``: an item without a current research-use grant is never
read, shown, exported or analysed. The identified text each kind's ``export`` gives is read here
and in research/exports/run.py only, and goes nowhere but into the anonymiser (or, here, into a
test of whether it is empty and which date and meeting it has).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from django.db import connection
from django.db.models import Model
from django.utils import timezone

from consent.policy import research_use_granted_of_kind
from consent.registry import ExportText, ItemKind
from research.exports.models import Export, ExportItem
from research.granted import export_text_as_stored, research_kinds
from research.names import services
from research.names.roster import role_of, user_pseudonyms

CHUNK = 500


def _matches(export: Export, text: ExportText) -> bool:
    if not text.text.strip():
        return False  # an interview not yet ready for analysis, an empty note
    if export.date_from and text.date < export.date_from:
        return False
    if export.date_to and text.date > export.date_to:
        return False
    if export.meeting_ids:
        return text.meeting_id is not None and text.meeting_id in set(export.meeting_ids)
    return True


def _chosen(export: Export) -> Iterator[tuple[ItemKind, Model, ExportText]]:
    for kind in research_kinds(export.kinds):
        items = research_use_granted_of_kind(kind).order_by("created_at", "pk")
        for item in items.iterator(chunk_size=CHUNK):
            # As stored: a text whose every sentence is about someone who did not agree is
            # left out when the export is made, where passages are left out.
            text = export_text_as_stored(kind, item)
            if _matches(export, text):
                yield kind, item, text


def export_select(export: Export) -> int:
    """Choose the items of a draft export: each with a current research-use grant, of the
    kinds, dates and meetings the researcher picked, and with some text. Replaces an earlier
    choice. Reads in chunks and writes in chunks, so memory stays flat. Returns the count."""
    project = export.project
    pseudonyms = user_pseudonyms(project_key=project.key)
    ExportItem.objects.filter(export=export).delete()
    batch: list[tuple[Any, ...]] = []
    count = 0
    for kind, item, text in _chosen(export):
        owner_id: Any = item.owner_id  # type: ignore[attr-defined]
        pseudonym = pseudonyms.get(owner_id, services.NO_ROLE_PREFIX)
        batch.append(
            (
                export.pk,
                count,
                kind.key,
                item.pk,
                project.source_guid(kind.key, item.pk),
                pseudonym,
                role_of(pseudonym),
                text.date,
                text.meeting_label[:200],
                ExportItem.State.SELECTED.value,
            )
        )
        count += 1
        if len(batch) >= CHUNK:
            _copy_rows(batch)
            batch = []
            Export.objects.filter(pk=export.pk).update(progress_done=count)
    _copy_rows(batch)
    export.progress_done = export.progress_total = count
    export.selected_at = timezone.now()
    export.status = Export.Status.REVIEW
    export.save(
        update_fields=["progress_done", "progress_total", "selected_at", "status"],
    )
    return count


# The columns of research_exportitem, in the order of the rows export_select makes.
_COLUMNS = (
    "export",
    "position",
    "item_kind",
    "item_id",
    "source_id",
    "pseudonym",
    "role",
    "date",
    "meeting_label",
    "state",
)


def _copy_rows(rows: list[tuple[Any, ...]]) -> None:
    """Rows of ExportItem written with PostgreSQL's COPY: for 100,000 chosen items, a tenth
    of the time of bulk_create, which builds an INSERT of every value in Python."""
    if not rows:
        return
    fields = {field.name: field.column for field in ExportItem._meta.concrete_fields}
    columns = ", ".join(f'"{fields[name]}"' for name in _COLUMNS)
    statement = f'COPY "{ExportItem._meta.db_table}" ({columns}) FROM STDIN'
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def meetings_of(export: Export) -> list[str]:
    """The chosen meetings, as the page names them."""
    if not export.meeting_ids:
        return []
    from meetings.models import Meeting

    return [str(meeting) for meeting in Meeting.objects.filter(pk__in=export.meeting_ids)]


def date_label(day: date | None) -> str:
    return f"{day:%-d %B %Y}" if day else ""
