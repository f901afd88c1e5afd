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
from datetime import date, datetime

from django.conf import settings
from django.tasks import task

from bridging_gaps.daily import keep_running_daily, next_run_at
from meetings.models import ReminderSent
from meetings.planning import series_plan_all_ahead
from meetings.reminders import due_meetings, recipients, reminder_send

logger = logging.getLogger(__name__)


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
    return reminder_send(meeting_id=meeting_id, person_id=person_id)


def next_daily_run(now: datetime | None = None) -> datetime:
    return next_run_at(settings.MEETING_REMINDER_HOUR, now)


def run_daily_jobs() -> tuple[int, int]:
    """Plan every series ahead and queue the reminders due today."""
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
