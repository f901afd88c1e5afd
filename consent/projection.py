"""Keeping CurrentShare (the shares in force now) equal to the ledger.

A share granted adds its row, a withdrawal removes it, in the same transaction as the ledger
row (the save signals below run inside the save). `rebuild()` makes the projection again from
the ledger alone, for `manage.py current_shares --rebuild` and after a bulk load that skipped
the signals.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from consent.models import CurrentShare, Share, ShareWithdrawal


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
        )


def share_withdrawn(sender: Any, instance: ShareWithdrawal, created: bool, **kwargs: Any) -> None:
    if created and not kwargs.get("raw"):
        CurrentShare.objects.filter(share_id=instance.share_id).delete()


def from_ledger() -> list[CurrentShare]:
    """What the projection must hold, computed from the ledger alone."""
    return [
        CurrentShare(
            share_id=share.pk,
            item_kind=share.item_kind,
            item_id=share.item_id,
            owner_id=share.owner_id,
            audience=share.audience,
            anonymous=share.anonymous,
            granted_at=share.granted_at,
        )
        for share in Share.objects.filter(withdrawal__isnull=True).iterator(chunk_size=2000)
    ]


@transaction.atomic
def rebuild() -> int:
    CurrentShare.objects.all().delete()
    rows = from_ledger()
    CurrentShare.objects.bulk_create(rows, batch_size=2000)
    return len(rows)
