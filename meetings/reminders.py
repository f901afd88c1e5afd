"""Who is reminded of which meeting, and sending one reminder (meetings/tasks.py queues them).

A reminder is sent once per person per meeting time: ``reminder_send`` first inserts a
ReminderSent row, whose unique constraint refuses a second one, and sends the email in the
same transaction. If sending fails, the row goes too, and the next run tries again.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from bridging_gaps.clock import london
from meetings.models import Meeting, MeetingSettings, ReminderSent, Rsvp
from people.models import User

logger = logging.getLogger(__name__)

REMINDER_SUBJECT = "Your workspace: a reminder"


def due_meetings(today: date | None = None) -> list[Meeting]:
    """Meetings not cancelled, not started, on a day within the reminder window."""
    today = today or timezone.localdate()
    last_day = today + timedelta(days=settings.MEETING_REMINDER_DAYS)
    window_end = london(datetime.combine(last_day + timedelta(days=1), time()))
    return list(
        Meeting.objects.not_cancelled().filter(
            starts_at__gt=timezone.now(), starts_at__lt=window_end
        )
    )


def recipients(meeting: Meeting) -> QuerySet[User]:
    """People in the group who are going or have not answered, with reminders on."""
    answered_otherwise = Rsvp.objects.filter(meeting=meeting).exclude(answer=Rsvp.Answer.GOING)
    reminders_off = MeetingSettings.objects.filter(reminders=False)
    return (
        User.objects.filter(is_active=True)
        .exclude(roles=[])
        .exclude(pk__in=answered_otherwise.values("person_id"))
        .exclude(pk__in=reminders_off.values("person_id"))
        .order_by("pk")
    )


def reminder_send(*, meeting_id: str, person_id: str) -> bool:
    """Send one reminder, unless it was sent already. True when an email went."""
    meeting = Meeting.objects.not_cancelled().filter(pk=meeting_id).first()
    person = User.objects.filter(pk=person_id, is_active=True).first()
    if meeting is None or person is None or meeting.has_started():
        return False
    if not recipients(meeting).filter(pk=person.pk).exists():
        return False
    try:
        with transaction.atomic():
            ReminderSent.objects.create(meeting=meeting, person=person, starts_at=meeting.starts_at)
            link = settings.SITE_URL.rstrip("/") + reverse("meeting_detail", args=[meeting.pk])
            context = {
                "person": person,
                "meeting": meeting,
                "link": link,
                "settings_link": settings.SITE_URL.rstrip("/") + reverse("meeting_settings"),
            }
            send_mail(
                subject=REMINDER_SUBJECT,
                message=render_to_string("meetings/email/reminder.txt", context),
                from_email=None,
                recipient_list=[person.email],
            )
    except IntegrityError:
        # Sent already, by an earlier run or another worker.
        return False
    return True
