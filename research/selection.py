"""Which items research may use, and choosing them for an export.

Every kind registered with ``export=`` and ``allow_research_use`` takes part, so a new kind of
item joins exports and the analysis without a change here. Items come only through
``consent.policy.research_use_granted``: an item without a current research-use grant is never
read, shown, exported or analysed. The identified text each kind's ``export`` gives is read here
and in research/export_run.py only, and goes nowhere but into the anonymiser (or, here, into a
test of whether it is empty and which date and meeting it has).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.utils import timezone

from consent.policy import research_use_granted, research_use_granted_of_kind
from consent.registry import ExportText, ItemKind, all_kinds, get_kind
from people.models import User
from research import services
from research.export_models import Export, ExportItem

CHUNK = 500
# What each pseudonym's prefix says about the person, in the export files.
ROLE_OF_PREFIX = {
    "P": "member",
    "GP": "GP",
    "R": "researcher",
    "SW": "support worker",
    services.NO_ROLE_PREFIX: "no role in the group",
}
_PREFIX = re.compile(r"[A-Z]+")


def research_kinds(keys: Iterable[str] | None = None) -> list[ItemKind]:
    """The kinds of item research can use, in the order they were registered."""
    wanted = None if keys is None else set(keys)
    return [
        kind
        for kind in all_kinds()
        if kind.export is not None
        and kind.allow_research_use
        and (wanted is None or kind.key in wanted)
    ]


def kind_or_none(key: str) -> ItemKind | None:
    try:
        kind = get_kind(key)
    except KeyError:
        return None
    return kind if kind.export is not None and kind.allow_research_use else None


def export_text(kind: ItemKind, item: Model) -> ExportText:
    assert kind.export is not None
    return kind.export(item)


def still_granted[M: Model](
    queryset: QuerySet[M], *, kind_field: str = "item_kind", id_field: str = "item_id"
) -> QuerySet[M]:
    """Rows naming an item (kind and id) whose owner allows research use now.

    The read-time check for everything research keeps about an item: it asks the one policy,
    ``research_use_granted``, kind by kind, in the same query.
    """
    condition = Q(pk__in=[])
    for kind in research_kinds():
        granted = research_use_granted(kind.model._default_manager.filter(pk=OuterRef(id_field)))
        condition |= Q(**{kind_field: kind.key}) & Q(Exists(granted))
    return queryset.filter(condition)


def user_pseudonyms(*, project_key: str) -> dict[uuid.UUID, str]:
    """Every account's pseudonym in the project (given now to those without). Four queries."""
    people = list(User.objects.values_list("id", "roles"))
    return services.pseudonyms_assign(
        project_key=project_key,
        subjects=[
            services.Subject("user", person_id, services.prefix_for_roles(roles))
            for person_id, roles in people
        ],
    )


def role_of(pseudonym: str) -> str:
    match = _PREFIX.match(pseudonym)
    return ROLE_OF_PREFIX.get(match.group(0) if match else "", "")


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
            text = export_text(kind, item)
            if _matches(export, text):
                yield kind, item, text


def export_select(export: Export) -> int:
    """Choose the items of a draft export: each with a current research-use grant, of the
    kinds, dates and meetings the researcher picked, and with some text. Replaces an earlier
    choice. Reads in chunks and writes in chunks, so memory stays flat. Returns the count."""
    project = export.project
    pseudonyms = user_pseudonyms(project_key=project.key)
    ExportItem.objects.filter(export=export).delete()
    batch: list[ExportItem] = []
    count = 0
    for kind, item, text in _chosen(export):
        owner_id: Any = item.owner_id  # type: ignore[attr-defined]
        pseudonym = pseudonyms.get(owner_id, services.NO_ROLE_PREFIX)
        batch.append(
            ExportItem(
                export=export,
                position=count,
                item_kind=kind.key,
                item_id=item.pk,
                source_id=project.source_guid(kind.key, item.pk),
                pseudonym=pseudonym,
                role=role_of(pseudonym),
                date=text.date,
                meeting_label=text.meeting_label[:200],
            )
        )
        count += 1
        if len(batch) >= CHUNK:
            ExportItem.objects.bulk_create(batch)
            batch = []
            Export.objects.filter(pk=export.pk).update(progress_done=count)
    ExportItem.objects.bulk_create(batch)
    export.progress_done = export.progress_total = count
    export.selected_at = timezone.now()
    export.status = Export.Status.REVIEW
    export.save(
        update_fields=["progress_done", "progress_total", "selected_at", "status"],
    )
    return count


def meetings_of(export: Export) -> list[str]:
    """The chosen meetings, as the page names them."""
    if not export.meeting_ids:
        return []
    from meetings.models import Meeting

    return [str(meeting) for meeting in Meeting.objects.filter(pk__in=export.meeting_ids)]


def date_label(day: date | None) -> str:
    return f"{day:%-d %B %Y}" if day else ""
