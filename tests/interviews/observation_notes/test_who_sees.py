"""Who sees an observation note: its writer, then whom she shares it with (researchers, and
facilitators while the group agrees), every read logged; research exports only with her grant."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from consent.models import AccessEvent, Audience, Share
from consent.policy import research_use_granted
from interviews.models import (
    ObservationNote,
    ObservationSharingDecision,
    observation_note_export_text,
)
from interviews.observation import services
from people.models import Role
from tests.factories import UserFactory
from tests.factories_observation import ObservationNoteFactory, group_agrees
from tests.helpers import share, sign_in_recently

pytestmark = pytest.mark.django_db


def test_a_new_note_is_seen_by_its_writer_only(client, cast, meeting):
    note = services.observation_note_write(
        meeting=meeting, text="Private words", by=cast.researcher
    )
    assert not Share.objects.exists()
    colleague = UserFactory(roles=[Role.RESEARCHER])
    for person in (colleague, cast.facilitator, cast.member):
        client.force_login(person)
        response = client.get(reverse("observation_note_detail", args=[note.pk]))
        assert response.status_code == 404
    client.force_login(cast.researcher)
    page = client.get(reverse("observation_note_detail", args=[note.pk])).text
    assert "Private words" in page
    assert "Only you can see this." in page  # the share panel


def test_reading_a_shared_note_is_logged_for_its_writer(client, cast, meeting):
    note = services.observation_note_write(meeting=meeting, text="Notes", by=cast.researcher)
    share(note, researchers=False)
    colleague = UserFactory(roles=[Role.RESEARCHER])
    client.force_login(colleague)
    client.get(reverse("observation_note_list"))
    client.get(reverse("observation_note_detail", args=[note.pk]))
    hows = set(AccessEvent.objects.filter(owner=cast.researcher).values_list("how", flat=True))
    assert hows == {AccessEvent.How.LISTED, AccessEvent.How.VIEWED}


def test_a_note_cannot_be_shared_with_gps_the_group_or_without_a_name(cast, meeting):
    note = services.observation_note_write(meeting=meeting, text="Notes", by=cast.researcher)
    for wanted in ({Audience.GPS: False}, {Audience.GROUP: False}, {Audience.RESEARCHERS: True}):
        with pytest.raises(ValidationError):
            share(note, **{str(a): anon for a, anon in wanted.items()})


def test_facilitators_are_offered_only_once_the_group_agreed(client, cast, meeting):
    note = services.observation_note_write(meeting=meeting, text="Notes", by=cast.researcher)
    sign_in_recently(client, cast.researcher)
    share_url = reverse("share", args=["observation_note", note.pk])
    page = client.get(share_url).text
    assert " Researchers</label>" in page
    assert " Facilitators</label>" not in page
    assert (
        "Facilitators are not offered"
        in client.get(reverse("observation_note_detail", args=[note.pk])).text
    )
    with pytest.raises(ValidationError, match="cannot be shared with facilitators"):
        share(note, facilitators=False)
    # A facilitators answer sent anyway is not taken.
    client.post(share_url, {"who": "some", "audiences": ["facilitators"], "confirm": "1"})
    assert not Share.objects.filter(audience=Audience.FACILITATORS).exists()

    services.observation_sharing_decide(facilitators_may_read=True, by=cast.facilitator)
    assert " Facilitators</label>" in client.get(share_url).text
    client.post(share_url, {"who": "some", "audiences": ["facilitators"], "confirm": "1"})
    assert Share.objects.current().filter(audience=Audience.FACILITATORS).count() == 1
    client.force_login(cast.facilitator)
    assert client.get(reverse("observation_note_detail", args=[note.pk])).status_code == 200


def test_when_the_group_stops_agreeing_facilitators_stop_seeing_notes_at_once(
    client, cast, meeting
):
    group_agrees()
    note = services.observation_note_write(meeting=meeting, text="Notes", by=cast.researcher)
    share(note, researchers=False, facilitators=False)
    client.force_login(cast.facilitator)
    response = client.post(
        reverse("observation_sharing_change"),
        {"facilitators_may_read": "no", "how_agreed": "Talked about at the meeting in June."},
    )
    assert response.status_code == 302
    assert client.get(reverse("observation_note_detail", args=[note.pk])).status_code == 404
    withdrawn = Share.objects.get(audience=Audience.FACILITATORS)
    assert withdrawn.withdrawal.withdrawn_by == cast.facilitator
    assert "do not read observation notes" in withdrawn.withdrawal.reason
    # Researchers still see it.
    assert Share.objects.current().get().audience == Audience.RESEARCHERS


def test_only_facilitators_record_the_group_decision_and_everyone_in_the_group_reads_it(
    client, cast
):
    client.force_login(cast.researcher)
    response = client.post(reverse("observation_sharing_change"), {"facilitators_may_read": "yes"})
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.observation_sharing_decide(facilitators_may_read=True, by=cast.researcher)
    assert not ObservationSharingDecision.objects.exists()

    client.force_login(cast.facilitator)
    client.post(
        reverse("observation_sharing_change"),
        {"facilitators_may_read": "yes", "how_agreed": "Agreed at the meeting on 4 March."},
    )
    decision = ObservationSharingDecision.objects.get()
    assert (decision.facilitators_may_read, decision.decided_by) == (True, cast.facilitator)
    client.force_login(cast.member)
    page = client.get(reverse("observation_sharing")).text
    assert "Yes: researchers may share observation notes with facilitators." in page
    assert "Agreed at the meeting on 4 March." in page
    assert cast.facilitator.display_name in page


def test_the_decision_form_needs_an_answer(client, cast):
    client.force_login(cast.facilitator)
    response = client.post(reverse("observation_sharing_change"), {"how_agreed": "We talked"})
    assert "Choose yes or no, as the group decided." in response.text
    assert "We talked" in response.text
    assert not ObservationSharingDecision.objects.exists()


def test_a_note_goes_into_research_exports_only_with_its_writers_grant(cast, meeting):
    note = services.observation_note_write(meeting=meeting, text="What I saw", by=cast.researcher)
    assert not research_use_granted(ObservationNote.objects.all()).exists()
    share(note, research_use=True)
    assert list(research_use_granted(ObservationNote.objects.all())) == [note]
    exported = observation_note_export_text(note)
    assert exported.text == "What I saw"
    assert exported.meeting_id == meeting.pk
    assert exported.date == meeting.local_date


def test_audiences_offered_now_change_nothing_for_kinds_without_the_hook(cast, meeting):
    from consent.registry import get_kind
    from tests.factories_interviews import CustodialInterviewFactory

    interview_kind = get_kind("interview")
    assert interview_kind.audiences_now is None
    interview = CustodialInterviewFactory()
    assert interview_kind.audiences_for(interview) == interview_kind.audiences
    note = ObservationNoteFactory(owner=cast.researcher, meeting=meeting)
    note_kind = get_kind("observation_note")
    assert note_kind.audiences_for(note) == (Audience.RESEARCHERS,)
    group_agrees()
    assert note_kind.audiences_for(note) == (Audience.RESEARCHERS, Audience.FACILITATORS)
    group_agrees(agrees=False)
    assert note_kind.audiences_for(note) == (Audience.RESEARCHERS,)
