"""Every change to an observation note is recorded with who made it, and the ledgers
cannot be changed."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, transaction
from django.urls import reverse

from consent.models import Share
from interviews.models import (
    ObservationNote,
    ObservationNoteChange,
    ObservationSharingDecision,
)
from interviews.observation import services
from people.models import Role
from tests.factories import UserFactory
from tests.helpers import share
from tests.interviews.observation_notes import (
    write_url,
)

pytestmark = pytest.mark.django_db


def test_every_change_is_recorded_with_who_did_it(client, cast, meeting):
    client.force_login(cast.researcher)
    client.post(write_url(meeting), {"text": "First."})
    note = ObservationNote.objects.get()
    client.post(reverse("observation_note_edit", args=[note.pk]), {"text": "Second."})
    client.post(reverse("observation_note_edit", args=[note.pk]), {"text": "Second."})
    client.post(reverse("observation_note_delete", args=[note.pk]))
    changes = list(
        ObservationNoteChange.objects.order_by("at").values_list("what", "by", "meeting")
    )
    assert changes == [
        ("written", cast.researcher.pk, meeting.pk),
        ("changed", cast.researcher.pk, meeting.pk),
        ("deleted", cast.researcher.pk, meeting.pk),
    ]


def test_deleting_removes_the_text_and_the_ledger_keeps_that_it_existed(client, cast, meeting):
    note = services.observation_note_write(
        meeting=meeting, text="Only in the note.", by=cast.researcher
    )
    share(note, researchers=False)
    client.force_login(cast.researcher)
    page = client.get(reverse("observation_note_delete", args=[note.pk])).text
    assert "Nobody it was shared with can see it any more." in page
    response = client.post(reverse("observation_note_delete", args=[note.pk]))
    assert response["Location"] == reverse("observation_note_list")
    assert not ObservationNote.objects.filter(pk=note.pk).exists()
    share_row = Share.objects.get(item_kind="observation_note", item_id=note.pk)
    assert share_row.withdrawal.withdrawn_by == cast.researcher
    assert ObservationNoteChange.objects.filter(note_id=note.pk, what="deleted").exists()
    client.force_login(cast.gp)
    assert client.get(reverse("observation_note_detail", args=[note.pk])).status_code == 404


def test_only_the_writer_changes_or_deletes_a_note(cast, meeting):
    note = services.observation_note_write(meeting=meeting, text="Notes", by=cast.researcher)
    other = UserFactory(roles=[Role.RESEARCHER])
    with pytest.raises(PermissionDenied):
        services.observation_note_edit(note=note, text="Changed", by=other)
    with pytest.raises(PermissionDenied):
        services.observation_note_delete(note=note, by=other)


def test_the_ledgers_cannot_be_changed_in_the_database(cast, meeting):
    services.observation_note_write(meeting=meeting, text="Notes", by=cast.researcher)
    services.observation_sharing_decide(facilitators_may_read=True, by=cast.facilitator)
    with pytest.raises(DatabaseError), transaction.atomic():
        ObservationNoteChange.objects.update(what="deleted")
    with pytest.raises(DatabaseError), transaction.atomic():
        ObservationNoteChange.objects.all().delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        ObservationSharingDecision.objects.update(facilitators_may_read=False)
    with pytest.raises(DatabaseError), transaction.atomic():
        ObservationSharingDecision.objects.all().delete()
