"""The consent ledger's part of data rights (datarights/hooks.py).

The download holds every grant and withdrawal on the person's items and every entry of
the access log about them ("who has seen my things"). Erasing keeps the ledger: it is
append-only and names the account row, which becomes a pseudonym (datarights/erasure.py).
Old access-log rows are removed after RETENTION_ACCESS_LOG_DAYS, through the one escape
hatch of the append-only tables (bridging_gaps/append_only.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings

from bridging_gaps.append_only import ledger_rows_deletable
from consent.models import AccessEvent, Audience, Share
from consent.titles import DELETED, kind_label, titles_by_ref
from datarights.hooks import Entry, RetentionJob, Section, facts

if TYPE_CHECKING:
    from people.models import User


def _titles(pairs: set[tuple[str, Any]], person: User) -> dict[tuple[str, Any], str]:
    """The owner's own titles of her items, as "who has seen my things" shows them."""
    return {pair: title for pair, (title, _url) in titles_by_ref(pairs, person).items()}


def _by(user: User, person: User) -> str:
    return "you" if user.pk == person.pk else user.display_name


def collect(person: User) -> list[Section]:
    shares = list(
        Share.objects.filter(owner=person)
        .select_related("granted_by", "withdrawal__withdrawn_by")
        .order_by("granted_at")
    )
    # The access log about her things: who read them. Never the reverse (what she read of
    # others' things names their items, which are theirs): that is counted only.
    events = list(AccessEvent.objects.filter(owner=person).select_related("viewer").order_by("at"))
    titles = _titles(
        {(share.item_kind, share.item_id) for share in shares}
        | {(event.item_kind, event.item_id) for event in events},
        person,
    )
    read_by_me = AccessEvent.objects.filter(viewer=person).exclude(owner=person).count()
    return [
        Section(
            key="sharing",
            title="Who could see your things, and when",
            intro="Every time you (or, for minutes and interviews, the workspace on your "
            "behalf) shared one of your things or stopped sharing it. This record is never "
            "changed; things you deleted show as “(deleted)”.",
            entries=[_share_entry(share, titles, person) for share in shares],
            empty="You have never shared anything.",
        ),
        Section(
            key="seen",
            title="Who has seen your things",
            intro="Each time someone else read, listed, exported, downloaded or listened to "
            f"one of your things. You have read others' things {read_by_me} times: those "
            "entries are in their records, not here.",
            entries=[
                Entry(
                    group="seen_by_others",
                    heading=f"{event.viewer.display_name} {event.get_how_display()}",
                    facts=facts(
                        ("When", event.at, "at"),
                        ("Who", event.viewer.display_name, "viewer"),
                        ("How", event.how, "how", event.get_how_display()),
                        ("What", kind_label(event.item_kind), "item_kind"),
                        ("Its number", event.item_id, "item_id"),
                        ("Title", titles.get((event.item_kind, event.item_id), DELETED)),
                        ("Export", event.reference, "reference"),
                    ),
                )
                for event in events
            ]
            + [
                Entry(
                    group="you_read_others_things",
                    heading="Others' things you read",
                    facts=facts(("Times", read_by_me)),
                )
            ],
            groups=("seen_by_others", "you_read_others_things"),
            empty="Nobody else has seen any of your things.",
        ),
    ]


def _audience(share: Share) -> str:
    if share.audience == Audience.RESEARCH_USE:
        return "research exports, with every name taken out"
    return Audience(share.audience).label


def _share_entry(share: Share, titles: dict[tuple[str, Any], str], person: User) -> Entry:
    withdrawal = getattr(share, "withdrawal", None)
    title = titles.get((share.item_kind, share.item_id), DELETED)
    return Entry(
        heading=f"{kind_label(share.item_kind)}: {title}",
        facts=facts(
            ("What", kind_label(share.item_kind), "item_kind"),
            ("Its number", share.item_id, "item_id"),
            ("Title", title),
            ("Shared with", share.audience, "audience", _audience(share)),
            ("With your name", not share.anonymous),
            ("From", share.granted_at, "granted_at"),
            ("Shared by", _by(share.granted_by, person), "granted_by"),
            (
                "Until",
                withdrawal.withdrawn_at if withdrawal else None,
                "withdrawn_at",
                "" if withdrawal else "still shared",
            ),
            (
                "Stopped by",
                _by(withdrawal.withdrawn_by, person) if withdrawal else None,
                "withdrawn_by",
            ),
            ("Why it stopped", withdrawal.reason if withdrawal else None, "withdrawal_reason"),
        ),
    )


def delete_old_access_events(now: datetime) -> int:
    """Access-log rows older than RETENTION_ACCESS_LOG_DAYS. The log is append-only in the
    database; this is the one job allowed to delete from it (never to change it)."""
    cutoff = now - timedelta(days=settings.RETENTION_ACCESS_LOG_DAYS)
    with ledger_rows_deletable():
        deleted, _ = AccessEvent.objects.filter(at__lte=cutoff).delete()
    return deleted


def retention_jobs() -> list[RetentionJob]:
    return [
        RetentionJob(
            key="access_log",
            description="entries of “who has seen my things” older than the retention period",
            setting="RETENTION_ACCESS_LOG_DAYS",
            run=delete_old_access_events,
        )
    ]
