"""The export benchmark runs and leaves nothing behind (its numbers belong to `make bench`)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection

import research.bench.export
from reflections.models import ReflectiveNote
from research.models import Export

# The data set is committed in a database of its own, for the worker to read.
pytestmark = pytest.mark.django_db(transaction=True)


@dataclass
class Made:
    """The databases and folders the benchmark made in this test (another benchmark may run
    beside it on the same server: only these are looked for afterwards)."""

    databases: list[str] = field(default_factory=list)
    folders: list[Path] = field(default_factory=list)

    def databases_left(self) -> list[str]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT datname FROM pg_database WHERE datname = ANY(%s)", [self.databases]
            )
            return [name for (name,) in cursor.fetchall()]

    def folders_left(self) -> list[Path]:
        return [folder for folder in self.folders if folder.exists()]


@pytest.fixture
def made(monkeypatch) -> Made:
    """Watches the real calls that make a database and a folder."""
    seen = Made()
    new_database, mkdtemp = research.bench.export.new_database, tempfile.mkdtemp

    def watched_database(name, **kwargs):
        seen.databases.append(name)
        return new_database(name, **kwargs)

    def watched_folder(*args, **kwargs):
        folder = mkdtemp(*args, **kwargs)
        seen.folders.append(Path(folder))
        return folder

    monkeypatch.setattr(research.bench.export, "new_database", watched_database)
    monkeypatch.setattr(tempfile, "mkdtemp", watched_folder)
    return seen


def _exports_in_this_process_storage() -> list[str]:
    if not default_storage.exists("research-exports"):
        return []
    return default_storage.listdir("research-exports")[1]


def test_the_export_benchmark_is_made_by_the_task_worker_and_leaves_nothing_behind(made):
    out = StringIO()
    call_command("bench", "export_notes", "--scale", "0.0002", stdout=out)
    report = out.getvalue()
    assert "research.export_notes" in report
    assert "20 notes (" in report  # chosen and exported by the worker
    assert "peak RSS of the task worker " in report
    assert _exports_in_this_process_storage() == []  # the worker made it, in a folder of its own
    assert not ReflectiveNote.objects.exists()
    assert not Export.objects.exists()
    assert len(made.databases) == 1
    assert made.folders
    assert made.databases_left() == []
    assert made.folders_left() == []


def test_an_export_benchmark_whose_set_up_fails_leaves_nothing_behind(made, monkeypatch):
    def full_disk(*args, **kwargs):
        raise OSError("No space left on device")

    monkeypatch.setattr(research.bench.export, "granted_notes", full_disk)
    with pytest.raises(OSError, match="No space left"):
        call_command("bench", "export_notes", "--scale", "0.0002", stdout=StringIO())
    assert len(made.databases) == 1
    assert made.databases_left() == []
    assert made.folders_left() == []
