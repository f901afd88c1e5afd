"""Which items research may use: the one gate between the consent ledger and research.

Every kind registered with ``export=`` and ``allow_research_use`` takes part, so a new kind of
item joins exports and the analysis without a change here. Items come only through
``consent.policy.research_use_granted``: an item without a current research-use grant is never
read, shown, exported or analysed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from django.db.models import Exists, Model, OuterRef, Q, QuerySet

from bridging_gaps.text import one_newline
from consent.policy import research_use_granted
from consent.registry import ExportText, ItemKind, all_kinds, get_kind
from mentions.research import ResearchNames, taken_out_of
from research.anonymiser.passages import ResearchText


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


def export_text_as_stored(kind: ItemKind, item: Model) -> ExportText:
    """The item's text as its kind gives it, with \n line breaks only (whatever was stored):
    offsets in exports count code points over this text, as REFI-QDA tools do. Before the
    passages that name someone who did not agree are left out: only for choosing items
    (dates, meetings, whether there is any text) and for `research_job`, never to go out."""
    assert kind.export is not None
    text = kind.export(item)
    return replace(text, text=one_newline(text.text))


def research_job(
    kind: ItemKind, item: Model, text: ExportText, *, names: ResearchNames
) -> ResearchText:
    """The text on its way to research: whose words it is, and for texts checked as they were
    written, the passages taken out (one query for such a text: many at once in
    research/exports/run.py)."""
    taken_out: frozenset[str] = frozenset()
    if text.mentions_field:
        source = (kind.key, item.pk, text.mentions_field)
        taken_out = taken_out_of([source])[source]
    return names.job(text.text, writers=writers_of(item, text), taken_out=taken_out)


def writers_of(item: Model, text: ExportText) -> tuple[Any, ...]:
    """Whose words the text is: their own names are theirs to give. The owner's, unless the
    kind says."""
    return text.written_by or (item.owner_id,)  # type: ignore[attr-defined]


def export_text(kind: ItemKind, item: Model, *, names: ResearchNames | None = None) -> ExportText:
    """The item's text for research: as stored, without the passages that name someone who
    did not agree to research use of passages about her, whatever the kind (`names`: made
    once for many items)."""
    text = export_text_as_stored(kind, item)
    names = names if names is not None else ResearchNames()
    kept, withheld = names.withholding.withhold(research_job(kind, item, text, names=names))
    return replace(text, text=kept, withheld=text.withheld + withheld)


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
