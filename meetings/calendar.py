"""iCalendar files: the private feed and the download for one meeting.

Every meeting is its own event, with a UID that never changes (the meeting's
id) and a SEQUENCE that goes up each time it is moved, changed or cancelled,
so calendar apps update the event they already have. Titles are neutral
("Group meeting"). The place and the online link are included only for people
who chose that in their settings: a calendar is often seen by others.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import icalendar
from django.core.cache import cache
from django.db.models import Count, Max
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
    # Ask subscribed calendar apps to look for changes a few times a day (RFC 7986, and the
    # older Microsoft name for it).
    calendar.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    for meeting in meetings:
        calendar.add_component(meeting_event(meeting, base_url=base_url, show_place=show_place))
    return calendar.to_ical()


def feed_meetings() -> Iterable[Meeting]:
    """The group's meetings for a feed: the last three months and everything ahead."""
    since = timezone.now() - timedelta(days=92)
    return Meeting.objects.filter(ends_at__gte=since).order_by("starts_at")


@dataclass(frozen=True)
class FeedVersion:
    """What the group's feed is made from, in one small query: it changes when any meeting in
    the window is added, changed or cancelled, and each day (the window moves)."""

    day: date
    count: int
    last_change: datetime | None

    @property
    def etag(self) -> str:
        stamp = self.last_change.isoformat() if self.last_change else "-"
        return hashlib.sha256(f"{self.day}|{self.count}|{stamp}".encode()).hexdigest()[:32]


def feed_version() -> FeedVersion:
    since = timezone.now() - timedelta(days=92)
    found = Meeting.objects.filter(ends_at__gte=since).aggregate(
        count=Count("id"), last_change=Max("updated_at")
    )
    return FeedVersion(timezone.localdate(), found["count"], found["last_change"])


def feed_bytes(version: FeedVersion, *, base_url: str, show_place: bool) -> bytes:
    """The feed, made once per version of the meetings and per way of showing the place, then
    served from the cache to everyone whose calendar asks (it holds nobody's secrets)."""
    key = f"meetings:feed:{version.etag}:{int(show_place)}:{base_url}"
    body = cache.get(key)
    if body is None:
        body = calendar_bytes(feed_meetings(), base_url=base_url, show_place=show_place)
        cache.set(key, body, timeout=24 * 60 * 60)
    return body
