"""The one way data rights touch an append-only ledger (consent/db.py).

PostgreSQL refuses every UPDATE and DELETE on a ledger table unless the transaction says
`SET LOCAL bridging_gaps.retention = 'on'`, and even then refuses every UPDATE. Two jobs
use that escape hatch, each in a transaction (or savepoint) of its own that switches it
off again before it ends:

- retention: deleting access-log rows older than RETENTION_ACCESS_LOG_DAYS;
- erasure: a ledger row holding words the deleted person typed (the reason she gave for
  withdrawing a consent item) is deleted and inserted again, the same row without them.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction

from consent.db import RETENTION_SQL

_OFF_SQL = "SET LOCAL bridging_gaps.retention = 'off'"


@contextmanager
def ledger_rows_deletable() -> Iterator[None]:
    """Inside: ledger rows may be deleted (never updated). The setting is switched off
    again on the way out, so the rest of an enclosing transaction is protected again;
    on an error the savepoint's rollback undoes it."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(RETENTION_SQL)
        yield
        cursor.execute(_OFF_SQL)
