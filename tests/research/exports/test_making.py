"""Making an export: its progress, a failure that keeps nothing, its page while it works,
and discarding a draft."""

from __future__ import annotations

import re

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from consent.models import AccessEvent
from research.models import Export, ProjectItem
from tests.factories_research import (
    draft_export,
    granted_note,
    made_export,
    make_project,
)

pytestmark = pytest.mark.django_db


def test_a_failed_export_keeps_nothing_and_says_so(cast, monkeypatch):
    project = make_project(cast.researcher)
    granted_note(owner=cast.owner)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("research.exports.files.write_qdpx", broken)
    export = made_export(project, cast.researcher)
    assert export.status == Export.Status.FAILED
    assert "Nothing was kept" in export.error
    assert not export.file_name
    assert not AccessEvent.objects.filter(how=AccessEvent.How.EXPORTED).exists()
    assert not default_storage.exists(f"research-exports/{export.id}.zip")


def test_the_progress_url_says_how_far_an_export_has_got(client, cast):
    project = make_project(cast.researcher)
    granted_note(owner=cast.owner)
    export = made_export(project, cast.researcher)
    client.force_login(cast.researcher)
    progress = client.get(reverse("export_progress", args=[export.pk])).json()
    assert progress == {
        "status": "done",
        "status_label": "done",
        "done": 1,
        "total": 1,
        "percent": 100,
        "working": False,
    }


def test_while_it_works_the_page_says_to_refresh_and_carries_the_progress_script(client, cast):
    project = make_project(cast.researcher)
    export = Export.objects.create(
        project=project, kinds=["note"], created_by=cast.researcher, progress_total=40
    )
    client.force_login(cast.researcher)
    body = client.get(reverse("export_preview", args=[export.pk])).content.decode()
    assert "refresh it" in body
    assert reverse("export_progress", args=[export.pk]) in body
    assert "js/research-progress.js" in body
    Export.objects.filter(pk=export.pk).update(status=Export.Status.RUNNING, progress_done=10)
    body = client.get(reverse("export_detail", args=[export.pk])).content.decode()
    assert 'value="25"' in body
    assert "10 of 40" in body


def test_an_analysis_copy_that_fails_part_way_logs_every_copy_it_kept(cast, monkeypatch):
    from research.analysis import services as analysis_services

    project = make_project(cast.researcher)
    granted_note(owner=cast.owner)
    granted_note(owner=cast.member)
    real = analysis_services.project_items_store
    calls = []

    def fails_the_second_time(**kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("database went away")
        return real(**kwargs)

    monkeypatch.setattr("research.exports.making.CHUNK", 1)
    monkeypatch.setattr("research.exports.making.project_items_store", fails_the_second_time)
    export = made_export(project, cast.researcher, purpose="analysis")

    assert export.status == Export.Status.FAILED
    assert "1 item went into the analysis before that" in export.error
    kept = ProjectItem.objects.get(project=project)
    event = AccessEvent.objects.get(how=AccessEvent.How.EXPORTED)
    assert event.item_id == kept.item_id


def test_the_export_page_says_what_was_chosen(client, cast):
    project = make_project(cast.researcher)
    granted_note(owner=cast.owner)
    export = made_export(project, cast.researcher, kinds=("note", "minutes"))
    client.force_login(cast.researcher)
    body = client.get(reverse("export_detail", args=[export.pk])).content.decode()
    assert re.search(
        r"<dt>Kinds</dt><dd>(reflective note, minutes|minutes, reflective note)</dd>", body
    )


def test_a_draft_can_be_discarded_but_an_export_that_took_items_out_stays(client, cast):
    project = make_project(cast.researcher)
    granted_note(owner=cast.owner)
    draft = draft_export(project, cast.researcher)
    client.force_login(cast.researcher)
    client.post(reverse("export_discard", args=[draft.pk]))
    assert not Export.objects.filter(pk=draft.pk).exists()

    done = made_export(project, cast.researcher, purpose="analysis")
    Export.objects.filter(pk=done.pk).update(status=Export.Status.FAILED)
    response = client.post(reverse("export_discard", args=[done.pk]), follow=True)
    assert "its record stays" in response.content.decode()
    assert Export.objects.filter(pk=done.pk).exists()
