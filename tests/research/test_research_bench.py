"""The export benchmark runs and leaves nothing behind (its numbers belong to `make bench`)."""

from __future__ import annotations

import tempfile
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

from reflections.models import ReflectiveNote
from research.models import Export

# The data set is committed in a database of its own, for the worker to read.
pytestmark = pytest.mark.django_db(transaction=True)


def _bench_databases() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE 'bench_export_%%'")
        return [name for (name,) in cursor.fetchall()]


def _bench_folders() -> set[str]:
    return {path.name for path in Path(tempfile.gettempdir()).glob("bench-export-*")}


def _exports_in_this_process_storage() -> list[str]:
    if not default_storage.exists("research-exports"):
        return []
    return default_storage.listdir("research-exports")[1]


def test_the_export_benchmark_is_made_by_the_task_worker_and_leaves_nothing_behind():
    folders_before = _bench_folders()
    out = StringIO()
    call_command("bench", "export_notes", "--scale", "0.0002", stdout=out)
    report = out.getvalue()
    assert "research.export_notes" in report
    assert "20 notes (" in report  # chosen and exported by the worker
    assert "peak RSS of the task worker " in report
    assert _exports_in_this_process_storage() == []  # the worker made it, in a folder of its own
    assert not ReflectiveNote.objects.exists()
    assert not Export.objects.exists()
    assert _bench_databases() == []
    assert _bench_folders() == folders_before


def test_an_export_benchmark_whose_set_up_fails_leaves_nothing_behind(monkeypatch):
    import research.bench

    def full_disk(*args, **kwargs):
        raise OSError("No space left on device")

    folders_before = _bench_folders()
    monkeypatch.setattr(research.bench, "_granted_notes", full_disk)
    with pytest.raises(OSError, match="No space left"):
        call_command("bench", "export_notes", "--scale", "0.0002", stdout=StringIO())
    assert _bench_databases() == []
    assert _bench_folders() == folders_before
