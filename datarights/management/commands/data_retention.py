"""Run every retention job once now, for a cron job (or start the daily run)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from datarights.hooks import all_retention_jobs
from datarights.tasks import retention_keep_running, run_retention


class Command(BaseCommand):
    help = (
        "Remove what is past its time: every app's retention jobs (drafts never saved, "
        "old invitations, old access-log entries, expired data downloads...) and the "
        "deletion of accounts whose cooling-off period is over. Running it twice removes "
        "nothing more. With --start-daily, also make sure the task worker runs it every day."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--start-daily",
            action="store_true",
            help="Queue the daily run in the task worker, unless it is queued already.",
        )
        parser.add_argument(
            "--list", action="store_true", help="Only list the jobs and their settings."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            for job in all_retention_jobs():
                if job.setting:
                    value = getattr(settings, job.setting, "?")
                    self.stdout.write(f"{job.key}: {job.description} ({job.setting} = {value})")
                else:
                    self.stdout.write(f"{job.key}: {job.description}")
            return
        for key, count in run_retention().items():
            self.stdout.write(f"{key}: {count} removed")
        if options["start_daily"]:
            started = retention_keep_running()
            self.stdout.write(
                "The daily run is queued in the task worker."
                if started
                else "The daily run was already queued (or this task backend cannot schedule)."
            )
