"""Retention: every registered job removes exactly what is past its time (a second before
its boundary stays, at the boundary goes), every day, through the task worker or cron."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import DatabaseError, transaction
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from consent.models import AccessEvent
from datarights import tasks
from datarights.data_rights import delete_expired_downloads
from datarights.hooks import all_retention_jobs, hook_modules
from datarights.models import DataDownload, Departure
from datarights.services import deletion_request
from people.data_rights import delete_old_invitations
from people.models import Invitation
from reflections.data_rights import delete_old_drafts
from reflections.models import NoteDraft, ReflectiveNote
from reflections.services import note_draft_save
from tests.factories import PASSWORD, InvitationFactory, UserFactory
from tests.factories_datarights import DataDownloadFactory
from tests.factories_reflections import write_note

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
SECOND = timedelta(seconds=1)
JOBS = [
    "form_submissions",
    "invitations",
    "access_log",
    "note_drafts",
    "research_exports",
    "research_orphaned_files",
    "research_withdrawn_copies",
    "receipts",
    "data_downloads",
    "account_deletions",
]


@pytest.fixture
def now():
    return timezone.now()


def test_every_app_plugs_in_through_its_data_rights_module():
    assert [module.__name__ for module in hook_modules()] == [
        "bridging_gaps.data_rights",
        "people.data_rights",
        "consent.data_rights",
        "actionlog.data_rights",
        "meetings.data_rights",
        "reflections.data_rights",
        "interviews.data_rights",
        "research.data_rights",
        "mentions.data_rights",
        "proposals.data_rights",
        "payments.data_rights",
        "safety.data_rights",
        "datarights.data_rights",
    ]
    assert [job.key for job in all_retention_jobs()] == JOBS
    from django.conf import settings

    for job in all_retention_jobs():
        # Safety nets (removing what should already be gone) have no setting of their own.
        if job.setting or job.key not in ("research_withdrawn_copies", "research_orphaned_files"):
            assert isinstance(getattr(settings, job.setting), int), job.setting


def unfinished_note(person, typed_at):
    draft = note_draft_save(owner=person, data={"body": "half a thought"})
    NoteDraft.objects.filter(pk=draft.pk).update(saved_at=typed_at)
    return draft.note


def test_drafts_never_saved_go_exactly_when_their_time_is_up(settings, now):
    person = UserFactory()
    boundary = now - timedelta(days=settings.RETENTION_NOTE_DRAFTS_DAYS)
    gone = unfinished_note(person, boundary)
    kept = unfinished_note(person, boundary + SECOND)
    saved_stale = write_note(person, body="Saved long ago")
    note_draft_save(owner=person, note=saved_stale, data={"body": "changes never saved"})
    NoteDraft.objects.filter(note=saved_stale).update(saved_at=boundary)
    saved_fresh = write_note(person, body="Saved")
    note_draft_save(owner=person, note=saved_fresh, data={"body": "still typing"})
    NoteDraft.objects.filter(note=saved_fresh).update(saved_at=boundary + SECOND)

    assert delete_old_drafts(now) == 2
    assert not ReflectiveNote.objects.filter(pk=gone.pk).exists()
    assert ReflectiveNote.objects.filter(pk=kept.pk).exists()
    # A saved note stays; only the changes never saved go.
    assert ReflectiveNote.objects.filter(pk=saved_stale.pk, body="Saved long ago").exists()
    assert not NoteDraft.objects.filter(note=saved_stale).exists()
    assert NoteDraft.objects.filter(note=saved_fresh).exists()
    assert delete_old_drafts(now) == 0


def test_invitations_never_accepted_go_exactly_when_their_time_is_up(settings, now):
    boundary = now - timedelta(days=settings.RETENTION_INVITATIONS_DAYS)
    expired = InvitationFactory(expires_at=boundary)
    revoked = InvitationFactory(revoked_at=boundary)
    recent = InvitationFactory(expires_at=boundary + SECOND)
    recently_revoked = InvitationFactory(revoked_at=boundary + SECOND)
    accepted = InvitationFactory(
        expires_at=boundary - timedelta(days=400),
        accepted_at=boundary - timedelta(days=410),
        accepted_by=UserFactory(),
    )
    open_one = InvitationFactory()
    assert delete_old_invitations(now) == 2
    assert set(Invitation.objects.values_list("pk", flat=True)) == {
        recent.pk,
        recently_revoked.pk,
        accepted.pk,
        open_one.pk,
    }
    assert not Invitation.objects.filter(pk__in=[expired.pk, revoked.pk]).exists()


def test_old_access_log_entries_go_through_the_one_escape_hatch(settings, now, cast):
    boundary = now - timedelta(days=settings.RETENTION_ACCESS_LOG_DAYS)
    note = write_note(cast.owner)

    def event(at):
        return AccessEvent.objects.create(
            item_kind="note",
            item_id=note.pk,
            owner=cast.owner,
            viewer=cast.member,
            how=AccessEvent.How.VIEWED,
            at=at,
        )

    old, young = event(boundary), event(boundary + SECOND)
    assert_append_only(young)

    from consent.data_rights import delete_old_access_events

    assert delete_old_access_events(now) == 1
    assert list(AccessEvent.objects.values_list("pk", flat=True)) == [young.pk]
    assert not AccessEvent.objects.filter(pk=old.pk).exists()
    # The hatch is shut again afterwards, in the same transaction.
    assert_append_only(young)


def assert_append_only(event):
    for attempt in (
        lambda: AccessEvent.objects.filter(pk=event.pk).delete(),
        lambda: AccessEvent.objects.filter(pk=event.pk).update(how="listed"),
    ):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            attempt()


def test_data_downloads_go_with_their_files_exactly_when_the_link_expires(
    now, django_capture_on_commit_callbacks
):
    gone = DataDownloadFactory(expires_at=now)
    kept = DataDownloadFactory(expires_at=now + SECOND)
    stuck = DataDownloadFactory(
        state=DataDownload.State.WAITING,
        file="",
        expires_at=None,
        requested_at=now - timedelta(days=1),
    )
    waiting = DataDownloadFactory(
        state=DataDownload.State.MAKING,
        file="",
        expires_at=None,
        requested_at=now - timedelta(days=1) + SECOND,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert delete_expired_downloads(now) == 2
    assert set(DataDownload.objects.values_list("pk", flat=True)) == {kept.pk, waiting.pk}
    assert not DataDownload.objects.filter(pk=stuck.pk).exists()
    # Once the deletion is committed, the file goes too.
    assert not default_storage.exists(gone.file)
    assert default_storage.exists(kept.file)


def test_the_daily_run_runs_every_job_and_deletes_accounts_that_are_due(now):
    person = UserFactory()
    departure = deletion_request(person=person, now=now - timedelta(days=14))
    counts = tasks.run_retention(now)
    assert list(counts) == JOBS
    assert counts["account_deletions"] == 1
    departure.refresh_from_db()
    assert departure.erased_at is not None


def test_one_job_failing_does_not_stop_the_others(monkeypatch, now):
    def broken(now):
        raise RuntimeError("disk full")

    monkeypatch.setattr("people.data_rights.delete_old_invitations", broken)
    expired = DataDownloadFactory(expires_at=now)
    with pytest.raises(RuntimeError):
        tasks.run_retention(now)
    assert not DataDownload.objects.filter(pk=expired.pk).exists()


DAILY = "datarights.tasks.daily_data_rights_jobs"


def test_the_daily_run_is_queued_once_for_the_small_hours(database_tasks):
    assert tasks.retention_keep_running()
    assert not tasks.retention_keep_running()
    queued = DBTaskResult.objects.get(task_path=DAILY)
    assert queued.run_after.astimezone(LONDON).time() == time(3)
    assert timezone.now() < queued.run_after <= timezone.now() + timedelta(days=1)


def test_the_next_run_is_tomorrow_once_tonights_has_passed():
    three = datetime(2026, 3, 29, 3, tzinfo=LONDON)  # the night the clocks go forward
    assert tasks.next_daily_run(three - SECOND) == three
    assert tasks.next_daily_run(three) == datetime(2026, 3, 30, 3, tzinfo=LONDON)


def test_the_daily_run_queues_the_next_one_even_after_an_error(database_tasks, monkeypatch):
    def broken(now=None):
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(tasks, "run_retention", broken)
    with pytest.raises(RuntimeError):
        tasks.daily_data_rights_jobs.call()
    assert DBTaskResult.objects.filter(task_path=DAILY).exists()


def test_signing_in_starts_the_daily_run(
    database_tasks, client, django_capture_on_commit_callbacks
):
    UserFactory(email="starter@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_login"), {"login": "starter@example.org", "password": PASSWORD}
        )
    assert DBTaskResult.objects.filter(task_path=DAILY).count() == 1


def test_a_deletion_and_a_download_are_queued_for_their_moment(
    database_tasks, django_capture_on_commit_callbacks
):
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        departure = deletion_request(person=person)
    queued = DBTaskResult.objects.get(task_path="datarights.tasks.erase_account_when_due")
    assert queued.run_after == departure.erase_after
    assert queued.args_kwargs["args"] == [str(departure.pk)]

    download = DataDownloadFactory()
    tasks.schedule_expiry(download)
    queued = DBTaskResult.objects.get(task_path="datarights.tasks.delete_expired_download")
    assert queued.run_after == download.expires_at


def test_the_queued_tasks_do_nothing_before_their_moment(now):
    person = UserFactory()
    departure = deletion_request(person=person)
    assert not tasks.erase_account_when_due.call(str(departure.pk))
    Departure.objects.filter(pk=departure.pk).update(erase_after=now - SECOND)
    assert tasks.erase_account_when_due.call(str(departure.pk))

    download = DataDownloadFactory()
    assert tasks.delete_expired_download.call(str(download.pk)) == 0
    DataDownload.objects.filter(pk=download.pk).update(expires_at=now)
    assert tasks.delete_expired_download.call(str(download.pk)) == 1


def test_the_command_for_cron_runs_every_job_and_can_list_them(now):
    DataDownloadFactory(expires_at=now - SECOND)
    out = StringIO()
    call_command("data_retention", stdout=out)
    assert "data_downloads: 1 removed" in out.getvalue()
    out = StringIO()
    call_command("data_retention", "--list", stdout=out)
    assert "access_log: " in out.getvalue()
    assert "(RETENTION_ACCESS_LOG_DAYS = 730)" in out.getvalue()
