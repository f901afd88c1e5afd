"""Withdrawing a made export's file from the server before it expires, and telling its
researcher why: an owner withdrew research use of an item in it (services.py), or someone
named in it said no to research use of passages about them (recheck.py)."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from actionlog.services import log_action
from people.models import User
from research.exports.models import Export, ExportItem
from research.granted import still_granted


def file_withdraw(
    *,
    export: Export,
    because: str,
    notice: str,
    by: User | None,
    action: str,
    data: dict[str, Any],
) -> None:
    """Delete a made export's file from the server (once the transaction is committed), so it
    is never served again as it was, and tell the researcher who made it why. Call inside a
    transaction with the export locked."""
    from people.services import notice_send

    now = timezone.now()
    transaction.on_commit(partial(default_storage.delete, export.file_name))
    export.file_name = ""
    export.file_deleted_at = now
    export.file_withdrawn_at = now
    export.file_withdrawn_because = because
    export.save(
        update_fields=[
            "file_name",
            "file_deleted_at",
            "file_withdrawn_at",
            "file_withdrawn_because",
        ]
    )
    notice_send(
        person=export.created_by,
        text=notice,
        url=reverse("export_detail", args=[export.pk]),
    )
    log_action(by=by, action=action, obj=export, data=data)


def withdrawn_since(export: Export) -> QuerySet[ExportItem]:
    """Items this export included whose owner has withdrawn research use since (or deleted
    the item): the researcher must delete them from every copy."""
    exported = ExportItem.objects.filter(export=export, state=ExportItem.State.EXPORTED)
    return exported.exclude(pk__in=still_granted(exported).values("pk")).order_by(
        "pseudonym", "date", "position"
    )
