"""The authorization matrix for passages that name someone: on every page that shows a text
about the group, a pending or taken-out passage naming her reaches nobody but the writer and
her, whoever reads the page, whatever else is shared."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from interviews.observation import services as observation_services
from meetings import services as meeting_services
from meetings.agenda import services as agenda_services
from meetings.minutes import services as minutes_services
from mentions import services
from mentions.models import Mention
from tests.conftest import VIEWER_NAMES
from tests.factories_meetings import FacilitatorFactory, MeetingFactory, in_days
from tests.factories_observation import group_agrees, observed_meeting
from tests.helpers import share

pytestmark = pytest.mark.django_db

STORY = "told the group about the front desk"


def minutes_page(cast, writer):
    meeting = MeetingFactory(starts_at=in_days(-2), ends_at=in_days(-2, hour=20))
    minutes = minutes_services.minutes_write(
        meeting=meeting, body=f"{cast.owner.display_name} {STORY}.", audience="group", by=writer
    )
    return [reverse("minutes_detail", args=[minutes.pk])]


def decision_pages(cast, writer):
    meeting = MeetingFactory(starts_at=in_days(-2), ends_at=in_days(-2, hour=20))
    minutes = minutes_services.minutes_write(
        meeting=meeting, body="Short minutes.", audience="group", by=writer
    )
    decision = minutes_services.decision_add(
        minutes=minutes, text=f"{cast.owner.display_name} {STORY}.", by=writer
    )
    minutes_services.action_add(
        minutes=minutes,
        description=f"Ask {cast.owner.display_name} who {STORY}.",
        owner=None,
        by=writer,
    )
    return [
        reverse("minutes_detail", args=[minutes.pk]),
        reverse("you_said_we_did"),
        reverse("decision_update", args=[decision.pk]),
    ]


def agenda_and_cancellation_pages(cast, writer):
    meeting = MeetingFactory()
    item = agenda_services.agenda_propose(
        meeting=meeting, title=f"Why {cast.owner.display_name} {STORY}", by=writer
    )
    agenda_services.agenda_decide(item=item, status="accepted", by=writer)
    meeting_services.meeting_cancel(
        meeting=meeting, message=f"{cast.owner.display_name} {STORY}.", by=writer
    )
    return [
        reverse("meeting_detail", args=[meeting.pk]),
        reverse("agenda_manage", args=[meeting.pk]),
    ]


def observation_pages(cast, writer):
    group_agrees()
    meeting = observed_meeting(writer, said_yes=[cast.owner])
    note = observation_services.observation_note_write(
        meeting=meeting, text=f"{cast.owner.display_name} {STORY}.", by=writer
    )
    share(note, researchers=False, facilitators=False)
    return [
        reverse("observation_note_detail", args=[note.pk]),
        reverse("observation_note_list"),
        reverse("meeting_observation_notes", args=[meeting.pk]),
    ]


@pytest.mark.parametrize(
    "pages", [minutes_page, decision_pages, agenda_and_cancellation_pages, observation_pages]
)
@pytest.mark.parametrize(
    "state", [Mention.State.PENDING, Mention.State.NAME_OUT, Mention.State.PASSAGE_OUT]
)
def test_a_passage_naming_her_reaches_only_the_writer_and_her(cast, pages, state):
    from people.models import Role

    writer = FacilitatorFactory(display_name="Wendy Writer", roles=[Role.RESEARCHER])
    urls = pages(cast, writer)
    mentions = list(Mention.objects.filter(owner=cast.owner))
    assert mentions
    for mention in mentions:
        if state != Mention.State.PENDING:
            services.mention_answer(mention=mention, state=state, by=cast.owner)
    name = cast.owner.display_name
    for viewer in VIEWER_NAMES:
        person = cast.by_name(viewer)
        client = Client()
        if person is not None:
            client.force_login(person)
        for url in urls:
            body = client.get(url).content.decode()
            assert name not in body, (viewer, url)
            if state == Mention.State.PASSAGE_OUT:
                assert STORY not in body, (viewer, url)
    client = Client()
    client.force_login(writer)
    assert STORY in client.get(urls[0]).content.decode()
    # She reads every passage naming her on its own page, whether or not she may read the text.
    client.force_login(cast.owner)
    for mention in mentions:
        page = client.get(reverse("mention_detail", args=[mention.pk])).content.decode()
        assert STORY in page
