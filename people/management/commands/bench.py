"""`manage.py bench` (`make bench`): run every app's benchmarks (see bridging_gaps/bench.py)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bridging_gaps.bench import (
    Measurement,
    Unavailable,
    all_benchmarks,
    at_scales,
    run,
    side_by_side,
)


class Command(BaseCommand):
    help = "Run the benchmarks each app keeps in its bench.py, and report time and peak memory."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("names", nargs="*", help="Only benchmarks whose name contains these.")
        parser.add_argument(
            "--scale",
            type=float,
            nargs="+",
            default=[1.0],
            help="Grow or shrink every workload: 0.1 runs a tenth of it (default 1). Several "
            "scales run each benchmark at each, smallest first, and say how its time grew.",
        )
        parser.add_argument(
            "--no-memory", action="store_true", help="Skip the second run that traces memory."
        )
        parser.add_argument("--list", action="store_true", help="List the benchmarks and stop.")

    def handle(self, *args: Any, **options: Any) -> None:
        if any(scale <= 0 for scale in options["scale"]):
            raise CommandError("--scale must be more than 0.")
        scales = sorted(set(options["scale"]))
        benchmarks = [
            bench
            for bench in all_benchmarks()
            if not options["names"] or any(name in bench.name for name in options["names"])
        ]
        if not benchmarks:
            raise CommandError("No benchmark matches.")
        measurements: list[Measurement] = []
        for bench in benchmarks:
            if options["list"]:
                self.stdout.write(f"{bench.name}: {bench.title}")
                continue
            try:
                runs = [
                    run(bench, scale=scale, memory=not options["no_memory"]) for scale in scales
                ]
            except Unavailable as reason:
                self.stdout.write(f"{bench.name}: {bench.title}\n  not run: {reason}")
                continue
            # Peer libraries are compared at the largest scale.
            measurements.append(runs[-1])
            lines = runs[0].lines() if len(runs) == 1 else at_scales(runs, scales)
            for line in lines:
                self.stdout.write(line)
        for line in side_by_side(measurements):
            self.stdout.write(line)
