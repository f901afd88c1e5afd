"""Which items research may use: the one gate between the consent ledger and research.

Every kind registered with ``export=`` and ``allow_research_use`` takes part, so a new kind of
item joins exports and the analysis without a change here. Items come only through
``consent.policy.research_use_granted``: an item without a current research-use grant is never
read, shown, exported or analysed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from django.db.models import Exists, Model, OuterRef, Q, QuerySet

from bridging_gaps.text import one_newline
from consent.policy import research_use_granted
from consent.registry import ExportText, ItemKind, all_kinds, get_kind


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
    """The item's text for research, with \n line breaks only (whatever was stored): offsets in
    exports count code points over this text, as REFI-QDA tools do."""
    assert kind.export is not None
    text = kind.export(item)
    return replace(text, text=one_newline(text.text))


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
