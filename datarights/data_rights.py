"""This app's own part of the data-rights hook: data downloads and deletions that are due."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Q

from datarights.downloads import download_delete
from datarights.erasure import erase_due
from datarights.hooks import RetentionJob
from datarights.models import DataDownload
from people.models import User

# A download still waiting or being made after this long failed somewhere (a worker
# stopped): it is removed so that the person can ask again.
STUCK_AFTER = timedelta(days=1)


@transaction.atomic
def delete_expired_downloads(now: datetime, *, only: str | None = None) -> int:
    """Downloads whose link has expired (ready ones), and ones that never finished."""
    expired = DataDownload.objects.filter(
        Q(expires_at__lte=now)
        | Q(state=DataDownload.State.FAILED, requested_at__lte=now - STUCK_AFTER)
        | Q(
            state__in=[DataDownload.State.WAITING, DataDownload.State.MAKING],
            requested_at__lte=now - STUCK_AFTER,
        )
    )
    if only is not None:
        expired = expired.filter(pk=only)
    downloads = list(expired.select_for_update())
    for download in downloads:
        download_delete(download=download)
    return len(downloads)


def retention_jobs() -> list[RetentionJob]:
    return [
        RetentionJob(
            key="data_downloads",
            description="data downloads whose link has expired (the file and its record)",
            setting="DATA_DOWNLOAD_EXPIRY_HOURS",
            run=delete_expired_downloads,
        ),
        RetentionJob(
            key="account_deletions",
            description="accounts whose cooling-off period is over: deleted",
            setting="ACCOUNT_DELETION_COOLING_OFF_DAYS",
            run=erase_due,
        ),
    ]


def erase(person: User, pseudonym: str) -> None:
    for download in DataDownload.objects.filter(person=person):
        download_delete(download=download)
