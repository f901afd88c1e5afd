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

from django.db import migrations

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
