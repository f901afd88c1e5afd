"""Send the meeting reminders due now, for a cron job (or start the daily chain)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from meetings.tasks import reminders_keep_running, run_daily_jobs


class Command(BaseCommand):
    help = (
        "Plan every meeting series ahead and queue the reminders due today. "
        "Sending twice sends nothing more. With --start-daily, also make sure the "
        "task worker runs this every day by itself."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--start-daily",
            action="store_true",
            help="Queue the daily run in the task worker, unless it is queued already.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        planned, queued = run_daily_jobs()
        self.stdout.write(f"{planned} meetings planned ahead, {queued} reminders queued.")
        if options["start_daily"]:
            started = reminders_keep_running()
            self.stdout.write(
                "The daily run is queued in the task worker."
                if started
                else "The daily run was already queued (or this task backend cannot schedule)."
            )
