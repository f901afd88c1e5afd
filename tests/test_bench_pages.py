"""`manage.py bench_pages` (in `make bench`): it builds its data set in a database of its own,
serves it with gunicorn beside the floor, prints one table, and leaves no database behind. The
numbers belong to `make bench`; here only that it runs, and how a plan is read."""

from __future__ import annotations

from io import StringIO

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from bridging_gaps.backup import conninfo
from bridging_gaps.bench import database_url
from loadbench.run import _seq_scans


def databases() -> set[str]:
    admin = {**connection.settings_dict, "NAME": "postgres"}
    with psycopg.connect(conninfo(admin)) as server:
        return {name for (name,) in server.execute("SELECT datname FROM pg_database")}


def test_the_pages_benchmark_prints_every_page_beside_the_floor_and_leaves_no_database(
    transactional_db,
):
    out = StringIO()
    call_command(
        "bench_pages",
        *("--scales", "0.001", "--seconds", "0.3", "--clients", "1", "--warm-up", "0"),
        stdout=out,
    )
    report = out.getvalue()
    for page in (
        "floor (SELECT 1)",
        "dashboard (member)",
        "dashboard (GP)",
        "my notes",
        "notes shared with me (GP)",
        "calendar feed",
        "a note page",
        "meetings list",
    ):
        assert page in report
    assert "errors" not in report, report
    assert "Plans: checked only at scale 1 and above." in report
    # Its own database is gone (other workers' test databases come and go meanwhile).
    assert not [name for name in databases() if name.startswith("bench_pages_")]


def test_a_plan_that_reads_a_big_table_whole_is_found_wherever_it_is_in_the_tree():
    plan = {
        "Node Type": "Limit",
        "Plans": [
            {"Node Type": "Index Scan", "Relation Name": "reflections_reflectivenote"},
            {
                "Node Type": "Hash Join",
                "Plans": [
                    {"Node Type": "Seq Scan", "Relation Name": "consent_currentshare"},
                    {"Node Type": "Seq Scan", "Relation Name": "people_user"},
                ],
            },
        ],
    }
    assert list(_seq_scans(plan)) == ["consent_currentshare"]


@pytest.mark.parametrize(
    ("settings_dict", "url"),
    [
        (
            {"NAME": "bench", "USER": "postgres", "HOST": "/srv/pg"},
            "postgresql://postgres@/bench?host=/srv/pg",
        ),
        (
            {"NAME": "bench", "USER": "app", "PASSWORD": "pw", "HOST": "db", "PORT": 5433},
            "postgresql://app:pw@db:5433/bench",
        ),
    ],
)
def test_the_servers_are_given_the_benchmarks_database(settings_dict, url):
    assert database_url(settings_dict) == url
