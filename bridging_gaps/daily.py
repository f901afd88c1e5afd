"""Tasks that run once a day in the django-tasks-db worker and queue their own next run.

django.tasks has no timetable, so a daily task ends by queueing itself for the same
hour tomorrow (`run_after`). Two such chains run: meetings' (planning ahead and
reminders, at MEETING_REMINDER_HOUR, so reminders arrive in the morning) and data
rights' (every app's retention jobs, at DATA_RETENTION_HOUR, at night). Without a
worker, their management commands do the same from cron.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.db import connection, transaction
from django.tasks import Task, task_backends
from django.utils import timezone

from bridging_gaps.clock import london


def next_run_at(hour: int, now: datetime | None = None) -> datetime:
    """The next `hour`:00 on the clock in London, whether it is GMT or BST that day."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    at = london(datetime.combine(today, time(hour)))
    if at <= now:
        at = london(datetime.combine(today + timedelta(days=1), time(hour)))
    return at


def keep_running_daily(daily_task: Task, hour: int) -> bool:
    """Queue the task's next daily run, unless one is waiting already. Only a backend
    that can run a task later keeps a chain (the tests' immediate backend cannot).
    True when a run was queued."""
    if not task_backends[daily_task.backend].supports_defer:
        return False
    from django_tasks_db.models import DBTaskResult

    with transaction.atomic():
        # Every sign-in on every web server and every finished run asks. One at a time (a
        # lock held until this transaction ends): two asking at once would both find nothing
        # waiting, and two chains would run every job twice a day from then on.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [daily_task.module_path])
        waiting = DBTaskResult.objects.filter(status="READY", task_path=daily_task.module_path)
        if waiting.exists():
            return False
        daily_task.using(run_after=next_run_at(hour)).enqueue()
    return True
