"""Every read of someone else's item is in the owner's access log, exactly: every byte range
of a recording, every page that shows an item's words or an anonymised copy of them, every
download; a page whose text stayed behind a content warning is not a read."""

from __future__ import annotations

import pytest
from django.urls import reverse

from consent.models import AccessEvent
from interviews.models import Status
from research.models import ProjectItem
from tests.factories_interviews import add_recording, interview_at, wav_bytes
from tests.factories_meetings import ActionFactory, DecisionFactory, MinutesFactory
from tests.factories_reflections import write_note
from tests.factories_research import granted_note, made_export, make_project
from tests.helpers import share, sign_in_recently

pytestmark = pytest.mark.django_db


def events(owner, how=None):
    found = AccessEvent.objects.filter(owner=owner)
    return found.filter(how=how) if how else found


def test_every_byte_range_of_a_recording_is_logged(client, cast):
    interview = interview_at(Status.CONDUCTED, interviewee=cast.owner)
    recording = add_recording(interview, wav_bytes(bytes(range(256)) * 20))
    share(recording, gps=False)
    client.force_login(cast.gp)
    url = reverse("recording_audio", args=[recording.pk])
    for wanted in ("bytes=1-", "bytes=0-99", "bytes=100-199", "bytes=-50"):
        assert client.get(url, headers={"range": wanted}).status_code == 206
    client.get(url)

    assert events(cast.owner, AccessEvent.How.PLAYED).count() == 5


@pytest.mark.parametrize("factory", [ActionFactory, DecisionFactory])
def test_an_action_or_decision_page_logs_a_read_of_its_minutes(client, cast, factory):
    minutes = MinutesFactory(owner=cast.owner)
    share(minutes, group=False)
    part = factory(minutes=minutes)
    name = "action_update" if factory is ActionFactory else "decision_update"
    client.force_login(cast.facilitator)

    assert client.get(reverse(name, args=[part.pk])).status_code == 200

    event = events(cast.owner).get()
    assert (event.viewer, event.how, event.item_id) == (
        cast.facilitator,
        AccessEvent.How.VIEWED,
        minutes.pk,
    )


def test_the_coding_page_logs_a_read_of_the_anonymised_copy(client, cast):
    note = granted_note(owner=cast.owner, body="Waiting rooms feel loud.")
    project = make_project(cast.researcher)
    made_export(project, cast.researcher, purpose="analysis")
    item = ProjectItem.objects.get(project=project, item_id=note.pk)
    before = events(cast.owner).count()
    client.force_login(cast.researcher)

    client.get(reverse("item_code", args=[project.pk, item.pk]))
    client.get(reverse("item_code", args=[project.pk, item.pk]))

    assert events(cast.owner).count() == before + 2
    assert events(cast.owner).filter(how=AccessEvent.How.ANALYSED).count() == 2


def test_each_download_of_an_export_file_is_logged_for_every_owner_in_it(client, cast):
    granted_note(owner=cast.owner)
    project = make_project(cast.researcher)
    export = made_export(project, cast.researcher)
    sign_in_recently(client, cast.researcher)

    for _ in range(2):
        response = client.get(reverse("export_download", args=[export.pk]))
        assert response.status_code == 200
        b"".join(response.streaming_content)

    downloads = events(cast.owner, AccessEvent.How.DOWNLOADED)
    assert downloads.count() == 2
    assert set(downloads.values_list("reference", flat=True)) == {str(export.id)}


def test_a_page_whose_text_stayed_behind_a_warning_is_not_a_read(client, cast):
    note = write_note(cast.owner, body="Hard words", content_warning_words="hard things")
    share(note, gps=False)
    client.force_login(cast.gp)

    client.get(reverse("note_detail", args=[note.pk]))
    client.get(reverse("note_detail", args=[note.pk]))
    client.get(reverse("note_read", args=[note.pk]))

    assert events(cast.owner, AccessEvent.How.OPENED).count() == 2
    assert events(cast.owner, AccessEvent.How.VIEWED).count() == 1
    client.force_login(cast.owner)
    seen = client.get(reverse("seen")).text
    assert "the text stayed hidden behind your warning (2 times)" in seen
    assert "read it." in seen
    assert "read it (3 times)" not in seen


def test_the_pieces_a_player_fetched_are_one_line_with_their_number(client, cast):
    interview = interview_at(Status.CONDUCTED, interviewee=cast.owner)
    recording = add_recording(interview, wav_bytes(bytes(range(256)) * 20))
    share(recording, gps=False)
    client.force_login(cast.gp)
    url = reverse("recording_audio", args=[recording.pk])
    for wanted in ("bytes=0-99", "bytes=100-199", "bytes=200-"):
        client.get(url, headers={"range": wanted})
    client.force_login(cast.owner)
    seen = client.get(reverse("seen")).text
    assert "listened to the recording (3 pieces of the file fetched)" in seen
