"""Export files are deleted when they expire, by a daily job or a command for cron."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from research import tasks
from research.models import Export
from tests.factories_research import granted_note, made_export, make_project

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }


def test_the_command_deletes_expired_files_once(cast):
    project = make_project(cast.researcher)
    granted_note(owner=cast.owner)
    export = made_export(project, cast.researcher)
    Export.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(hours=1))
    out = StringIO()
    call_command("research_retention", stdout=out)
    assert "1 export files deleted" in out.getvalue()
    assert not default_storage.exists(export.file_name)
    out = StringIO()
    call_command("research_retention", stdout=out)
    assert "0 export files deleted" in out.getvalue()


def test_a_file_not_yet_expired_stays(cast):
    project = make_project(cast.researcher)
    granted_note(owner=cast.owner)
    export = made_export(project, cast.researcher)
    assert tasks.run_retention() == (0, 0)
    assert default_storage.exists(export.file_name)


def test_the_daily_run_is_queued_once_for_the_next_night(database_tasks):
    assert tasks.retention_keep_running()
    assert not tasks.retention_keep_running()
    queued = DBTaskResult.objects.get(task_path="research.tasks.daily_research_jobs")
    assert queued.run_after.astimezone(LONDON).time() == time(3)
    assert timezone.now() < queued.run_after <= timezone.now() + timedelta(days=1)


def test_the_next_run_is_tomorrow_once_tonight_s_has_passed():
    three = datetime(2026, 3, 29, 3, tzinfo=LONDON)
    assert tasks.next_daily_run(three - timedelta(minutes=1)) == three
    assert tasks.next_daily_run(three) == datetime(2026, 3, 30, 3, tzinfo=LONDON)
