"""What the dashboard shows. Each capability adds its own section here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from consent.describe import attach_sharing_tags
from consent.models import AccessEvent
from consent.policy import record_access
from meetings.dashboard import next_meeting_for
from people.models import Notice
from reflections.access import with_details
from reflections.models import ReflectiveNote

if TYPE_CHECKING:
    from people.models import User


def dashboard_context(user: User) -> dict[str, Any]:
    # The newest notes others shared with her, by when they were written.
    shared = list(
        with_details(
            ReflectiveNote.objects.newest_shared_with(user, reach=5).exclude(owner=user)
        ).order_by("-created_at", "-pk")[:5]
    )
    record_access(viewer=user, items=shared, how=AccessEvent.How.LISTED)
    mine = with_details(ReflectiveNote.objects.owned_by(user)).select_related("draft")
    my_recent = list(mine.order_by("-updated_at")[:5])
    attach_sharing_tags(my_recent, user)
    return {
        "new_notices": Notice.objects.filter(person=user, read_at__isnull=True).count(),
        "next_meeting": next_meeting_for(user),
        "my_recent_notes": my_recent,
        "shared_with_me": shared,
    }
