"""The sharing history: every grant and withdrawal on a person's items, and every research
export file a withdrawal reached, newest first.

Read a page at a time in the database (one ordered union of the three, reading one row more than
a page shows), then only that page's rows and titles: the page costs the same however long the
ledger grows, and the oldest entry stays reachable.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import CharField, F, QuerySet, Value

from bridging_gaps.paging import Page, page_of
from consent.models import AccessEvent, Share, ShareWithdrawal
from consent.titles import DELETED, titles_by_ref

if TYPE_CHECKING:
    from people.models import User

PER_PAGE = 50
GRANTED, WITHDRAWN, REMOVED = "granted", "withdrawn", "removed_from_file"


def _entries(rows: QuerySet[Any], at: str, what: str) -> QuerySet[Any]:
    entries: QuerySet[Any] = rows.annotate(
        happened=F(at), what=Value(what, output_field=CharField()), ref=F("pk")
    ).values_list("happened", "what", "ref")
    return entries


def history_page(person: User, number: object) -> Page:
    """Page `number` of `person`'s history: each entry a dict the template reads."""
    grants = _entries(Share.objects.filter(owner=person), "granted_at", GRANTED)
    withdrawals = _entries(
        ShareWithdrawal.objects.filter(share__owner=person), "withdrawn_at", WITHDRAWN
    )
    removals = _entries(
        AccessEvent.objects.filter(owner=person, how=AccessEvent.How.REMOVED_FROM_FILE),
        "at",
        REMOVED,
    )
    timeline = grants.union(withdrawals, removals, all=True).order_by("-happened", "-ref")
    page = page_of(timeline, number, PER_PAGE)
    wanted: dict[str, list[Any]] = {GRANTED: [], WITHDRAWN: [], REMOVED: []}
    for _, what, ref in page.object_list:
        wanted[what].append(ref)
    shares = Share.objects.select_related("granted_by").in_bulk(wanted[GRANTED])
    withdrawn = ShareWithdrawal.objects.select_related("share", "withdrawn_by").in_bulk(
        wanted[WITHDRAWN]
    )
    removed = AccessEvent.objects.select_related("viewer").in_bulk(wanted[REMOVED])
    titles = titles_by_ref(
        [(s.item_kind, s.item_id) for s in shares.values()]
        + [(w.share.item_kind, w.share.item_id) for w in withdrawn.values()]
        + [(e.item_kind, e.item_id) for e in removed.values()],
        person,
    )

    def titled(kind: str, item_id: Any) -> dict[str, Any]:
        title, url = titles.get((kind, item_id), (DELETED, None))
        return {"title": title, "url": url}

    entries: list[dict[str, Any]] = []
    for at, what, ref in page.object_list:
        if what == GRANTED:
            share = shares[ref]
            entry: dict[str, Any] = {"share": share, "by": share.granted_by}
            entry.update(titled(share.item_kind, share.item_id))
        elif what == WITHDRAWN:
            withdrawal = withdrawn[ref]
            entry = {
                "share": withdrawal.share,
                "by": withdrawal.withdrawn_by,
                "reason": withdrawal.reason,
            }
            entry.update(titled(withdrawal.share.item_kind, withdrawal.share.item_id))
        else:
            event = removed[ref]
            entry = {"export": event.reference[:8], "by": event.viewer}
            entry.update(titled(event.item_kind, event.item_id))
        entries.append({**entry, "at": at, "action": what})
    return Page(entries, page.number, page.has_next())
