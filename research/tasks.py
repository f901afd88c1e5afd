"""Background work for research, through django.tasks (the django-tasks-db worker runs it).

- ``select_export_items``: choose a draft export's items.
- ``make_export``: make the export (the ZIP, or the copy for the analysis).
- ``daily_research_jobs``: delete expired export files (``exports_delete_expired``) and purge
  any analysis text whose research-use grant ended; then it queues itself for the next day.
  ``retention_keep_running()`` starts that chain (each time an export file is made);
  ``manage.py research_retention`` does the same work once, for cron instead.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta

from django.tasks import task, task_backends
from django.utils import timezone

logger = logging.getLogger(__name__)

DAILY_AT = time(3, 0)  # Europe/London: a quiet hour


@task
def select_export_items(export_id: str) -> None:
    from research.export_services import export_choose_items

    export_choose_items(export_id)


@task
def make_export(export_id: str) -> None:
    from research.export_services import export_make

    export_make(export_id)


def run_retention(now: datetime | None = None) -> tuple[int, int]:
    """Delete expired export files, purge withdrawn analysis text. Returns both counts."""
    from research.analysis_services import project_items_purge_withdrawn
    from research.export_services import exports_delete_expired

    return exports_delete_expired(now), project_items_purge_withdrawn()


@task
def daily_research_jobs() -> None:
    try:
        deleted, purged = run_retention()
        logger.info("Research: %s export files deleted, %s items purged.", deleted, purged)
    finally:
        retention_keep_running()


def next_daily_run(now: datetime | None = None) -> datetime:
    moment = timezone.localtime(now or timezone.now())
    at = moment.replace(hour=DAILY_AT.hour, minute=DAILY_AT.minute, second=0, microsecond=0)
    return at if at > moment else at + timedelta(days=1)


def retention_keep_running() -> bool:
    """Queue the next daily run unless one is waiting. Only a backend that can run a task
    later keeps a chain; elsewhere (tests run tasks at once) use the command."""
    if not task_backends[daily_research_jobs.backend].supports_defer:
        return False
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(
        status="READY", task_path=daily_research_jobs.module_path
    ).exists()
    if waiting:
        return False
    daily_research_jobs.using(run_after=next_daily_run()).enqueue()
    return True
