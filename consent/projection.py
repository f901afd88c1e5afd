"""Keeping CurrentShare (the shares in force now) equal to the ledger.

A share granted adds its row, a withdrawal removes it, in the same transaction as the ledger
row (the save signals below run inside the save). `rebuild()` makes the projection again from
the ledger alone, for `manage.py current_shares --rebuild` and after a bulk load that skipped
the signals.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db import transaction

from consent.models import CurrentShare, Share, ShareWithdrawal

if TYPE_CHECKING:
    from consent.items import ShareableItem


def _created_at(kind_key: str, ids: Iterable[Any]) -> dict[Any, Any]:
    """When each item was created (its row is read for that alone), by id."""
    from consent.registry import get_kind

    try:
        model = get_kind(kind_key).model
    except KeyError:
        return {}
    return dict(model._default_manager.filter(pk__in=list(ids)).values_list("pk", "created_at"))


def share_granted(sender: Any, instance: Share, created: bool, **kwargs: Any) -> None:
    if created and not kwargs.get("raw"):
        CurrentShare.objects.create(
            share=instance,
            item_kind=instance.item_kind,
            item_id=instance.item_id,
            owner_id=instance.owner_id,
            audience=instance.audience,
            anonymous=instance.anonymous,
            granted_at=instance.granted_at,
            item_created_at=_created_at(instance.item_kind, [instance.item_id]).get(
                instance.item_id
            ),
        )


def item_redated(item: ShareableItem) -> None:
    """An item whose creation time was set anew (a recording replaced by a new one): its
    current shares take the new time, so the newest shared with anyone still follows it."""
    from consent.registry import kind_of

    CurrentShare.objects.filter(item_kind=kind_of(item).key, item_id=item.pk).update(
        item_created_at=item.created_at
    )


def share_withdrawn(sender: Any, instance: ShareWithdrawal, created: bool, **kwargs: Any) -> None:
    if created and not kwargs.get("raw"):
        CurrentShare.objects.filter(share_id=instance.share_id).delete()


def from_ledger() -> list[CurrentShare]:
    """What the projection must hold, computed from the ledger (and each item's creation time)."""
    shares = list(Share.objects.filter(withdrawal__isnull=True).iterator(chunk_size=2000))
    by_kind: dict[str, set[Any]] = {}
    for share in shares:
        by_kind.setdefault(share.item_kind, set()).add(share.item_id)
    created = {key: _created_at(key, ids) for key, ids in by_kind.items()}
    return [
        CurrentShare(
            share_id=share.pk,
            item_kind=share.item_kind,
            item_id=share.item_id,
            owner_id=share.owner_id,
            audience=share.audience,
            anonymous=share.anonymous,
            granted_at=share.granted_at,
            item_created_at=created[share.item_kind].get(share.item_id),
        )
        for share in shares
    ]


@transaction.atomic
def rebuild() -> int:
    CurrentShare.objects.all().delete()
    rows = from_ledger()
    CurrentShare.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
