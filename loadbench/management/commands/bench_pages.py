"""`manage.py bench_pages` (run by `make bench`): pages under load beside the floor, at one
scale or several, in one table; and the plans of their queries (see loadbench/)."""

from __future__ import annotations

import uuid
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bridging_gaps.bench import database_of_its_own, database_url
from loadbench.dataset import build, session_for
from loadbench.run import (
    Measured,
    Page,
    environment_for,
    load,
    plans,
    served,
)

# The smallest data set whose plans are checked (100,000 notes).
CHECKED_FROM = 1.0


class Command(BaseCommand):
    help = "Serve the issue-20 data set with gunicorn beside a floor view and measure each page."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--scales",
            type=float,
            nargs="+",
            default=[0.1, 1.0],
            help="Data set sizes: 1 is 100,000 notes (default: 0.1 and 1).",
        )
        parser.add_argument("--seconds", type=float, default=5, help="Load per page (default 5).")
        parser.add_argument("--clients", type=int, default=4, help="Clients at once (default 4).")
        parser.add_argument(
            "--warm-up", type=float, default=1.0, help="Unmeasured load before each page (1 s)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if any(scale <= 0 for scale in options["scales"]):
            raise CommandError("Every scale must be more than 0.")
        table: dict[str, dict[float, Measured]] = {}
        scans: dict[str, list[str]] = {}
        for scale in options["scales"]:
            self.stdout.write(f"Building the data set at scale {scale:g}…")
            # Under the tests, a copy of the run's migrated template (tests/databases.py).
            template = connection.settings_dict.get("TEST", {}).get("TEMPLATE")
            with database_of_its_own(f"bench_pages_{uuid.uuid4().hex[:8]}", template=template):
                call_command("migrate", verbosity=0)
                made = build(scale=scale)
                member, gp = session_for(made.member), session_for(made.gp)
                pages = [
                    Page("floor (SELECT 1)", "/", None),
                    Page("dashboard (member)", "/", member),
                    Page("dashboard (GP)", "/", gp),
                    Page("my notes", "/notes/", member),
                    Page("notes shared with me (GP)", "/sharing/shared-with-me/", gp),
                    Page("calendar feed", f"/calendar/{made.calendar_token}.ics", None),
                    Page("a note page", f"/notes/{made.note_id}/", member),
                    Page("meetings list", "/meetings/", member),
                ]
                environment = environment_for(database_url(connection.settings_dict))
                with (
                    served("loadbench.floor:application", environment) as floor,
                    served("bridging_gaps.wsgi:application", environment) as site,
                ):
                    for page in pages:
                        port = floor if page.session is None and page.path == "/" else site
                        table.setdefault(page.name, {})[scale] = load(
                            port,
                            page,
                            seconds=options["seconds"],
                            clients=options["clients"],
                            warm_up=options["warm_up"],
                        )
                # At the bench's size: on small tables PostgreSQL rightly reads them whole.
                if scale >= CHECKED_FROM:
                    for page in pages[1:]:
                        found = plans(page)
                        if found:
                            scans[f"{page.name} at {scale:g}"] = found
        self._report(table, options["scales"], scans)
        if scans:
            raise CommandError("Sequential scans of the archive's tables: " + repr(scans))

    def _report(
        self, table: dict[str, dict[float, Measured]], scales: list[float], scans: dict
    ) -> None:
        floor = table["floor (SELECT 1)"]
        header = ["page"]
        for scale in scales:
            header += [f"req/s @{scale:g}", "of floor", "p50 ms", "p95 ms"]
        rows = [header]
        for name, by_scale in table.items():
            row = [name]
            for scale in scales:
                measured = by_scale[scale]
                share = measured.per_second / floor[scale].per_second
                bad = sum(n for status, n in measured.statuses.items() if status >= 400)
                row += [
                    f"{measured.per_second:,.1f}" + (f" ({bad} errors)" if bad else ""),
                    f"{share:.1%}",
                    f"{measured.percentile(0.5) * 1000:,.0f}",
                    f"{measured.percentile(0.95) * 1000:,.0f}",
                ]
            rows.append(row)
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        for row in rows:
            self.stdout.write(
                "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
            )
        if len(scales) > 1:
            small, large = min(scales), max(scales)
            self.stdout.write(
                f"Time at {large:g} as a multiple of time at {small:g} (p50; the goal is 1.5×):"
            )
            for name, by_scale in table.items():
                base = by_scale[small].percentile(0.5)
                ratio = by_scale[large].percentile(0.5) / base if base else 0
                self.stdout.write(f"  {name}: {ratio:.2f}×")
        if max(scales) < CHECKED_FROM:
            self.stdout.write(f"Plans: checked only at scale {CHECKED_FROM:g} and above.")
        elif not scans:
            self.stdout.write("Plans: no page reads the notes or shares tables whole.")
        else:
            self.stdout.write(f"Plans: sequential scans in {scans}")
