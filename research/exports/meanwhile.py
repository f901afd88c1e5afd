"""What changed while an export was being made.

An export reads its items as they were granted when it started (its consent snapshot), and
a withdrawal or a "no" deletes the export files already made that hold what it took back. An
export still being made is neither: so each change first waits for any export finishing at
that moment (`running_exports_wait`), and each export, as it finishes, looks for what was taken
back since it started (`taken_back_meanwhile`). Whichever comes second sees the other.
"""

from __future__ import annotations

from datetime import datetime

from consent.models import AccessEvent
from consent.policy import record_access_by_ref
from mentions.access import said_no_since_unchecked
from research.analysis.services import project_items_purge
from research.exports.models import Export
from research.exports.recheck import analysis_recheck_for, export_files_withdraw_showing
from research.exports.withdrawal import file_withdraw, withdrawn_since


def running_exports_wait() -> None:
    """Lock every export being made: one finishing now is waited for (then it is done, and
    its file is found like any other); one finishing later waits for this change and sees
    it. Call inside the change's transaction, before anything else is locked."""
    list(Export.objects.select_for_update().filter(status=Export.Status.RUNNING).values("pk"))


def taken_back_meanwhile(export: Export, *, since: datetime) -> None:
    """The export has just been marked done, locked, in its finishing transaction: what its
    items' owners withdrew, or the people they name said no to, since `since` (its snapshot)
    leaves it as it would have left a finished one."""
    gone = list(withdrawn_since(export).values_list("item_kind", "item_id"))
    if export.purpose == Export.Purpose.ANALYSIS:
        for item_kind, item_id in gone:
            project_items_purge(item_kind=item_kind, item_id=item_id)
    elif gone and export.file_name:
        file_withdraw(
            export=export,
            because=Export.Withdrawal.ITEM,
            notice=f"An owner withdrew research use of an item in export "
            f"{export.reference} while it was being made. Its file was deleted from the "
            "server. Make the export again if you need it: the item is left out now.",
            by=None,
            action="research.export.item_withdrawn",
            data={"while_made": True},
        )
        record_access_by_ref(
            viewer=export.created_by,
            refs=gone,
            how=AccessEvent.How.REMOVED_FROM_FILE,
            reference=str(export.id),
        )
        return
    for person_id in said_no_since_unchecked(since):
        if export.purpose == Export.Purpose.FILE:
            export_files_withdraw_showing(person_id=person_id)
        else:
            analysis_recheck_for(person_id=person_id)
