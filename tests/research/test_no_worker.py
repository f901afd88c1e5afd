"""An export waiting on the background worker says so when no worker has taken any work for a
minute, instead of waiting "for ever"."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from research.models import Export
from tests.factories_research import draft_export, granted_note, make_project
from tests.helpers import sign_in_recently

NOTICE = "background worker may not be running"


def test_a_queued_export_with_no_worker_for_a_minute_says_so(client, cast, database_tasks):
    project = make_project(cast.researcher)
    granted_note(owner=cast.owner)
    export = draft_export(project, cast.researcher)
    assert export.status == Export.Status.SELECTING  # queued for a worker
    sign_in_recently(client, cast.researcher)
    url = reverse("export_detail", args=[export.pk])

    assert NOTICE not in client.get(url).text  # nothing is waiting yet
    DBTaskResult.objects.all().update(enqueued_at=timezone.now() - timedelta(minutes=2))
    assert DBTaskResult.objects.ready().exists()
    assert NOTICE in client.get(url).text
