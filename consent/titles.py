"""Titles of items, computed for the person who will read them.

A title is part of an item: it is shown only to someone the policy lets see the item, and a
title that shows a field of a related item (a recording's interview topic) shows it only to
someone the policy lets see that related item too (the kind's `titles`). Items the viewer may
not see, or that no longer exist, get no title here: callers show a neutral label.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from consent.policy import visible
from consent.registry import ItemKind, get_kind, kind_of

if TYPE_CHECKING:
    from consent.items import ShareableItem
    from people.models import User

DELETED = "(deleted)"


def titles_of(items: Sequence[ShareableItem], viewer: User) -> dict[Any, str]:
    """{item.pk: title} for items the caller fetched through the policy for this viewer."""
    by_kind: dict[str, tuple[ItemKind, list[Any]]] = {}
    for item in items:
        kind = kind_of(item)
        by_kind.setdefault(kind.key, (kind, []))[1].append(item)
    titles: dict[Any, str] = {}
    for kind, of_kind in by_kind.values():
        if kind.titles is not None:
            titles.update(kind.titles(of_kind, viewer))
        else:
            titles.update({item.pk: kind.title(item, viewer) for item in of_kind})
    return titles


def titles_by_ref(
    refs: Iterable[tuple[str, Any]], viewer: User
) -> dict[tuple[str, Any], tuple[str, str | None]]:
    """{(kind key, item id): (title, url)} for the items this viewer may see now, in one query
    per kind: for log and history rows, which name items by kind and id. Rows whose item is
    gone, or hidden from the viewer, are left out."""
    wanted: dict[str, set[Any]] = {}
    for key, item_id in refs:
        wanted.setdefault(key, set()).add(item_id)
    found: dict[tuple[str, Any], tuple[str, str | None]] = {}
    for key, ids in wanted.items():
        try:
            kind = get_kind(key)
        except KeyError:
            continue
        items = list(visible(kind.model._default_manager.filter(pk__in=ids), viewer))
        titles = titles_of(items, viewer)
        for item in items:
            found[(key, item.pk)] = (titles[item.pk], kind.url_for(item))
    return found


def kind_label(key: str) -> str:
    try:
        return get_kind(key).label
    except KeyError:
        return "item"
