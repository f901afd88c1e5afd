"""The dashboard's "Next meeting"."""

from __future__ import annotations

from typing import Any

from meetings.models import Meeting, Rsvp


def next_meeting_for(user: Any) -> Meeting | None:
    """The next meeting that is on, for people in the group, with their answer.
    Cancelled meetings before it are listed with it, so nobody is surprised."""
    if not user.is_in_group:
        return None
    cancelled_before = []
    for meeting in Meeting.objects.upcoming()[:10]:
        if meeting.is_cancelled:
            cancelled_before.append(meeting)
            continue
        meeting.cancelled_before = cancelled_before  # type: ignore[attr-defined]
        meeting.my_rsvp = Rsvp.objects.filter(meeting=meeting, person=user).first()  # type: ignore[attr-defined]
        return meeting
    return None
