"""When the database cannot be reached, every page answers at once with a plain 503 in the
workspace's words, and /healthz says so: no hanging, no bare 500."""

from __future__ import annotations

import time

import pytest
from django.db import connection
from django.test import Client

from tests.factories import UserFactory


@pytest.fixture
def unreachable_database(transactional_db):
    """The real database connection pointed at a port nobody listens on, then put back."""
    settings = connection.settings_dict
    saved = {key: settings[key] for key in ("HOST", "PORT")}
    connection.close()
    settings["HOST"], settings["PORT"] = "127.0.0.1", "9"
    yield
    connection.close()
    settings.update(saved)


def test_a_page_says_the_workspace_is_not_answering_and_nothing_typed_is_lost(
    transactional_db, request
):
    client = Client(raise_request_exception=False)
    client.force_login(UserFactory())
    request.getfixturevalue("unreachable_database")
    started = time.monotonic()
    response = client.get("/notes/")
    assert time.monotonic() - started < 3
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "<title>Error: " in page
    assert "<h1>The workspace is not answering just now</h1>" in page
    assert "Nothing you typed has been lost." in page


def test_healthz_answers_503_at_once(unreachable_database):
    started = time.monotonic()
    response = Client(raise_request_exception=False).get("/healthz")
    assert time.monotonic() - started < 3
    assert response.status_code == 503


def test_other_failures_are_still_a_plain_500(client):
    from bridging_gaps.views import server_error

    try:
        raise ValueError("something else")
    except ValueError:
        response = server_error(None)
    assert response.status_code == 500


def test_psycopgs_own_connection_errors_are_a_503_too(client):
    """Raised where Django does not wrap them (the pool's own threads, a connection closed
    at the end of a request), they still mean the database is away."""
    import psycopg

    from bridging_gaps.views import server_error

    for error in (psycopg.OperationalError("server closed"), psycopg.InterfaceError("closed")):
        try:
            raise error
        except psycopg.Error:
            response = server_error(None)
        assert response.status_code == 503, error


def test_an_error_raised_while_the_database_was_away_is_a_503(client):
    """The session's store, say, failing to load under a lost connection, then tripping over
    its own missing cache: what happened first is what the page says."""
    from django.db import OperationalError

    from bridging_gaps.views import server_error

    try:
        try:
            raise OperationalError("terminating connection due to administrator command")
        except OperationalError:
            raise AttributeError("'SessionStore' object has no attribute '_session_cache'")  # noqa: B904
    except AttributeError:
        response = server_error(None)
    assert response.status_code == 503
