"""Benchmarks: how fast, how much memory. Run with ``make bench`` (``manage.py bench``).

Benchmarks are not tests: they measure and report, they assert nothing. Any app can add some in
its own ``bench.py``; ``manage.py bench`` finds them all::

    from bridging_gaps.bench import benchmark

    @benchmark("Export of 100,000 notes", database=True)
    def export_notes(scale: float) -> Work:
        notes = make_notes(round(100_000 * scale))  # set-up: not measured
        def work() -> dict[str, float]:
            size = build_export(notes)               # measured
            return {"notes": len(notes), "bytes": size}
        return work

The function does its set-up and returns the work to measure. The work returns counts
("notes": 100000); the report gives each count per second. ``scale`` shrinks or grows the
workload (``manage.py bench --scale 0.1`` for a quick look).

Benchmarks given the same ``beside`` (a ``Comparison``) are also reported side by side at the
end, by one of their rates: the anonymiser next to a peer library on the same texts. A benchmark
whose set-up needs something the machine lacks (a peer library is installed by ``make bench``,
not by ``make install``) raises ``Unavailable``, and the report says why instead of a number.

A set-up that makes something a rollback cannot take back (a database of its own, for a backup)
gives its work a ``cleanup`` attribute, called at the end whatever happened.

A work done by other processes, as the task worker does it (``in_process``), reports their peak
resident memory instead of this process's: ``Elsewhere.peak_rss``, the work's ``elsewhere``
attribute. Its memory is not traced a second time.

The work runs twice: once timed, once under ``tracemalloc`` for the peak of memory it allocates
(tracing slows Python down, so it never shares a run with the clock). It must therefore give the
same result when run again. With ``database=True`` the set-up and both runs happen inside a
transaction that is rolled back at the end, and each run in a savepoint of its own: nothing is
left in the database.
"""

from __future__ import annotations

import gc
import re
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

Work = Callable[[], dict[str, float]]


class Unavailable(Exception):
    """Raised by a benchmark's set-up when it cannot run here; the message says why."""


@dataclass(frozen=True)
class Comparison:
    """Benchmarks to report side by side, by the rate of one of their counts."""

    title: str
    per: str


@dataclass(frozen=True)
class Benchmark:
    name: str
    title: str
    prepare: Callable[[float], Work]
    database: bool = False
    beside: Comparison | None = None


@dataclass
class Measurement:
    benchmark: Benchmark
    seconds: float
    counts: dict[str, float]
    peak_bytes: int | None = None
    rates: dict[str, float] = field(default_factory=dict)
    # The process's peak resident memory during the timed run (Linux). Not its helpers': the
    # system's figure for ended children counts, for each, the parent's memory it shared for
    # a moment between fork and exec, so it says nothing about them.
    peak_rss: int | None = None
    # What the process held as the timed run began (the benchmark's data set made in it).
    rss_at_start: int | None = None
    # Whose peak it is, when not this process's (" of the worker").
    whose: str = ""

    def lines(self) -> list[str]:
        return [f"{self.benchmark.name}: {self.benchmark.title}", "  " + self.summary()]

    def summary(self) -> str:
        parts = [f"time {self.seconds:,.2f} s"]
        if self.peak_rss is not None:
            started = f" ({_size(self.rss_at_start)} at its start)" if self.rss_at_start else ""
            parts.append(f"peak RSS{self.whose} {_size(self.peak_rss)}{started}")
        if self.peak_bytes is not None:
            parts.append(f"peak memory {_size(self.peak_bytes)}")
        for name, count in self.counts.items():
            rate = self.rates.get(name)
            per_second = f" ({rate:,.0f} {name}/s)" if rate is not None else ""
            parts.append(f"{count:,.0f} {name}{per_second}")
        return " · ".join(parts)


def at_scales(measurements: list[Measurement], scales: list[float]) -> list[str]:
    """One benchmark run at several scales: a line for each, then how its time grew against
    its work (the same multiple means the time grows linearly)."""
    lines = [f"{measurements[0].benchmark.name}: {measurements[0].benchmark.title}"]
    for scale, measurement in zip(scales, measurements, strict=True):
        lines.append(f"  at scale {scale:g}: {measurement.summary()}")
    first, last = measurements[0], measurements[-1]
    if len(measurements) > 1 and first.seconds > 0:
        work, time_taken = scales[-1] / scales[0], last.seconds / first.seconds
        lines.append(
            f"  scale {scales[-1]:g} against {scales[0]:g}: "
            f"{work:,.1f}× the work, {time_taken:,.1f}× the time"
        )
    return lines


def _size(size: int) -> str:
    if size < 1_000_000:
        return f"{size / 1_000:,.1f} kB"
    return f"{size / 1_000_000:,.1f} MB"


_BENCHMARKS: dict[str, Benchmark] = {}


Prepare = Callable[[float], Work]


def benchmark(
    title: str, *, database: bool = False, beside: Comparison | None = None
) -> Callable[[Prepare], Prepare]:
    """Register a benchmark under ``<app>.<function name>``, e.g. research.anonymiser_notes, for
    a function in ``<app>/bench.py`` or in a module of the package ``<app>/bench/``."""

    def register(prepare: Prepare) -> Prepare:
        app = re.sub(r"\.bench(\.\w+)?$", "", prepare.__module__)
        name = f"{app}.{prepare.__name__}"
        _BENCHMARKS[name] = Benchmark(name, title, prepare, database, beside)
        return prepare

    return register


def all_benchmarks() -> list[Benchmark]:
    from django.utils.module_loading import autodiscover_modules

    autodiscover_modules("bench")
    return sorted(_BENCHMARKS.values(), key=lambda bench: bench.name)


@contextmanager
def _rolled_back(database: bool) -> Iterator[None]:
    if not database:
        yield
        return
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def run(bench: Benchmark, *, scale: float = 1.0, memory: bool = True) -> Measurement:
    with _rolled_back(bench.database):
        work = bench.prepare(scale)
        try:
            return _measure(bench, work, memory)
        finally:
            # What a set-up made outside the transaction (a database of its own) goes.
            cleanup = getattr(work, "cleanup", None)
            if cleanup is not None:
                cleanup()


def _reset_peak_rss() -> bool:
    """Linux lets a process set its peak resident memory back to what it holds now."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _rss(field: str) -> int | None:
    """VmHWM (the peak) or VmRSS (now) of this process, from Linux's /proc."""
    try:
        found = re.search(rf"{field}:\s+(\d+) kB", Path("/proc/self/status").read_text())
    except OSError:
        return None
    return int(found.group(1)) * 1024 if found else None


def _measure(bench: Benchmark, work: Work, memory: bool) -> Measurement:
    gc.collect()
    # Peak RSS of the timed run only: tracemalloc's own bookkeeping would add to it.
    measured = _reset_peak_rss()
    rss_at_start = _rss("VmRSS") if measured else None
    with _rolled_back(bench.database):
        started = time.perf_counter()
        counts = work()
        seconds = time.perf_counter() - started
    peak_rss = _rss("VmHWM") if measured else None
    elsewhere: Elsewhere | None = getattr(work, "elsewhere", None)
    if elsewhere is not None:
        rates = {name: count / seconds for name, count in counts.items() if seconds > 0}
        whose = f" of {elsewhere.whose}"
        return Measurement(bench, seconds, counts, None, rates, elsewhere.peak_rss, None, whose)
    peak = None
    if memory:
        gc.collect()
        with _rolled_back(bench.database):
            tracemalloc.start()
            try:
                work()
                peak = tracemalloc.get_traced_memory()[1]
            finally:
                tracemalloc.stop()
    rates = {name: count / seconds for name, count in counts.items() if seconds > 0}
    return Measurement(bench, seconds, counts, peak, rates, peak_rss, rss_at_start)


def side_by_side(measurements: list[Measurement]) -> list[str]:
    """For each comparison, its benchmarks' rates in the order they ran, each as a multiple of
    the first one's."""
    lines: list[str] = []
    comparisons = dict.fromkeys(m.benchmark.beside for m in measurements if m.benchmark.beside)
    for comparison in comparisons:
        if comparison is None:
            continue
        rows = [
            (m.benchmark.name, m.rates.get(comparison.per, 0.0))
            for m in measurements
            if m.benchmark.beside == comparison
        ]
        first = rows[0][1]
        lines.append(f"Side by side: {comparison.title}")
        width = max(len(name) for name, _ in rows)
        for name, rate in rows:
            relative = f"{rate / first:,.2f}×" if first else "-"
            lines.append(f"  {name:<{width}}  {rate:>14,.0f} {comparison.per}/s  {relative}")
    return lines


@dataclass
class Elsewhere:
    """The largest peak resident memory of the processes a work ran (``in_process``)."""

    whose: str
    peak_rss: int = 0


# Started by a small Python, the command's peak is its own: Linux counts, for a process
# started by fork or vfork, what its parent held at that moment (the benchmark's data set).
_STARTER = """
import os, subprocess, sys
process = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(process.pid, 0)
with open(sys.argv[1], "w") as peak:
    peak.write(str(usage.ru_maxrss * 1024))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def in_process(command: list[str], *, environment: dict[str, str], into: Elsewhere) -> None:
    """Run ``command`` to its end and keep its peak resident memory in ``into`` if larger.
    Linux gives it for a process that has ended, with the largest of its own ended children."""
    import subprocess
    import sys
    import tempfile

    # What it prints is shown only if it fails (a pipe nobody reads would fill and stop it).
    with tempfile.TemporaryFile() as printed, tempfile.NamedTemporaryFile("r") as peak:
        process = subprocess.run(  # noqa: S603 - our own commands
            [sys.executable, "-c", _STARTER, peak.name, *command],
            env=environment,
            stdout=printed,
            stderr=subprocess.STDOUT,
            check=False,
        )
        if process.returncode != 0:
            printed.seek(0)
            said = printed.read().decode(errors="replace")[-3000:]
            raise RuntimeError(f"{command[1:3]} ended with {process.returncode}:\n{said}")
        into.peak_rss = max(into.peak_rss, int(peak.read()))


def database_url(settings_dict: dict[str, Any]) -> str:
    """A URL for the database in `settings_dict` (a socket folder as ?host=, as the embedded
    server uses), for another process's DATABASE_URL."""
    host = settings_dict.get("HOST") or (settings_dict.get("OPTIONS") or {}).get("host", "")
    user = settings_dict.get("USER") or "postgres"
    password = f":{settings_dict['PASSWORD']}" if settings_dict.get("PASSWORD") else ""
    name = settings_dict["NAME"]
    if not host or str(host).startswith("/"):
        return f"postgresql://{user}{password}@/{name}?host={host}"
    return f"postgresql://{user}{password}@{host}:{settings_dict.get('PORT') or 5432}/{name}"


# A set-up whose data another process must read (pg_dump, a web server under load) commits it,
# in a database of its own, never the one in use.


def new_database(name: str, *, template: str | None = None) -> None:
    """An empty database, or a copy of `template` (a migrated one, which no one is using)."""
    from django.db import connection

    copy = f' TEMPLATE "{template}"' if template else ""
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"{copy}')


def drop_database(name: str) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def default_database(name: str) -> Iterator[None]:
    """Django's default connection pointed at database `name` for a while (its pool too)."""
    from django.db import connection

    saved = connection.settings_dict["NAME"]
    # PostgreSQL's wrapper keeps a pool per alias, made for the database it was made for.
    close_pool = getattr(connection, "close_pool", lambda: None)
    connection.close()
    close_pool()
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        close_pool()
        connection.settings_dict["NAME"] = saved


@contextmanager
def database_of_its_own(name: str, *, template: str | None = None) -> Iterator[None]:
    """A new database `name` (empty, or a copy of `template`) as the default for a while,
    dropped afterwards."""
    new_database(name, template=template)
    try:
        with default_database(name):
            yield
    finally:
        drop_database(name)
