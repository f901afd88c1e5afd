"""Benchmarks of the research export and of a backup and its restore, each on a data set
committed in a database of its own."""

from __future__ import annotations

import random
import shutil
import uuid

from bridging_gaps.bench import (
    Elsewhere,
    Unavailable,
    Work,
    benchmark,
    database_url,
    default_database,
    drop_database,
    in_process,
    new_database,
)
from consent.kinds import Kind
from research.bench.data import granted_notes


@benchmark("Export: 100,000 notes with research-use grants, chosen and made by the task worker")
def export_notes(scale: float) -> Work:
    """The whole export of a large group's notes as the workspace makes it: the researcher's
    choice queued, a task worker (`manage.py db_worker`, a process of its own) choosing the
    items; the export started, a worker making the ZIP (CSV, JSON, REFI-QDA project and
    codebook, Taguette files, README, manifest) in the private storage. The data set is
    committed in a database of the benchmark's own, as a worker reads only what is committed.
    Timed from the first task queued to the file made; memory is the workers' peak."""
    import os
    import sys
    import tempfile

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    from people.models import Role, User
    from research.analysis.services import project_create
    from research.exports.models import Export
    from research.exports.services import export_create, export_start

    name = f"bench_export_{uuid.uuid4().hex[:8]}"
    # Under the tests, a copy of the run's migrated template (tests/databases.py).
    template = connection.settings_dict.get("TEST", {}).get("TEMPLATE")
    new_database(name, template=template)
    folder = tempfile.mkdtemp(prefix="bench-export-")

    def cleanup() -> None:
        drop_database(name)
        shutil.rmtree(folder, ignore_errors=True)

    try:
        with default_database(name):
            if not template:
                call_command("migrate", verbosity=0)
            granted_notes(random.Random(11), max(1, round(100_000 * scale)))  # noqa: S311
            researcher = User.objects.create(
                email=f"bench-{uuid.uuid4()}@example.org",
                display_name="Bench",
                roles=[Role.RESEARCHER],
            )
            project = project_create(name="Bench", by=researcher)
    except BaseException:
        cleanup()  # the work, which would have it, was never made
        raise
    environment = {
        **os.environ,
        "DATABASE_URL": database_url({**connection.settings_dict, "NAME": name}),
        "DJANGO_DEBUG": "false",
        "PRIVATE_FILES_ROOT": folder,  # the file is made there, and goes with it
    }
    worker = [sys.executable, str(settings.BASE_DIR / "manage.py"), "db_worker", "--batch"]
    worker.append("--no-startup-delay")

    # Queued in the database for the worker, whatever the settings (the tests run tasks at once).
    queued = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

    def work() -> dict[str, float]:
        elsewhere = Elsewhere("the task worker")
        work.elsewhere = elsewhere  # type: ignore[attr-defined]
        with default_database(name), override_settings(TASKS=queued):
            export = export_create(
                project=project, purpose=Export.Purpose.FILE, kinds=[Kind.NOTE], by=researcher
            )
            in_process(worker, environment=environment, into=elsewhere)
            export.refresh_from_db()
            export_start(export=export, by=researcher)
            in_process(worker, environment=environment, into=elsewhere)
            export.refresh_from_db()
        if export.status != Export.Status.DONE:
            raise RuntimeError(f"the export failed: {export.error}")
        return {"notes": export.item_count, "zip bytes": export.size or 0}

    work.cleanup = cleanup  # type: ignore[attr-defined]
    return work


@benchmark("Backup and restore: the 100,000-note data set and 100 files of 1 MB")
def backup_and_restore(scale: float) -> Work:
    """`manage.py backup` then `manage.py restore` into an empty database and folder. A backup
    reads only what is committed: the data set is made in a database of the benchmark's own
    (migrated, then filled as the export benchmark fills its tables), dropped at the end."""
    import tempfile
    from pathlib import Path

    from django.core.files.storage import storages
    from django.core.management import call_command
    from django.db import connection

    from bridging_gaps.backup import backup, restore
    from bridging_gaps.encryption import EncryptedFileSystemStorage, EncryptedStorageMixin

    suffix = uuid.uuid4().hex[:8]
    source, target = f"bench_backup_{suffix}", f"bench_restore_{suffix}"
    folder = Path(tempfile.mkdtemp(prefix="bench-backup-"))
    files, restored = folder / "files", folder / "restored"
    own = storages["default"]
    if not isinstance(own, EncryptedStorageMixin):
        raise Unavailable("the private storage is not the encrypted one")
    keys = own.keys  # the workspace's file keys, as `manage.py backup` uses them

    def store(location: Path) -> EncryptedFileSystemStorage:
        made = EncryptedFileSystemStorage(location=location, keys="bench:" + "A" * 43 + "=")
        made.keys = keys
        return made

    new_database(source)
    with default_database(source):
        call_command("migrate", verbosity=0)
        granted_notes(random.Random(11), max(1, round(100_000 * scale)))  # noqa: S311
    rng = random.Random(19)  # noqa: S311
    for index in range(max(1, round(100 * scale))):
        path = files / "interview-recordings" / f"{index:04}.bin"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(rng.randbytes(1_000_000))
    database = {**connection.settings_dict, "NAME": source}

    def work() -> dict[str, float]:
        archive = folder / "backup.enc"
        manifest = backup(database=database, storage=store(files), output=archive)
        drop_database(target)
        new_database(target)
        shutil.rmtree(restored, ignore_errors=True)
        restore(
            archive=archive,
            database={**connection.settings_dict, "NAME": target},
            storage=store(restored),
            keys=keys,
        )
        return {
            "archive MB": archive.stat().st_size / 1_000_000,
            "database MB": manifest["database_bytes"] / 1_000_000,
            "files": manifest["files"],
        }

    def cleanup() -> None:
        drop_database(source)
        drop_database(target)
        shutil.rmtree(folder, ignore_errors=True)

    work.cleanup = cleanup  # type: ignore[attr-defined]
    return work
