"""`manage.py bench`: finds every app's benchmarks, runs them, reports, leaves nothing behind.

The numbers themselves are not checked here: speed and memory belong to `make bench`.
"""

from __future__ import annotations

import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from bridging_gaps.bench import (
    Benchmark,
    Comparison,
    Elsewhere,
    Measurement,
    all_benchmarks,
    in_process,
    run,
    side_by_side,
)
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


def test_benchmarks_beside_each_other_are_shown_as_multiples_of_the_first():
    same = Comparison("two ways on the same texts", "characters")
    ours = Benchmark("app.ours", "Ours", lambda scale: lambda: {}, beside=same)
    peer = Benchmark("app.peer", "Peer", lambda scale: lambda: {}, beside=same)
    alone = Benchmark("app.alone", "Alone", lambda scale: lambda: {})
    lines = side_by_side(
        [
            Measurement(ours, 1.0, {}, rates={"characters": 2_000_000}),
            Measurement(alone, 1.0, {}, rates={"characters": 5}),
            Measurement(peer, 1.0, {}, rates={"characters": 500_000}),
        ]
    )
    assert lines[0] == "Side by side: two ways on the same texts"
    assert lines[1].split() == ["app.ours", "2,000,000", "characters/s", "1.00×"]
    assert lines[2].split() == ["app.peer", "500,000", "characters/s", "0.25×"]
    assert len(lines) == 3, "a benchmark compared with nothing is not in the table"


def test_the_anonymiser_is_measured_beside_a_peer_library_and_a_missing_one_is_said(
    monkeypatch,
):
    # As on a machine where `make bench` has not installed the peer library yet.
    monkeypatch.setitem(sys.modules, "scrubadub", None)
    report = bench("same_texts", "peer", "--scale", "0.002", "--no-memory")
    assert "research.anonymiser_same_texts" in report
    assert "not run: scrubadub is not installed: `make bench` installs it" in report
    assert "Side by side: the anonymiser and a peer library on the same notes" in report
    assert "characters/s  1.00×" in report


def test_what_a_set_up_made_outside_the_transaction_is_cleaned_up_even_after_a_failure():
    cleaned: list[str] = []

    def prepare(scale):
        def work():
            raise RuntimeError("the disk is full")

        work.cleanup = lambda: cleaned.append("its own database")
        return work

    with pytest.raises(RuntimeError, match="the disk is full"):
        run(Benchmark("app.fails", "Fails", prepare), memory=False)
    assert cleaned == ["its own database"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="peak RSS is read from /proc")
def test_the_peak_resident_memory_of_the_timed_run_is_reported():
    held = 64_000_000

    def prepare(scale):
        def work():
            block = bytearray(held)
            block[::4096] = b"x" * len(block[::4096])  # every page touched, so resident
            return {"blocks": 1}

        return work

    measured = run(Benchmark("app.holds", "Holds 64 MB", prepare), memory=False)
    assert measured.peak_rss is not None
    assert measured.rss_at_start is not None
    assert measured.peak_rss - measured.rss_at_start >= held * 0.95  # page edges aside
    assert f"peak RSS {measured.peak_rss / 1_000_000:,.1f} MB (" in measured.lines()[1]
    assert "MB at its start)" in measured.lines()[1]

    def small(scale):
        return lambda: {"blocks": 1}

    # The peak is of the timed run, not of the process's whole life.
    assert run(Benchmark("app.small", "Small", small), memory=False).peak_rss < measured.peak_rss


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="wait4 gives ru_maxrss in kB")
def test_a_work_done_by_other_processes_reports_their_peak_and_not_this_ones():
    held = 96_000_000
    touch = f"b = bytearray({held}); b[::4096] = b'x' * len(b[::4096])"
    runs: list[int] = []

    def prepare(scale):
        def work():
            where = Elsewhere("the helpers")
            work.elsewhere = where
            in_process([sys.executable, "-c", touch], environment={}, into=where)
            in_process([sys.executable, "-c", "pass"], environment={}, into=where)
            runs.append(1)
            return {"helpers": 2}

        return work

    measured = run(Benchmark("app.helpers", "Helpers", prepare), memory=True)
    assert measured.peak_rss is not None
    assert measured.peak_rss >= held  # the larger helper's, not the second one's
    assert measured.rss_at_start is None
    assert "peak RSS of the helpers " in measured.lines()[1]
    # This process's memory is not traced: the work ran once.
    assert measured.peak_bytes is None
    assert runs == [1]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="wait4 gives ru_maxrss in kB")
def test_a_helpers_peak_is_its_own_and_not_the_memory_of_the_process_that_started_it():
    # Linux counts, for a process started by fork or vfork, what its parent held at that
    # moment: a benchmark holding its data set would pass it on to every helper's peak.
    held = bytearray(200_000_000)
    held[::4096] = b"x" * len(held[::4096])
    where = Elsewhere("a helper")
    in_process([sys.executable, "-c", "pass"], environment={}, into=where)
    assert 0 < where.peak_rss < 100_000_000
    del held


def test_a_helper_process_that_fails_fails_the_benchmark_and_says_what_it_printed():
    def prepare(scale):
        def work():
            command = [sys.executable, "-c", "print('no database'); raise SystemExit(3)"]
            in_process(command, environment={}, into=Elsewhere("a helper"))
            return {}

        return work

    with pytest.raises(RuntimeError, match="ended with 3:\nno database"):
        run(Benchmark("app.fails", "Fails", prepare), memory=False)


def test_several_scales_run_each_benchmark_at_each_and_say_how_its_time_grew():
    report = bench("anonymiser_notes", "--scale", "0.0002", "0.0001", "--no-memory")
    lines = report.splitlines()
    assert lines[0].startswith("research.anonymiser_notes: ")
    assert lines[1].startswith("  at scale 0.0001: time ")
    assert "10 notes (" in lines[1]
    assert lines[2].startswith("  at scale 0.0002: time ")
    assert "20 notes (" in lines[2]
    assert "scale 0.0002 against 0.0001: 2.0× the work, " in lines[3]
    assert lines[3].endswith("× the time")
