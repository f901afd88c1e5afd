"""Delete expired research export files and purge withdrawn analysis text, for a cron job
(or start the daily chain in the task worker)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from research.tasks import retention_keep_running, run_retention


class Command(BaseCommand):
    help = (
        "Delete research export files past RESEARCH_EXPORT_EXPIRY_HOURS, and the anonymised "
        "text of items whose owners withdrew research use. Running it twice does nothing more. "
        "With --start-daily, also make sure the task worker runs this every day by itself."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--start-daily",
            action="store_true",
            help="Queue the daily run in the task worker, unless it is queued already.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        deleted, purged = run_retention()
        self.stdout.write(f"{deleted} export files deleted, {purged} withdrawn items purged.")
        if options["start_daily"]:
            started = retention_keep_running()
            self.stdout.write(
                "The daily run is queued in the task worker."
                if started
                else "The daily run was already queued (or this task backend cannot schedule)."
            )
