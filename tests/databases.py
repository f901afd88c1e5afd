"""One migrated database for the whole run to copy: each xdist worker's test database (and any
database a test makes for a server of its own) is a copy of it, made by PostgreSQL in a fraction
of a second, instead of running every migration again (5-8 s each on a 2-core machine).

The template is named after what the migrations are: every migration file of every installed
app, and Django's version. It stays on the server between runs, so a second run on
the same machine migrates nothing; when a migration changes, the next run makes a new one and
drops the old ones.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import psycopg

from bridging_gaps.backup import conninfo
from bridging_gaps.bench import database_url

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "bg_migrated_"
# One number for every run on this server: whoever holds it makes the template.
LOCK = 0x6267_7465_6D70  # "bgtemp"


def migrations_fingerprint() -> str:
    """Every migration file of every installed app, and Django's version. (Not the installed
    packages as `importlib.metadata` lists them: that list depends on `sys.path`, so the same
    checkout run two ways made two templates.)"""
    import django
    from django.apps import apps

    digest = hashlib.sha256(django.__version__.encode())
    for config in sorted(apps.get_app_configs(), key=lambda config: config.label):
        for path in sorted((Path(config.path) / "migrations").glob("*.py")):
            digest.update(f"{config.label}/{path.name}\n".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def migrated_template(settings_dict: dict[str, Any]) -> str:
    """The name of a migrated database to copy, made first if it is not there yet."""
    name = PREFIX + migrations_fingerprint()
    server = conninfo({**settings_dict, "NAME": "postgres"})
    with psycopg.connect(server, autocommit=True) as connection:
        # Two workers start together: one migrates, the other waits for it, then finds it made.
        connection.execute("SELECT pg_advisory_lock(%s)", [LOCK])
        try:
            existing = {
                row[0]
                for row in connection.execute(
                    "SELECT datname FROM pg_database WHERE datname LIKE %s", [PREFIX + "%"]
                )
            }
            if name not in existing:
                for old in existing:
                    connection.execute(f'DROP DATABASE IF EXISTS "{old}" WITH (FORCE)')
                _make(connection, settings_dict, name)
        finally:
            connection.execute("SELECT pg_advisory_unlock(%s)", [LOCK])
    return name


def _make(connection: psycopg.Connection[Any], settings_dict: dict[str, Any], name: str) -> None:
    # Made under another name and renamed when complete: a run stopped half-way leaves nothing
    # that a later run would take for a template.
    building = name + "_building"
    connection.execute(f'DROP DATABASE IF EXISTS "{building}" WITH (FORCE)')
    connection.execute(f'CREATE DATABASE "{building}"')
    environment = {
        **os.environ,
        "DATABASE_URL": database_url({**settings_dict, "NAME": building}),
        "DATABASE_POOL": "0",
    }
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "--verbosity", "0"],
        cwd=ROOT,
        env=environment,
        check=True,
    )
    connection.execute(f'ALTER DATABASE "{building}" RENAME TO "{name}"')
