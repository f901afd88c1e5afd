"""The private calendar feed and the .ics download, read back with vobject
(a different library from the one that writes them)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import vobject
from django.test import Client
from django.urls import reverse

from meetings import services
from meetings.models import MeetingSettings
from tests.factories import UserFactory
from tests.factories_meetings import MeetingFactory, at

pytestmark = pytest.mark.django_db


def parse(response) -> dict[str, object]:
    """UID -> event, from an iCalendar response."""
    assert response["Content-Type"].startswith("text/calendar")
    calendar = vobject.readOne(response.content.decode())
    return {event.uid.value: event for event in calendar.vevent_list}


def feed_url(person) -> str:
    token = services.calendar_link_make(person=person)
    return reverse("calendar_feed", args=[token])


def test_the_feed_lists_the_groups_meetings_with_neutral_titles_and_nothing_of_the_place():
    person = UserFactory()
    summer = MeetingFactory(
        starts_at=at(date(2030, 7, 2), 18), ends_at=at(date(2030, 7, 2), 20), place="Secret St"
    )
    winter = MeetingFactory(
        starts_at=at(date(2030, 12, 3), 18),
        ends_at=at(date(2030, 12, 3), 20),
        online_url="https://meet.example.org/x",
    )
    events = parse(Client().get(feed_url(person)))
    assert set(events) == {f"{summer.pk}@workspace", f"{winter.pk}@workspace"}
    summer_event = events[f"{summer.pk}@workspace"]
    assert summer_event.summary.value == "Group meeting"
    # 18:00 in London, summer time and winter time.
    assert summer_event.dtstart.value == datetime(2030, 7, 2, 17, tzinfo=UTC)
    assert events[f"{winter.pk}@workspace"].dtstart.value == datetime(2030, 12, 3, 18, tzinfo=UTC)
    assert summer_event.status.value == "CONFIRMED"
    assert not hasattr(summer_event, "location")
    body = Client().get(feed_url(person)).content.decode()
    assert "Secret St" not in body
    assert "meet.example.org" not in body


def test_people_who_choose_it_get_the_place_in_their_calendar(client):
    person = UserFactory()
    meeting = MeetingFactory(place="Community room\n1 Example Street", step_free=True)
    url = feed_url(person)
    services.settings_update(person=person, reminders=True, calendar_shows_place=True)
    event = parse(Client().get(url))[f"{meeting.pk}@workspace"]
    assert event.location.value == "Community room, 1 Example Street"
    assert "Step-free access" in event.description.value


def test_a_cancelled_meeting_shows_as_cancelled_and_a_moved_one_keeps_its_uid(cast):
    cancelled = MeetingFactory()
    moved = MeetingFactory()
    url = feed_url(cast.member)
    before = parse(Client().get(url))
    services.meeting_cancel(meeting=cancelled, message="Closed", by=cast.facilitator)
    new_start = moved.starts_at + timedelta(days=1)
    services.meeting_change(
        meeting=moved,
        starts_at=new_start,
        ends_at=new_start + timedelta(hours=2),
        where=moved.where(),
        by=cast.facilitator,
    )
    after = parse(Client().get(url))
    uid = f"{cancelled.pk}@workspace"
    assert after[uid].status.value == "CANCELLED"
    assert int(after[uid].sequence.value) > int(before[uid].sequence.value)
    uid = f"{moved.pk}@workspace"
    assert after[uid].dtstart.value == new_start
    assert int(after[uid].sequence.value) == int(before[uid].sequence.value) + 1


def test_making_a_new_link_stops_the_old_one_at_once(client, cast):
    MeetingFactory()
    client.force_login(cast.member)
    client.post(reverse("meeting_settings"), {"action": "new_link"})
    old = MeetingSettings.objects.get(person=cast.member).calendar_token
    old_url = reverse("calendar_feed", args=[old])
    assert Client().get(old_url).status_code == 200
    client.post(reverse("meeting_settings"), {"action": "new_link"})
    new = MeetingSettings.objects.get(person=cast.member).calendar_token
    assert new != old
    assert Client().get(old_url).status_code == 404
    assert Client().get(reverse("calendar_feed", args=[new])).status_code == 200
    page = client.get(reverse("meeting_settings")).text
    assert new in page
    assert old not in page


def test_turning_the_link_off_stops_it(client, cast):
    url = feed_url(cast.member)
    client.force_login(cast.member)
    client.post(reverse("meeting_settings"), {"action": "remove_link"})
    assert Client().get(url).status_code == 404


def test_an_unknown_or_someone_elses_old_feed_url_is_refused(client, cast):
    MeetingFactory()
    assert Client().get(reverse("calendar_feed", args=["not-a-real-token"])).status_code == 404
    old = feed_url(cast.owner)
    feed_url(cast.owner)  # the owner made a new one
    # Being signed in as someone else opens nothing either.
    client.force_login(cast.member)
    response = client.get(old)
    assert response.status_code == 404
    assert "BEGIN:VCALENDAR" not in response.content.decode()


def test_the_feed_of_someone_who_left_the_group_stops_working(cast):
    url = feed_url(cast.owner)
    cast.owner.is_active = False
    cast.owner.save()
    assert Client().get(url).status_code == 404
    outsider_url = feed_url(cast.outsider)
    assert Client().get(outsider_url).status_code == 404


def test_a_signed_in_member_downloads_one_meeting_as_ics(client, cast):
    meeting = MeetingFactory(place="Secret St")
    client.force_login(cast.member)
    response = client.get(reverse("meeting_ics", args=[meeting.pk]))
    events = parse(response)
    assert list(events) == [f"{meeting.pk}@workspace"]
    assert events[f"{meeting.pk}@workspace"].summary.value == "Group meeting"
    assert "attachment" in response["Content-Disposition"]
    assert "Secret St" not in response.content.decode()
    assert Client().get(reverse("meeting_ics", args=[meeting.pk])).status_code == 302


def test_a_calendar_asking_again_for_an_unchanged_feed_gets_304_and_no_body():
    person = UserFactory()
    MeetingFactory(starts_at=at(date(2030, 7, 2), 18), ends_at=at(date(2030, 7, 2), 20))
    url = feed_url(person)
    first = Client().get(url)
    assert first.status_code == 200
    assert "private" in first["Cache-Control"]
    assert "no-cache" in first["Cache-Control"]
    again = Client().get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304
    assert again.content == b""
    since = Client().get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert since.status_code == 304


def test_a_changed_meeting_changes_the_feed_and_its_etag(cast):
    person = UserFactory()
    meeting = MeetingFactory(starts_at=at(date(2030, 7, 2), 18), ends_at=at(date(2030, 7, 2), 20))
    url = feed_url(person)
    first = Client().get(url)
    services.meeting_cancel(meeting=meeting, message="", by=cast.facilitator)
    changed = Client().get(url, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert parse(changed)[f"{meeting.pk}@workspace"].status.value == "CANCELLED"


def test_the_feed_is_made_once_for_everyone_and_asks_apps_to_refresh_every_six_hours(monkeypatch):
    from meetings import calendar

    MeetingFactory(starts_at=at(date(2030, 7, 2), 18), ends_at=at(date(2030, 7, 2), 20))
    made = []
    original = calendar.calendar_bytes
    monkeypatch.setattr(
        calendar, "calendar_bytes", lambda *a, **k: made.append(1) or original(*a, **k)
    )
    bodies = {Client().get(feed_url(UserFactory())).content for _ in range(3)}
    assert len(made) == 1
    (body,) = bodies
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT6H" in body
