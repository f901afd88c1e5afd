"""Background tasks of data rights (django.tasks; the django-tasks-db worker runs them).

- `build_data_download`: makes one person's ZIP.
- `delete_expired_download`, `erase_account_when_due`: queued for the moment a download
  expires or a cooling-off period ends, when the task backend can run tasks later.
- `daily_data_rights_jobs`: every day at DATA_RETENTION_HOUR (Europe/London) runs every
  app's retention jobs (datarights/hooks.py), which also catch anything the two tasks
  above missed (no worker then, a restart), then queues itself for the next day, like the
  meetings' daily job. The chain is started by `retention_keep_running()`, called when
  someone signs in and by `manage.py data_retention --start-daily`; without a worker,
  run `manage.py data_retention` from cron once a day.
"""

from __future__ import annotations

import logging
from datetime import datetime

from django.conf import settings
from django.tasks import Task, task, task_backends
from django.utils import timezone

from bridging_gaps.daily import keep_running_daily, next_run_at
from datarights.archive import build
from datarights.data_rights import delete_expired_downloads
from datarights.erasure import account_erase
from datarights.hooks import all_retention_jobs
from datarights.models import DataDownload, Departure

logger = logging.getLogger(__name__)


@task
def build_data_download(download_id: str) -> None:
    download = build(download_id)
    if download is not None:
        schedule_expiry(download)


@task
def delete_expired_download(download_id: str) -> int:
    return delete_expired_downloads(timezone.now(), only=download_id)


@task
def erase_account_when_due(departure_id: str) -> bool:
    departure = Departure.objects.filter(pk=departure_id).first()
    return departure is not None and account_erase(departure=departure)


def _can_defer(chosen: Task) -> bool:
    return bool(task_backends[chosen.backend].supports_defer)


def schedule_expiry(download: DataDownload) -> None:
    if download.expires_at is not None and _can_defer(delete_expired_download):
        delete_expired_download.using(run_after=download.expires_at).enqueue(str(download.pk))


def schedule_erasure(departure: Departure) -> None:
    if departure.erase_after is not None and _can_defer(erase_account_when_due):
        erase_account_when_due.using(run_after=departure.erase_after).enqueue(str(departure.pk))


def run_retention(now: datetime | None = None) -> dict[str, int]:
    """Run every registered retention job once; how many things each removed. One job
    failing does not stop the others; the first error is raised after they all ran."""
    now = now or timezone.now()
    counts: dict[str, int] = {}
    failed: Exception | None = None
    for job in all_retention_jobs():
        try:
            counts[job.key] = job.run(now)
        except Exception as error:
            logger.exception("Retention job %s failed.", job.key)
            failed = failed or error
    if failed is not None:
        raise failed
    return counts


@task
def daily_data_rights_jobs() -> None:
    try:
        counts = run_retention()
        logger.info("Data rights: %s", counts)
    finally:
        # Tomorrow is another day, even after an error.
        retention_keep_running()


def next_daily_run(now: datetime | None = None) -> datetime:
    """The next DATA_RETENTION_HOUR:00, Europe/London wall-clock time."""
    return next_run_at(settings.DATA_RETENTION_HOUR, now)


def retention_keep_running() -> bool:
    """Queue the next daily run, unless one is queued already or the backend cannot
    run tasks later (the tests' immediate backend). True when one was queued."""
    return keep_running_daily(daily_data_rights_jobs, settings.DATA_RETENTION_HOUR)
