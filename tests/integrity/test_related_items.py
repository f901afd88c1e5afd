"""A related item's fields reach a viewer only if the viewer may see that related item."""

from __future__ import annotations

import pytest
from django.urls import reverse

from consent.registry import all_kinds
from interviews.models import Status
from tests.authz.mentions import make_mention
from tests.factories_interviews import add_recording, interview_at
from tests.factories_items import ContactDetailFactory, NoteFactory
from tests.factories_meetings import MinutesFactory
from tests.factories_observation import ObservationNoteFactory
from tests.helpers import share

pytestmark = pytest.mark.django_db


def recording_shared_alone(cast):
    interview = interview_at(
        Status.CONDUCTED, interviewee=cast.owner, topic="Shouted at by the receptionist"
    )
    interview.participant_code = ""
    recording = add_recording(interview)
    share(recording, gps=False)
    return interview, recording


def test_a_recording_shared_on_its_own_tells_nothing_of_its_interview(client, cast):
    interview, recording = recording_shared_alone(cast)
    client.force_login(cast.gp)
    assert client.get(reverse("interview_detail", args=[interview.pk])).status_code == 404

    page = client.get(reverse("recording_detail", args=[recording.pk]))

    assert page.status_code == 200
    assert "Shouted at by the receptionist" not in page.text
    assert "12 May 2026" not in page.text  # the interview's date
    assert reverse("interview_detail", args=[interview.pk]) not in page.text


def test_shared_with_me_titles_a_recording_without_its_interview_for_someone_who_cannot_see_it(
    client, cast
):
    recording_shared_alone(cast)
    client.force_login(cast.gp)

    page = client.get(reverse("shared_with_me"))

    assert "Shouted at by the receptionist" not in page.text
    assert "Interview recording, added" in page.text


def test_the_interviewee_sees_her_recording_titled_by_its_interview(cast):
    from consent.titles import titles_of

    interview, recording = recording_shared_alone(cast)
    assert titles_of([recording], cast.owner)[recording.pk] == f"Recording: {interview.title}"


def make_one_of_each(cast):
    interview = interview_at(Status.CONDUCTED, interviewee=cast.owner, topic="A secret topic")
    return [
        NoteFactory(owner=cast.owner, title="A secret title"),
        interview,
        add_recording(interview),
        MinutesFactory(owner=cast.facilitator, body="A secret body"),
        ObservationNoteFactory(owner=cast.researcher, text="A secret observation"),
        ContactDetailFactory(owner=cast.owner, value="07700 900999", label="A secret label"),
        make_mention(cast.owner, "a secret story"),
    ]


def test_no_kind_of_item_says_anything_of_itself_in_its_str(cast):
    items = make_one_of_each(cast)
    assert {type(item) for item in items} == {kind.model for kind in all_kinds()}
    for item in items:
        text = str(item)
        assert "secret" not in text.lower(), text
        assert "07700" not in text
        assert str(item.pk)[:8] in text


def test_no_text_that_can_name_people_says_anything_of_itself_in_its_str():
    """Parts of minutes and agenda suggestions name people, who decide what others read of
    them (mentions), and the group's sensitive terms are what research must never see: their
    str, which logs and error reports show, says only what they are."""
    from research.names.models import SensitiveTerm
    from tests.factories_meetings import ActionFactory, AgendaItemFactory, DecisionFactory

    for part in [
        DecisionFactory(text="A secret decision about Ruth"),
        ActionFactory(description="A secret action for Ruth"),
        AgendaItemFactory(title="A secret suggestion about Ruth"),
        # A word the group takes out of research: sensitive by what it is.
        SensitiveTerm.objects.create(term="Secret Street Surgery", label="PLACE"),
    ]:
        text = str(part)
        assert "secret" not in text.lower(), text
        assert str(part.pk)[:8] in text
