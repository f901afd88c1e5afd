"""A backup restores: every table's rows and every file's bytes come back, in a fresh database
and an empty folder; and the archive cannot be read without the key."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import connection

from bridging_gaps.backup import BackupError, backup, conninfo, restore
from bridging_gaps.encryption import EncryptedFileSystemStorage, parse_keys
from tests.conftest import TEST_FILE_KEYS
from tests.factories_items import NoteFactory
from tests.helpers import share


def rows_of_every_table(settings_dict) -> dict[str, list]:
    with psycopg.connect(conninfo(settings_dict)) as database:
        tables = [
            name
            for (name,) in database.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1"
            )
        ]
        return {
            table: sorted(
                map(repr, database.execute(f'SELECT * FROM "{table}"').fetchall())  # noqa: S608
            )
            for table in tables
        }


@contextmanager
def new_database() -> Iterator[dict]:
    """An empty database on the same server, dropped afterwards."""
    name = f"restore_{uuid.uuid4().hex[:12]}"
    settings_dict = {**connection.settings_dict, "NAME": name}
    admin = {**connection.settings_dict, "NAME": "postgres"}
    with psycopg.connect(conninfo(admin), autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    try:
        yield settings_dict
    finally:
        with psycopg.connect(conninfo(admin), autocommit=True) as server:
            server.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


@pytest.fixture
def fresh_database():
    with new_database() as settings_dict:
        yield settings_dict


def test_a_backup_restores_every_row_and_every_file(
    transactional_db, cast, tmp_path, fresh_database
):
    storage = storages["default"]
    note = NoteFactory(owner=cast.owner, body="What the waiting room felt like.")
    share(note, group=False)
    stored = storage.save("interview-recordings/one.wav", ContentFile(b"RIFF sound" * 1000))
    archive = tmp_path / "workspace.backup"

    manifest = backup(database=connection.settings_dict, storage=storage, output=archive)
    assert manifest["files"] == 1
    assert b"waiting room" not in archive.read_bytes()

    restored_files = tmp_path / "restored"
    restore(
        archive=archive,
        database=fresh_database,
        storage=EncryptedFileSystemStorage(location=restored_files, keys=TEST_FILE_KEYS),
        keys=storage.keys,
    )

    assert rows_of_every_table(fresh_database) == rows_of_every_table(connection.settings_dict)
    assert (restored_files / stored).read_bytes() == (Path(storage.location) / stored).read_bytes()


def test_a_backup_cannot_be_restored_without_its_key_or_over_files(transactional_db, tmp_path):
    storage = storages["default"]
    archive = tmp_path / "workspace.backup"
    backup(database=connection.settings_dict, storage=storage, output=archive)
    other = parse_keys("other:" + "C" * 43 + "=")
    empty = EncryptedFileSystemStorage(location=tmp_path / "x", keys=TEST_FILE_KEYS)
    with pytest.raises(ValueError, match="No key"):
        restore(archive=archive, database={}, storage=empty, keys=other)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "a-file").write_bytes(b"kept")
    with pytest.raises(BackupError, match="not empty"):
        restore(
            archive=archive,
            database={},
            storage=EncryptedFileSystemStorage(location=busy, keys=TEST_FILE_KEYS),
            keys=storage.keys,
        )
    assert (busy / "a-file").read_bytes() == b"kept"
