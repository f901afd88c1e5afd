"""Who may make, read and download an export, what each owner is told of it, and what
becomes of items withdrawn after it and of exports past their time."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consent import services as consent_services
from consent.models import AccessEvent
from datarights.tasks import run_retention
from people.models import Role
from research.exports.services import exports_delete_expired
from research.exports.withdrawal import withdrawn_since
from research.models import Export
from tests.factories import UserFactory
from tests.factories_research import (
    draft_export,
    granted_note,
    made_export,
    make_project,
)
from tests.helpers import sign_in_recently
from tests.research.exports import csv_rows, zip_of

pytestmark = pytest.mark.django_db


def test_an_item_withdrawn_after_the_export_is_listed_on_the_export_page(client, cast):
    project = make_project(cast.researcher)
    note = granted_note(owner=cast.owner, body="Later withdrawn.")
    granted_note(owner=cast.member, body="Stays.")
    export = made_export(project, cast.researcher)
    assert not withdrawn_since(export).exists()

    consent_services.shares_withdraw_all(item=note, by=cast.owner)

    listed = list(withdrawn_since(export))
    assert [row.item_id for row in listed] == [note.pk]
    row = listed[0]
    rows = csv_rows(zip_of(export))
    in_file = next(line for line in rows if line["source_id"] == str(row.source_id))
    assert in_file["pseudonym"] == row.pseudonym
    client.force_login(cast.researcher)
    body = client.get(reverse("export_detail", args=[export.pk])).content.decode()
    assert "Withdrawn since export: delete these from your copy" in body
    assert str(row.source_id) in body
    assert row.pseudonym in body
    assert "Later withdrawn" not in body


def test_an_item_deleted_by_its_owner_is_listed_as_withdrawn_too(cast):
    project = make_project(cast.researcher)
    note = granted_note(owner=cast.owner)
    export = made_export(project, cast.researcher)
    consent_services.shares_withdraw_unchecked(
        item_kind="note", item_id=note.pk, by=cast.owner, reason="Deleted."
    )
    note_id = note.pk
    note.delete()
    assert [row.item_id for row in withdrawn_since(export)] == [note_id]


def test_each_owner_sees_the_export_in_who_has_seen_my_things(client, cast):
    project = make_project(cast.researcher)
    note = granted_note(owner=cast.owner)
    export = made_export(project, cast.researcher)
    event = AccessEvent.objects.get(how=AccessEvent.How.EXPORTED)
    assert (event.item_id, event.owner, event.viewer) == (note.pk, cast.owner, cast.researcher)
    assert event.reference == str(export.id)

    client.force_login(cast.owner)
    body = client.get(reverse("seen")).content.decode()
    assert "included it in a research export" in body
    assert f"In research export {export.reference}" in body


def test_making_and_downloading_an_export_ask_for_the_password_again(client, cast):
    project = make_project(cast.researcher)
    granted_note(owner=cast.owner)
    export = draft_export(project, cast.researcher)
    client.force_login(cast.researcher)
    response = client.post(reverse("export_start", args=[export.pk]))
    assert response.status_code == 302
    assert "/reauthenticate/" in response["Location"]
    export.refresh_from_db()
    assert export.status == Export.Status.REVIEW

    sign_in_recently(client, cast.researcher)
    client.post(reverse("export_start", args=[export.pk]))
    export.refresh_from_db()
    assert export.status == Export.Status.DONE
    client = Client()
    client.force_login(cast.researcher)
    response = client.get(reverse("export_download", args=[export.pk]))
    assert "/reauthenticate/" in response["Location"]
    sign_in_recently(client, cast.researcher)
    response = client.get(reverse("export_download", args=[export.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    content = b"".join(response.streaming_content)
    assert hashlib.sha256(content).hexdigest() == export.sha256


def test_another_researcher_cannot_download_an_export(client, cast):
    project = make_project(cast.researcher)
    granted_note(owner=cast.owner)
    export = made_export(project, cast.researcher)
    colleague = UserFactory(roles=[Role.RESEARCHER])
    project.researchers.add(colleague)
    stranger = UserFactory(roles=[Role.RESEARCHER])
    for person in (colleague, stranger):
        sign_in_recently(client, person)
        response = client.get(reverse("export_download", args=[export.pk]))
        assert response.status_code == 404
        assert response.get("Content-Disposition") is None
        assert client.get(reverse("export_detail", args=[export.pk])).status_code == 404


def test_a_researcher_who_left_the_project_cannot_download_her_export(client, cast):
    project = make_project(cast.researcher)
    colleague = UserFactory(roles=[Role.RESEARCHER])
    project.researchers.add(colleague)
    granted_note(owner=cast.owner)
    export = made_export(project, cast.researcher)
    project.researchers.remove(cast.researcher)
    sign_in_recently(client, cast.researcher)
    assert client.get(reverse("export_download", args=[export.pk])).status_code == 404


def test_expired_exports_are_gone(client, cast, settings):
    settings.RESEARCH_EXPORT_EXPIRY_HOURS = 72
    project = make_project(cast.researcher)
    granted_note(owner=cast.owner)
    export = made_export(project, cast.researcher)
    name = export.file_name
    assert default_storage.exists(name)
    assert export.expires_at - export.finished_at == pytest.approx(
        timedelta(hours=72), abs=timedelta(seconds=5)
    )

    sign_in_recently(client, cast.researcher)
    assert exports_delete_expired(now=timezone.now() + timedelta(hours=71)) == 0
    assert client.get(reverse("export_download", args=[export.pk])).status_code == 200

    # Past its time the download stops at once, even before the clean-up runs.
    Export.objects.filter(pk=export.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    assert client.get(reverse("export_download", args=[export.pk])).status_code == 404
    assert run_retention()["research_exports"] == 1
    assert not default_storage.exists(name)
    export.refresh_from_db()
    assert (export.status, export.file_name) == (Export.Status.EXPIRED, "")
    assert export.sha256  # the record stays
    assert client.get(reverse("export_download", args=[export.pk])).status_code == 404
    page = client.get(reverse("export_detail", args=[export.pk])).content.decode()
    assert "The file has expired and was deleted" in page


def test_the_preview_shows_replacements_and_flags_and_logs_the_reads(client, cast):
    project = make_project(cast.researcher)
    note = granted_note(owner=cast.owner, title="", body="Olive Owner sat with Karen today.")
    export = draft_export(project, cast.researcher)
    client.force_login(cast.researcher)
    body = client.get(reverse("export_preview", args=[export.pk])).content.decode()
    assert re.search(r'<mark class="mark mark--replaced">P0\d<span', body)
    assert '<mark class="mark mark--flagged">Karen' in body
    assert "Take out “Karen”" in body
    assert "Olive" not in body
    event = AccessEvent.objects.get(item_id=note.pk)
    assert (event.how, event.reference) == (AccessEvent.How.VIEWED, str(export.id))
