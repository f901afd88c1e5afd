"""Append-only tables, enforced by PostgreSQL itself.

A ledger row may be inserted, never updated or deleted, whatever the code
(or an admin with a SQL prompt through the app's role) tries. The one way to
delete is the retention job, which must say so inside its own transaction:

    SET LOCAL bridging_gaps.retention = 'on';

and can only delete; an UPDATE is always refused. TRUNCATE (used only by the
test suite to empty tables between browser tests) is not a row change and is
not covered.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, migrations, transaction

FUNCTION_SQL = """
CREATE OR REPLACE FUNCTION bridging_gaps_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('bridging_gaps.retention', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""

DROP_FUNCTION_SQL = "DROP FUNCTION IF EXISTS bridging_gaps_append_only();"


def create_function() -> migrations.RunSQL:
    return migrations.RunSQL(FUNCTION_SQL, DROP_FUNCTION_SQL)


def append_only(table: str) -> migrations.RunSQL:
    """A migration operation making `table` append-only."""
    trigger = f"{table}_append_only"
    return migrations.RunSQL(
        f"CREATE TRIGGER {trigger} BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION bridging_gaps_append_only();",
        f"DROP TRIGGER IF EXISTS {trigger} ON {table};",
    )


RETENTION_SQL = "SET LOCAL bridging_gaps.retention = 'on'"


# The one way data rights touch an append-only ledger (above).
#
# PostgreSQL refuses every UPDATE and DELETE on a ledger table unless the transaction says
# `SET LOCAL bridging_gaps.retention = 'on'`, and even then refuses every UPDATE. Two jobs
# use that escape hatch, each in a transaction (or savepoint) of its own that switches it
# off again before it ends:
#
# - retention: deleting access-log rows older than RETENTION_ACCESS_LOG_DAYS;
# - erasure: a ledger row holding words the deleted person typed (the reason she gave for
#   withdrawing a consent item) is deleted and inserted again, the same row without them.
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
