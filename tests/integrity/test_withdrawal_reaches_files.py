"""When research use is withdrawn, an export file still on the server that holds the item is
no longer served: it is deleted and its page says why; the researcher is told, and the
owner's history says which file."""

from __future__ import annotations

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from consent import services as consent_services
from consent.models import AccessEvent
from research.models import Export
from tests.factories_research import granted_note, made_export, make_project
from tests.helpers import sign_in_recently

pytestmark = pytest.mark.django_db


@pytest.fixture
def export_with_her_note(cast):
    note = granted_note(owner=cast.owner, body="What the waiting room felt like")
    granted_note(owner=cast.member, body="Someone else's words")
    export = made_export(make_project(cast.researcher), cast.researcher)
    assert default_storage.exists(export.file_name)
    return note, export


def test_withdrawing_research_use_deletes_an_export_file_that_holds_the_item(
    client, cast, export_with_her_note, django_capture_on_commit_callbacks
):
    note, export = export_with_her_note
    name = export.file_name

    with django_capture_on_commit_callbacks(execute=True):
        consent_services.shares_withdraw_all(item=note, by=cast.owner)

    export.refresh_from_db()
    assert not default_storage.exists(name)
    assert export.file_name == ""
    assert export.file_withdrawn_at is not None
    sign_in_recently(client, cast.researcher)
    assert client.get(reverse("export_download", args=[export.pk])).status_code == 404
    page = client.get(reverse("export_detail", args=[export.pk])).text
    assert "research use of an item in it was withdrawn" in page


def test_the_researcher_is_told_and_can_make_the_export_again_without_the_item(
    client, cast, export_with_her_note
):
    note, export = export_with_her_note
    consent_services.shares_withdraw_all(item=note, by=cast.owner)

    notice = cast.researcher.notices.get()
    assert export.reference in notice.text
    sign_in_recently(client, cast.researcher)
    response = client.post(reverse("export_remake", args=[export.pk]))
    again = Export.objects.exclude(pk=export.pk).get()
    assert response["Location"] == reverse("export_preview", args=[again.pk])
    assert list(again.items.values_list("item_id", flat=True)) != []
    assert note.pk not in set(again.items.values_list("item_id", flat=True))


def test_the_owner_sees_which_file_was_deleted(client, cast, export_with_her_note):
    note, export = export_with_her_note
    consent_services.shares_withdraw_all(item=note, by=cast.owner)

    event = AccessEvent.objects.get(owner=cast.owner, how=AccessEvent.How.REMOVED_FROM_FILE)
    assert event.reference == str(export.id)
    client.force_login(cast.owner)
    history = client.get(reverse("consent_history")).text
    assert f"research export {export.reference}" in history
    assert export.reference in client.get(reverse("seen")).text


def test_a_file_without_the_item_is_kept(cast, export_with_her_note):
    _, export = export_with_her_note
    other = granted_note(owner=cast.gp, body="Not in that export")
    consent_services.shares_withdraw_all(item=other, by=cast.gp)
    export.refresh_from_db()
    assert export.file_name
    assert export.file_withdrawn_at is None


def test_an_item_withdrawn_while_its_export_is_made_leaves_no_file_behind(
    cast, monkeypatch, django_capture_on_commit_callbacks
):
    from research.exports import making
    from research.exports.services import export_start
    from tests.factories_research import draft_export

    note = granted_note(owner=cast.owner, body="What the waiting room felt like")
    export = draft_export(make_project(cast.researcher), cast.researcher)
    write = making.write_export_zip

    def withdrawn_as_it_is_written(*args, **kwargs):
        tally = write(*args, **kwargs)  # the item is in the file
        consent_services.shares_withdraw_all(item=note, by=cast.owner)
        return tally

    monkeypatch.setattr(making, "write_export_zip", withdrawn_as_it_is_written)
    with django_capture_on_commit_callbacks(execute=True):
        export_start(export=export, by=cast.researcher)

    export.refresh_from_db()
    assert export.status == Export.Status.DONE
    assert export.file_name == ""
    assert export.file_withdrawn_because == Export.Withdrawal.ITEM
    assert export.reference in cast.researcher.notices.get().text
    assert AccessEvent.objects.filter(
        owner=cast.owner, how=AccessEvent.How.REMOVED_FROM_FILE, reference=str(export.id)
    ).exists()
