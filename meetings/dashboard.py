"""The dashboard's "Next meeting"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import OuterRef, Subquery

from meetings.models import Meeting, Rsvp

if TYPE_CHECKING:
    from people.models import User


def next_meeting_for(user: User) -> Meeting | None:
    """The next meeting that is on, for people in the group, with their answer, in one query.
    Cancelled meetings before it are listed with it, so nobody is surprised."""
    if not user.is_in_group:
        return None
    mine = Rsvp.objects.filter(meeting=OuterRef("pk"), person=user).values("answer")[:1]
    cancelled_before = []
    for meeting in Meeting.objects.upcoming().annotate(my_answer=Subquery(mine))[:10]:
        if meeting.is_cancelled:
            cancelled_before.append(meeting)
            continue
        meeting.cancelled_before = cancelled_before  # type: ignore[attr-defined]
        answer = meeting.my_answer
        meeting.my_answer_label = Rsvp.Answer(answer).label if answer else None  # type: ignore[attr-defined]
        return meeting
    return None
