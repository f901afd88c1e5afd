"""Reminders, through django.tasks (the django-tasks-db worker runs them).

Every day at MEETING_REMINDER_HOUR (Europe/London) `daily_meeting_jobs` plans
each series further ahead and queues a reminder for every meeting that starts
within MEETING_REMINDER_DAYS days, to each person in the group who is going or
has not answered and has not switched reminders off. It then queues itself
for the next day. `reminders_keep_running()` starts that chain when there is
none (each time meetings are scheduled); `manage.py meeting_reminders` does the
same job once, for a cron job instead of the chain.

A reminder is sent once per person per meeting time: `send_reminder` first
inserts a ReminderSent row, whose unique constraint refuses a second one, and
sends the email in the same transaction. If sending fails, the row goes too, and
the next run tries again. A moved meeting is reminded of again, for its new time.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from bridging_gaps.daily import keep_running_daily, next_run_at
from meetings.models import Meeting, MeetingSettings, ReminderSent, Rsvp
from meetings.recurrence import london
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


def queue_due_reminders(today: date | None = None) -> int:
    queued = 0
    for meeting in due_meetings(today):
        sent = ReminderSent.objects.filter(meeting=meeting, starts_at=meeting.starts_at)
        # Skipping those reminded already only saves work: send_reminder checks again.
        for person in recipients(meeting).exclude(pk__in=sent.values("person_id")):
            send_reminder.enqueue(str(meeting.pk), str(person.pk))
            queued += 1
    return queued


@task
def send_reminder(meeting_id: str, person_id: str) -> bool:
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


def next_daily_run(now: datetime | None = None) -> datetime:
    return next_run_at(settings.MEETING_REMINDER_HOUR, now)


def run_daily_jobs() -> tuple[int, int]:
    """Plan every series ahead and queue the reminders due today."""
    from meetings.services import series_plan_all_ahead

    planned = series_plan_all_ahead()
    queued = queue_due_reminders()
    return planned, queued


@task
def daily_meeting_jobs() -> None:
    try:
        planned, queued = run_daily_jobs()
        logger.info("Meetings: %s planned ahead, %s reminders queued.", planned, queued)
    finally:
        # Even after an error the chain goes on: tomorrow is another day. This run
        # is no longer waiting, so a waiting one means a second chain: let it go on alone.
        reminders_keep_running()


def reminders_keep_running() -> bool:
    """Queue tomorrow's run of the daily jobs, unless one is queued already.

    Only a backend that can run a task later (django-tasks-db) keeps a chain;
    elsewhere (tests run tasks at once) use `manage.py meeting_reminders`.
    """
    return keep_running_daily(daily_meeting_jobs, settings.MEETING_REMINDER_HOUR)
