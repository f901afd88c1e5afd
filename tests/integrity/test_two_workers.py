"""Several task workers on one database: each task is done exactly once, however many workers
take from the queue (django-tasks-db claims a task with SELECT ... FOR UPDATE SKIP LOCKED):
fifty reminders, and fifty research exports started at once."""

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


def two_workers_empty_the_queue(tmp_path: Path) -> None:
    """Two task workers, in processes of their own, take from the queue until it is empty."""
    environment = worker_environment(tmp_path)
    workers = [
        subprocess.Popen(
            [
                *(sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay"),
                *("--worker-id", f"worker-{number}"),
            ],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for number in (1, 2)
    ]
    for worker in workers:
        _out, errors = worker.communicate(timeout=180)
        assert worker.returncode == 0, errors.decode()[-2000:]


def each_task_done_exactly_once(count: int) -> None:
    results = list(DBTaskResult.objects.all())
    assert len(results) == count
    assert all(result.status == "SUCCESSFUL" for result in results)
    assert all(len(result.worker_ids) == 1 for result in results)


def test_fifty_tasks_taken_by_two_workers_are_each_done_exactly_once(
    transactional_db, database_tasks, tmp_path
):
    meeting = MeetingFactory(starts_at=in_days(1), ends_at=in_days(1, hour=20))
    people = [UserFactory() for _ in range(50)]
    for person in people:
        send_reminder.enqueue(str(meeting.pk), str(person.pk))
    assert DBTaskResult.objects.ready().count() == 50

    two_workers_empty_the_queue(tmp_path)

    each_task_done_exactly_once(50)
    assert ReminderSent.objects.count() == 50
    assert mail.outbox == []  # sent by the workers, not by this process


def test_fifty_exports_started_at_once_are_each_made_exactly_once_by_two_workers(
    transactional_db, settings, tmp_path
):
    from research.exports.models import Export
    from research.exports.services import export_start
    from tests.factories import UserFactory as People
    from tests.factories_research import draft_export, granted_note, make_project

    researcher = People(roles=["researcher"])
    project = make_project(researcher)
    granted_note(owner=People(), body="The front desk listened.")
    # Chosen at once (the tests' immediate tasks), then all started: fifty tasks in the queue.
    drafts = [draft_export(project, researcher) for _ in range(50)]
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    for export in drafts:
        export_start(export=export, by=researcher)
    assert DBTaskResult.objects.ready().count() == 50

    two_workers_empty_the_queue(tmp_path)

    each_task_done_exactly_once(50)
    made = Export.objects.filter(pk__in=[export.pk for export in drafts])
    assert all(export.status == Export.Status.DONE for export in made)
    assert len({export.file_name for export in made}) == 50
