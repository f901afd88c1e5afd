"""Research exports: only items with a current research-use grant, anonymised, recorded for
their owners, valid REFI-QDA, a manifest that holds, a file only its maker downloads, and gone
when it expires. Helpers for reading a made export's files."""

from __future__ import annotations

import csv
import io
import zipfile

from django.core.files.storage import default_storage

from research.models import Export


def zip_of(export: Export) -> zipfile.ZipFile:
    with default_storage.open(export.file_name, "rb") as stored:
        return zipfile.ZipFile(io.BytesIO(stored.read()))


def csv_rows(archive: zipfile.ZipFile) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(archive.read("items.csv").decode("utf-8"))))
