"""Export files are deleted when they expire, and analysis copies of withdrawn items go:
both are retention jobs run every night with every app's (datarights/hooks.py)."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from consent.services import shares_withdraw_all
from datarights.tasks import run_retention
from research.models import Export, ProjectItem
from tests.factories_research import granted_note, made_export, make_project

pytestmark = pytest.mark.django_db
SECOND = timedelta(seconds=1)


def test_an_export_file_is_deleted_one_second_after_it_expires_and_not_before(cast):
    project = make_project(cast.researcher)
    granted_note(owner=cast.owner)
    export = made_export(project, cast.researcher)
    expires = export.expires_at

    assert run_retention(expires - SECOND)["research_exports"] == 0
    assert default_storage.exists(export.file_name)

    assert run_retention(expires)["research_exports"] == 1
    assert not default_storage.exists(export.file_name)
    export.refresh_from_db()
    assert (export.status, export.file_name) == (Export.Status.EXPIRED, "")
    assert export.sha256, "the record of the export stays"


def test_the_nightly_command_runs_the_research_jobs_once(cast):
    project = make_project(cast.researcher)
    granted_note(owner=cast.owner)
    export = made_export(project, cast.researcher)
    Export.objects.filter(pk=export.pk).update(expires_at=timezone.now() - SECOND)
    out = StringIO()
    call_command("data_retention", stdout=out)
    assert "research_exports: 1 removed" in out.getvalue()
    out = StringIO()
    call_command("data_retention", stdout=out)
    assert "research_exports: 0 removed" in out.getvalue()


def test_the_safety_net_purges_an_analysis_copy_whose_grant_ended_unnoticed(cast, monkeypatch):
    project = make_project(cast.researcher)
    note = granted_note(owner=cast.owner)
    made_export(project, cast.researcher, purpose=Export.Purpose.ANALYSIS)
    item = ProjectItem.objects.get(project=project, item_id=note.pk)
    assert item.text
    # Withdraw without the signal that purges at once, as if the worker had been down.
    monkeypatch.setattr("research.analysis.services.project_items_purge", lambda **kw: None)
    shares_withdraw_all(item=note, by=cast.owner)
    monkeypatch.undo()
    assert ProjectItem.objects.get(pk=item.pk).text

    assert run_retention()["research_withdrawn_copies"] == 1
    item.refresh_from_db()
    assert item.text == ""
    assert not ProjectItem.objects.in_analysis().filter(pk=item.pk).exists()
