"""Several task workers on one database: each task is done exactly once, however many workers
take from the queue (django-tasks-db claims a task with SELECT ... FOR UPDATE SKIP LOCKED)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.core import mail
from django.db import connection
from django_tasks_db.models import DBTaskResult
from psycopg.conninfo import conninfo_to_dict

from bridging_gaps.backup import conninfo
from meetings.models import ReminderSent
from meetings.tasks import send_reminder
from tests.conftest import TEST_FILE_KEYS
from tests.factories import UserFactory
from tests.factories_meetings import MeetingFactory, in_days

ROOT = Path(__file__).resolve().parent.parent.parent


def worker_environment(tmp_path: Path) -> dict[str, str]:
    params = conninfo_to_dict(conninfo(connection.settings_dict))
    host = params.pop("host", "")
    name = params.pop("dbname")
    user = params.pop("user", "postgres")
    url = (
        f"postgresql://{user}@/{name}?host={host}"
        if host.startswith("/")
        else (f"postgresql://{user}@{host}:{params.get('port', 5432)}/{name}")
    )
    return {
        **os.environ,
        "DATABASE_URL": url,
        "DATABASE_POOL": "0",
        "FILE_ENCRYPTION_KEYS": TEST_FILE_KEYS,
        "PRIVATE_FILES_ROOT": str(tmp_path / "private"),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }


def test_fifty_tasks_taken_by_two_workers_are_each_done_exactly_once(
    transactional_db, database_tasks, tmp_path
):
    meeting = MeetingFactory(starts_at=in_days(1), ends_at=in_days(1, hour=20))
    people = [UserFactory() for _ in range(50)]
    for person in people:
        send_reminder.enqueue(str(meeting.pk), str(person.pk))
    assert DBTaskResult.objects.ready().count() == 50

    environment = worker_environment(tmp_path)
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--batch",
                "--no-startup-delay",
                "--worker-id",
                f"worker-{number}",
            ],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for number in (1, 2)
    ]
    for worker in workers:
        _out, errors = worker.communicate(timeout=120)
        assert worker.returncode == 0, errors.decode()[-2000:]

    results = list(DBTaskResult.objects.all())
    assert len(results) == 50
    assert all(result.status == "SUCCESSFUL" for result in results)
    assert all(len(result.worker_ids) == 1 for result in results)
    assert ReminderSent.objects.count() == 50
    assert mail.outbox == []  # sent by the workers, not by this process
