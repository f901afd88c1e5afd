"""How minutes plug into the consent ledger (see docs/consent.md)."""

from __future__ import annotations

from django.utils import timezone

from consent.kinds import Kind
from consent.registry import ExportText, ItemKind
from meetings.models import Minutes


def minutes_export_text(minutes: Minutes) -> ExportText:
    """What a research export takes from minutes (only with a research-use grant). The
    passages that name someone who did not agree to research use of them, or that she took
    out, are left out by research (mentions.research)."""
    meeting = minutes.meeting
    return ExportText(
        text=minutes.body,
        date=timezone.localdate(meeting.starts_at),
        meeting_id=meeting.pk,
        meeting_label=str(meeting),
        mentions_field="body",
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
