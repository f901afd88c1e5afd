"""Changes to consent. Each appends to the ledger inside one transaction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.dispatch import Signal

from actionlog.services import log_action
from consent.models import Audience, Share, ShareWithdrawal
from consent.policy import can_manage
from consent.registry import kind_of

if TYPE_CHECKING:
    from consent.items import ItemId, ShareableItem
    from people.models import User


@dataclass
class ShareChange:
    granted: list[Share] = field(default_factory=list)
    withdrawn: list[Share] = field(default_factory=list)

    @property
    def widens(self) -> bool:
        return bool(self.granted)


def _lock_item(item: ShareableItem) -> None:
    # Two tabs saving the same item's sharing at once must not interleave.
    type(item)._default_manager.select_for_update().filter(pk=item.pk).exists()


def _check(
    item: ShareableItem, by: User, wanted: Mapping[str, bool], research_use: bool | None
) -> None:
    kind = kind_of(item)
    if not can_manage(by, item):
        raise PermissionDenied("Only the owner can change who sees this.")
    for audience, anonymous in wanted.items():
        if audience not in kind.audiences_for(item):
            raise ValidationError(f"A {kind.label} cannot be shared with {audience}.")
        if anonymous and not kind.allow_anonymous:
            raise ValidationError(f"A {kind.label} can only be shared with your name.")
    if research_use and not kind.allow_research_use:
        raise ValidationError(f"A {kind.label} cannot be used for research.")


def _withdraw(share: Share, by: User, reason: str) -> None:
    ShareWithdrawal.objects.create(share=share, withdrawn_by=by, reason=reason)


@transaction.atomic
def shares_set(
    *,
    item: ShareableItem,
    wanted: Mapping[str, bool],
    research_use: bool | None = None,
    by: User,
    reason: str = "",
) -> ShareChange:
    """Make the item's current shares exactly `wanted` (audience -> anonymous).

    `research_use` True/False grants or withdraws the research-use grant; None
    leaves it as it is. Changing a share from named to anonymous (or back)
    withdraws the old share and grants a new one, so the ledger shows both.
    """
    # Lock first, then check: a change to what the item may be shared with
    # (ItemKind.audiences_now) that holds the lock is seen by the check.
    _lock_item(item)
    _check(item, by, wanted, research_use)
    kind = kind_of(item)
    current = {share.audience: share for share in Share.objects.current().for_item(item)}
    change = ShareChange()

    desired: dict[str, bool] = dict(wanted)
    if research_use is None:
        if Audience.RESEARCH_USE in current:
            desired[Audience.RESEARCH_USE] = True
    elif research_use:
        desired[Audience.RESEARCH_USE] = True

    for audience, share in current.items():
        if audience not in desired or desired[audience] != share.anonymous:
            _withdraw(share, by, reason)
            change.withdrawn.append(share)
    for audience, anonymous in desired.items():
        existing = current.get(audience)
        if existing is not None and existing.anonymous == anonymous:
            continue
        change.granted.append(
            Share.objects.create(
                item_kind=kind.key,
                item_id=item.pk,
                owner_id=item.owner_id,
                audience=audience,
                # Research exports are always anonymised.
                anonymous=True if audience == Audience.RESEARCH_USE else anonymous,
                granted_by=by,
            )
        )
    return change


def share_grant(*, item: ShareableItem, audience: str, anonymous: bool, by: User) -> ShareChange:
    """Add one audience, keeping the others as they are."""
    current = {
        share.audience: share.anonymous
        for share in Share.objects.current().for_item(item)
        if share.audience != Audience.RESEARCH_USE
    }
    if audience == Audience.RESEARCH_USE:
        return shares_set(item=item, wanted=current, research_use=True, by=by)
    current[audience] = anonymous
    return shares_set(item=item, wanted=current, by=by)


@transaction.atomic
def shares_withdraw_all(
    *, item: ShareableItem, by: User, reason: str = "", include_research_use: bool = True
) -> ShareChange:
    """Back to "only me", at once."""
    wanted: dict[str, bool] = {}
    if not include_research_use:
        return shares_set(item=item, wanted=wanted, by=by, reason=reason)
    return shares_set(item=item, wanted=wanted, research_use=False, by=by, reason=reason)


@transaction.atomic
def shares_withdraw_unchecked(*, item_kind: str, item_id: ItemId, by: User, reason: str) -> int:
    """Withdraw every current share of an item that may no longer exist (a deleted
    note, a deleted account). Callers have already checked the person's right."""
    shares = list(Share.objects.current().filter(item_kind=item_kind, item_id=item_id))
    for share in shares:
        _withdraw(share, by, reason)
    return len(shares)


@transaction.atomic
def shares_withdraw_audience_unchecked(
    *, item_kind: str, audience: str, by: User, reason: str
) -> int:
    """Withdraw every current share of one kind with one audience, whoever owns the
    items: a decision of the group took that audience away (observation notes and
    facilitators). Callers have already checked the person's right to decide it."""
    shares = list(Share.objects.current().filter(item_kind=item_kind, audience=audience))
    for share in shares:
        _withdraw(share, by, reason)
    return len(shares)


# Sent inside item_delete's transaction, before the item goes: an app that keeps something
# about items (the passages that name people in them) forgets it. Arguments: item_kind, item_id.
item_deleted = Signal()


@transaction.atomic
def item_delete(*, item: models.Model, by: User, reason: str) -> None:
    """Delete an item of any kind, the one way every app does it.

    Every current share is withdrawn first, with who did it and why, so the ledger keeps that
    the item existed and who could see it; withdrawing research use purges the research
    copies and export files (research/signals.py). Apps forget what they keep about it
    (`item_deleted`), the action log records it, and the item goes. Callers check the right.
    """
    kind = kind_of(item)
    shares_withdraw_unchecked(item_kind=kind.key, item_id=item.pk, by=by, reason=reason)
    item_deleted.send(sender=type(item), item_kind=kind.key, item_id=item.pk)
    owner = getattr(item, "owner", None)
    log_action(
        by=by,
        action=f"{item._meta.app_label}.{kind.key}.deleted",
        obj=item,
        person=owner if owner is not None and owner != by else None,
    )
    item.delete()
