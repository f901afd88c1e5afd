"""Is a background worker taking the work? A page waiting on a task says so when nothing has
been taken for a minute: the work is queued in the database and no worker is running to do it.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.tasks import task_backends
from django.utils import timezone

STALLED_AFTER = timedelta(minutes=1)


def no_worker_seen(now: datetime | None = None) -> bool:
    """Work has been waiting, ready to run, for over a minute: no worker is taking it."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    if not isinstance(task_backends["default"], DatabaseBackend):
        return False  # tasks run at once (development without a worker, the tests)
    moment = now or timezone.now()
    return DBTaskResult.objects.ready().filter(enqueued_at__lte=moment - STALLED_AFTER).exists()
