"""`manage.py bench`: finds every app's benchmarks, runs them, reports, leaves nothing behind.

The numbers themselves are not checked here: speed and memory belong to `make bench`.
"""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from bridging_gaps.bench import Benchmark, Measurement, all_benchmarks
from people.models import User

pytestmark = pytest.mark.django_db


def bench(*args: str) -> str:
    out = StringIO()
    call_command("bench", *args, stdout=out)
    return out.getvalue()


def test_bench_lists_the_benchmarks_of_every_app():
    listed = bench("--list")
    assert "research.anonymiser_notes: Anonymiser: 100,000 generated notes" in listed
    assert "research.known_people" in listed
    assert {b.name for b in all_benchmarks()} >= {"research.anonymiser_notes"}


def test_a_benchmark_reports_time_memory_and_rates():
    report = bench("anonymiser_notes", "--scale", "0.0001")
    assert "research.anonymiser_notes" in report
    assert "10 notes (" in report
    assert "notes/s)" in report
    assert "peak memory" in report
    assert "peak memory" not in bench("anonymiser_notes", "--scale", "0.0001", "--no-memory")


def test_a_database_benchmark_leaves_nothing_in_the_database():
    before = User.objects.count()
    report = bench("known_people", "--scale", "0.001")
    assert "2 people" in report
    assert User.objects.count() == before


def test_bench_refuses_a_name_that_matches_nothing_and_a_bad_scale():
    with pytest.raises(CommandError, match="No benchmark"):
        bench("no-such-benchmark")
    with pytest.raises(CommandError, match="scale"):
        bench("--scale", "0")


def test_sizes_are_shown_in_kilobytes_or_megabytes():
    noop = Benchmark("app.noop", "Nothing", lambda scale: lambda: {})
    assert "peak memory 2.0 kB" in Measurement(noop, 0.1, {}, 2_000).lines()[1]
    assert "peak memory 3.5 MB" in Measurement(noop, 0.1, {}, 3_500_000).lines()[1]
