"""A person's data download: how long its file is kept, and deleting it with its file."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction

from datarights.models import DataDownload


def download_lifetime() -> timedelta:
    return timedelta(hours=settings.DATA_DOWNLOAD_EXPIRY_HOURS)


def download_delete(*, download: DataDownload) -> None:
    """Delete a download and, once that is committed, its file."""
    name = download.file
    download.delete()
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))
