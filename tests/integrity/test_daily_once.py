"""Several servers and workers on one database: each daily chain is queued once, however many
of them ask at the same moment (every sign-in and every finished daily run asks)."""

from __future__ import annotations

import contextlib
import threading

from django.db import connection
from django_tasks_db.models import DBTaskResult

from bridging_gaps import daily
from datarights import tasks

DAILY = "datarights.tasks.daily_data_rights_jobs"


def test_two_servers_asking_at_the_same_moment_queue_one_daily_run(
    transactional_db, database_tasks, monkeypatch
):
    # Both have looked for a waiting run and found none before either queues its own: the
    # moment two sign-ins on two servers would meet.
    both_looked = threading.Barrier(2, timeout=1)
    chosen = daily.next_run_at

    def after_both_looked(hour, now=None):
        # If the other one is held back (as it should be), go on alone.
        with contextlib.suppress(threading.BrokenBarrierError):
            both_looked.wait()
        return chosen(hour, now)

    monkeypatch.setattr(daily, "next_run_at", after_both_looked)
    queued: list[bool] = []
    errors: list[BaseException] = []

    def server() -> None:
        try:
            queued.append(tasks.retention_keep_running())
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=server) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert errors == []
    assert sorted(queued) == [False, True]
    assert DBTaskResult.objects.filter(task_path=DAILY, status="READY").count() == 1
