"""What happens to what a person shared when they leave or ask to delete their account.

Everything goes through the consent ledger (consent.services), with `by=` the person, so
their history page and the ledger say what changed, when, and why.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from consent.models import Audience, Share
from consent.policy import managed
from consent.registry import get_kind
from consent.services import shares_set, shares_withdraw_unchecked
from people.models import User


@dataclass(frozen=True)
class SharingNow:
    """What a person shares now: for the leave and delete pages, before anything changes."""

    items_shared: int
    items_for_research: int
    # Shared by name with a kind of item that cannot be shared without a name (a phone
    # number, a recording, an observation note): these stop being shared either way.
    named_only_items: int


def _current_by_item(person: User) -> dict[tuple[str, Any], list[Share]]:
    grouped: dict[tuple[str, Any], list[Share]] = defaultdict(list)
    for share in Share.objects.current().filter(owner=person).order_by("granted_at"):
        grouped[(share.item_kind, share.item_id)].append(share)
    return grouped


def sharing_now(person: User) -> SharingNow:
    shared = research = named_only = 0
    for (kind_key, _item_id), shares in _current_by_item(person).items():
        viewing = [share for share in shares if share.audience != Audience.RESEARCH_USE]
        if viewing:
            shared += 1
            try:
                if not get_kind(kind_key).allow_anonymous:
                    named_only += 1
            except KeyError:
                named_only += 1
        if len(viewing) != len(shares):
            research += 1
    return SharingNow(shared, research, named_only)


def sharing_when_leaving(
    *, person: User, keep_shared_anonymously: bool, keep_research_use: bool, reason: str
) -> int:
    """Withdraw every share of the person's items, or turn named shares into anonymous
    ones; withdraw research use unless they keep it. Returns how many items changed.

    Call while the person is still active: consent.services checks that they may
    manage each item, as for any change they make themselves.
    """
    changed = 0
    for (kind_key, item_id), shares in _current_by_item(person).items():
        item = _managed_item(kind_key, item_id, person)
        if item is None:
            # The item is gone (or was never theirs to manage): nothing to keep.
            changed += bool(
                shares_withdraw_unchecked(
                    item_kind=kind_key, item_id=item_id, by=person, reason=reason
                )
            )
            continue
        kind = get_kind(kind_key)
        allowed = kind.audiences_for(item)
        wanted: dict[str, bool] = {}
        if keep_shared_anonymously and kind.allow_anonymous:
            wanted = {
                share.audience: True
                for share in shares
                if share.audience != Audience.RESEARCH_USE and share.audience in allowed
            }
        research_use = keep_research_use and any(
            share.audience == Audience.RESEARCH_USE for share in shares
        )
        change = shares_set(
            item=item, wanted=wanted, research_use=research_use, by=person, reason=reason
        )
        changed += bool(change.granted or change.withdrawn)
    return changed


def withdraw_everything_unchecked(*, person: User, reason: str) -> int:
    """Withdraw every current share the person still has, whatever the item. For the
    account's deletion, when the person is no longer active."""
    withdrawn = 0
    for kind_key, item_id in _current_by_item(person):
        withdrawn += shares_withdraw_unchecked(
            item_kind=kind_key, item_id=item_id, by=person, reason=reason
        )
    return withdrawn


def _managed_item(kind_key: str, item_id: Any, person: User) -> Any:
    """The item, if it still exists and the person may change its sharing; else None."""
    try:
        kind = get_kind(kind_key)
    except KeyError:
        return None
    return managed(kind.model._default_manager.filter(pk=item_id), person).first()
