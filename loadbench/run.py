"""Serve the data set with gunicorn beside the floor, put each page under load, read the plans.

Load is closed-loop: a few clients each send the next request when the last one is answered,
for a few seconds a page, after a second's warm-up. gunicorn runs as deploy/ runs it (sync
workers), with DEBUG off; so does the floor.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

ROOT = Path(__file__).resolve().parent.parent
# The tables whose size is the archive's: a page must never read them whole.
BIG_TABLES = frozenset({"reflections_reflectivenote", "consent_share", "consent_currentshare"})


@dataclass(frozen=True)
class Page:
    name: str
    path: str
    session: str | None  # the session cookie it is asked with; None: signed out (the feed)


@dataclass
class Measured:
    seconds: float
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)

    @property
    def per_second(self) -> float:
        return len(self.latencies) / self.seconds

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(application: str, environment: dict[str, str], workers: int = 2) -> Iterator[int]:
    """gunicorn serving `application` on a loopback port, answering before this yields it."""
    port = _free_port()
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [
                *(sys.executable, "-m", "gunicorn", application),
                *("--bind", f"127.0.0.1:{port}", "--workers", str(workers)),
            ],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                        break
                except urllib.error.HTTPError:
                    break  # answering (the floor has no /healthz)
                except OSError as error:
                    if server.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        printed = log.read()[-2000:]
                        raise RuntimeError(f"{application} did not start: {printed!r}") from error
                    time.sleep(0.2)
            yield port
        finally:
            server.terminate()
            server.wait(timeout=30)


def load(port: int, page: Page, *, seconds: float, clients: int, warm_up: float = 1.0) -> Measured:
    headers = {"Host": "127.0.0.1"}
    if page.session:
        headers["Cookie"] = f"sessionid={page.session}"
    measured = Measured(seconds)
    lock = threading.Lock()
    warm_until = time.monotonic() + warm_up
    stop_at = warm_until + seconds

    def client() -> None:
        while (now := time.monotonic()) < stop_at:
            started = time.perf_counter()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            try:
                conn.request("GET", page.path, headers=headers)
                response = conn.getresponse()
                response.read()
                status = response.status
            finally:
                conn.close()
            took = time.perf_counter() - started
            if now >= warm_until:
                with lock:
                    measured.latencies.append(took)
                    measured.statuses[status] += 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return measured


def _seq_scans(plan: dict[str, Any]) -> Iterator[str]:
    if plan.get("Node Type") == "Seq Scan" and plan.get("Relation Name") in BIG_TABLES:
        yield str(plan["Relation Name"])
    for child in plan.get("Plans", []):
        yield from _seq_scans(child)


def plans(page: Page) -> list[str]:
    """The big tables a page's queries read whole (a sequential scan), by asking PostgreSQL
    to explain every query the page makes, in this process, on the same data."""
    client = Client(HTTP_HOST="127.0.0.1")
    if page.session:
        client.cookies["sessionid"] = page.session
    with CaptureQueriesContext(connection) as queries:
        client.get(page.path)
    scanned: list[str] = []
    with connection.cursor() as cursor:
        for query in queries.captured_queries:
            sql = query["sql"]
            if not sql.lstrip().upper().startswith("SELECT") or not any(
                table in sql for table in BIG_TABLES
            ):
                continue
            cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
            (explained,) = cursor.fetchone()
            tree = explained if isinstance(explained, list) else json.loads(explained)
            scanned.extend(_seq_scans(tree[0]["Plan"]))
    return sorted(set(scanned))


def environment_for(url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": url, "DJANGO_DEBUG": "false"}


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0
