"""The test run's databases are copies of one migrated template (tests/databases.py)."""

from __future__ import annotations

import psycopg
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from bridging_gaps.backup import conninfo
from tests.databases import PREFIX, migrated_template, migrations_fingerprint


def test_the_test_database_is_a_copy_of_the_template_with_nothing_left_to_migrate(db):
    template = connection.settings_dict["TEST"]["TEMPLATE"]
    assert template == PREFIX + migrations_fingerprint()
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []


def test_asking_again_finds_the_template_made_and_leaves_one_template_only(db):
    name = migrated_template(connection.settings_dict)
    admin = {**connection.settings_dict, "NAME": "postgres"}
    with psycopg.connect(conninfo(admin)) as server:
        templates = [
            row[0]
            for row in server.execute(
                "SELECT datname FROM pg_database WHERE datname LIKE %s", [PREFIX + "%"]
            )
        ]
    assert templates == [name]


def test_the_templates_name_does_not_depend_on_how_the_tests_were_started(tmp_path, monkeypatch):
    before = migrations_fingerprint()
    # Another folder on the path holding a package's metadata (a project folder with its
    # egg-info, as `python -m pytest` puts the current folder first).
    (tmp_path / "something_else-1.0.dist-info").mkdir()
    (tmp_path / "something_else-1.0.dist-info" / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: something-else\nVersion: 1.0\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    assert migrations_fingerprint() == before
