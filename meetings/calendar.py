"""iCalendar files: the private feed and the download for one meeting.

Every meeting is its own event, with a UID that never changes (the meeting's
id) and a SEQUENCE that goes up each time it is moved, changed or cancelled,
so calendar apps update the event they already have. Titles are neutral
("Group meeting"). The place and the online link are included only for people
who chose that in their settings: a calendar is often seen by others.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, timedelta

import icalendar
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting

TITLE = "Group meeting"
CALENDAR_NAME = "Group meetings"
PRODID = "-//Workspace//Meetings//EN"


def meeting_uid(meeting: Meeting) -> str:
    return f"{meeting.pk}@workspace"


def meeting_event(meeting: Meeting, *, base_url: str, show_place: bool) -> icalendar.Event:
    event = icalendar.Event()
    event.add("uid", meeting_uid(meeting))
    event.add("summary", f"Cancelled: {TITLE}" if meeting.is_cancelled else TITLE)
    # UTC: no time zone table needed, and every calendar app shows local time.
    event.add("dtstart", meeting.starts_at.astimezone(UTC))
    event.add("dtend", meeting.ends_at.astimezone(UTC))
    event.add("dtstamp", meeting.updated_at.astimezone(UTC))
    event.add("last-modified", meeting.updated_at.astimezone(UTC))
    event.add("sequence", meeting.sequence)
    event.add("status", "CANCELLED" if meeting.is_cancelled else "CONFIRMED")
    link = base_url.rstrip("/") + reverse("meeting_detail", args=[meeting.pk])
    event.add("url", link)
    description = "Details in the workspace: " + link
    if show_place:
        where = [line.strip() for line in meeting.place.splitlines() if line.strip()]
        if meeting.online_url:
            where.append(meeting.online_url)
        if where:
            event.add("location", ", ".join(where))
        if meeting.access_features:
            description += "\n" + ". ".join(meeting.access_features) + "."
    event.add("description", description)
    return event


def calendar_bytes(meetings: Iterable[Meeting], *, base_url: str, show_place: bool) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    # Ask subscribed calendar apps to look for changes a few times a day.
    calendar.add("x-published-ttl", "PT6H")
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, base_url=base_url, show_place=show_place))
    return calendar.to_ical()


def feed_meetings() -> Iterable[Meeting]:
    """The group's meetings for a feed: the last three months and everything ahead."""
    since = timezone.now() - timedelta(days=92)
    return Meeting.objects.filter(ends_at__gte=since).order_by("starts_at")
