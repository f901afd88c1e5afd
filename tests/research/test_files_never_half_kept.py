"""A file that fails half-written is removed, and the nightly clean-up removes any file in the
exports folder that no export names."""

from __future__ import annotations

import os
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.utils import timezone

from research.exports.files import EXPORT_FOLDER
from research.exports.services import export_files_delete_orphaned, export_start
from research.models import Export
from tests.factories_research import draft_export, granted_note, made_export, make_project


def test_a_file_no_export_names_is_removed_once_it_is_an_hour_old(cast):
    project = make_project(cast.researcher)
    granted_note(owner=cast.owner)
    export = made_export(project, cast.researcher)
    stray = default_storage.save(f"{EXPORT_FOLDER}/left-behind.zip", ContentFile(b"PK\x03\x04"))
    fresh = default_storage.save(f"{EXPORT_FOLDER}/being-made.zip", ContentFile(b"PK\x03\x04"))
    hour_ago = (timezone.now() - timedelta(hours=2)).timestamp()
    os.utime(default_storage.path(stray), (hour_ago, hour_ago))
    os.utime(default_storage.path(export.file_name), (hour_ago, hour_ago))

    assert export_files_delete_orphaned() == 1
    assert not default_storage.exists(stray)
    assert default_storage.exists(fresh)  # may belong to an export being made now
    assert default_storage.exists(export.file_name)  # named by its export


def test_a_file_that_fails_while_it_is_stored_leaves_nothing_behind(cast, monkeypatch):
    project = make_project(cast.researcher)
    granted_note(owner=cast.owner)
    export = draft_export(project, cast.researcher)
    storage = storages["default"]
    original = storage._save

    def disk_full(name, content):
        original(name, ContentFile(b"PK\x03\x04 partial"))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage, "_save", disk_full)
    export_start(export=export, by=cast.researcher)
    export.refresh_from_db()
    assert export.status == Export.Status.FAILED
    assert not default_storage.exists(f"{EXPORT_FOLDER}/{export.id}.zip")
