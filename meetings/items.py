"""How minutes plug into the consent ledger (see docs/consent.md)."""

from __future__ import annotations

from django.utils import timezone

from consent.kinds import Kind
from consent.registry import ExportText, ItemKind
from meetings.models import Minutes
from mentions.display import for_research


def minutes_export_text(minutes: Minutes) -> ExportText:
    """What a research export takes from minutes (only with a research-use grant): without
    the passages that name someone who did not agree to research use of them."""
    meeting = minutes.meeting
    text, withheld = for_research(
        minutes.body,
        source_kind=Kind.MINUTES,
        source_id=minutes.pk,
        field="body",
        writer_id=minutes.owner_id,
    )
    return ExportText(
        text=text,
        date=timezone.localdate(meeting.starts_at),
        meeting_id=meeting.pk,
        meeting_label=str(meeting),
        withheld=withheld,
    )


def minutes_kind() -> ItemKind:
    return ItemKind(
        key=Kind.MINUTES,
        model=Minutes,
        label="minutes",
        url_name="minutes_detail",
        title=lambda minutes, viewer: f"Minutes: {minutes.meeting}",
        export=minutes_export_text,
        this="these minutes",
        # Minutes live on meeting pages and "You said, we did", not in "Shared with me".
        in_shared_with_me=False,
    )
