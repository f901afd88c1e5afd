"""Minutes are shared through the consent ledger; decisions, actions, "You said, we did"."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from consent.models import AccessEvent, Audience, Share
from meetings.models import Action, Decision, Minutes
from tests.factories_meetings import (
    ActionFactory,
    DecisionFactory,
    FacilitatorFactory,
    MeetingFactory,
    MinutesFactory,
    in_days,
)
from tests.helpers import share

pytestmark = pytest.mark.django_db


@pytest.fixture
def held_meeting():
    return MeetingFactory(starts_at=in_days(-1), ends_at=in_days(-1, hour=20))


def test_the_form_says_who_will_see_the_minutes_with_the_whole_group_preselected(
    client, cast, held_meeting
):
    client.force_login(cast.facilitator)
    page = client.get(reverse("minutes_create", args=[held_meeting.pk])).text
    assert re.search(r'<input type="radio" name="audience" value="group"[^>]*checked>', page)
    assert not re.search(r'value="(facilitators|only_me)"[^>]*checked', page)
    save = page.index("Save the minutes")
    assert page.index("Everyone in the group will see these minutes, with your name") < save


def test_saving_minutes_shares_them_with_the_whole_group_in_the_ledger(client, cast, held_meeting):
    client.force_login(cast.facilitator)
    response = client.post(
        reverse("minutes_create", args=[held_meeting.pk]),
        {"body": "We agreed to write to the practice.", "audience": "group"},
    )
    assert response.status_code == 302
    minutes = Minutes.objects.get()
    assert minutes.owner == cast.facilitator
    grant = Share.objects.current().for_item(minutes).get()
    assert grant.audience == Audience.GROUP
    assert not grant.anonymous
    assert grant.granted_by == cast.facilitator
    client.force_login(cast.member)
    page = client.get(reverse("minutes_detail", args=[minutes.pk])).text
    assert "We agreed to write to the practice." in page
    assert f"Written by {cast.facilitator.display_name}" in page
    # The writer can see who read them.
    assert AccessEvent.objects.filter(
        viewer=cast.member, item_id=minutes.pk, how=AccessEvent.How.VIEWED
    ).exists()


def test_minutes_kept_as_a_draft_are_seen_by_nobody_else(client, cast, held_meeting):
    client.force_login(cast.facilitator)
    client.post(
        reverse("minutes_create", args=[held_meeting.pk]),
        {"body": "Draft text", "audience": "only_me"},
    )
    minutes = Minutes.objects.get()
    assert not Share.objects.for_item(minutes).exists()
    client.force_login(cast.member)
    assert client.get(reverse("minutes_detail", args=[minutes.pk])).status_code == 404
    assert (
        reverse("minutes_detail", args=[minutes.pk])
        not in client.get(reverse("meeting_detail", args=[held_meeting.pk])).text
    )


def test_minutes_for_facilitators_are_not_shown_to_members(client, cast, held_meeting):
    client.force_login(cast.facilitator)
    client.post(
        reverse("minutes_create", args=[held_meeting.pk]),
        {"body": "For facilitators", "audience": "facilitators"},
    )
    minutes = Minutes.objects.get()
    client.force_login(cast.member)
    assert client.get(reverse("minutes_detail", args=[minutes.pk])).status_code == 404


def test_minutes_without_text_are_refused_and_nothing_is_saved(client, cast, held_meeting):
    client.force_login(cast.facilitator)
    response = client.post(
        reverse("minutes_create", args=[held_meeting.pk]), {"body": "", "audience": "group"}
    )
    assert response.status_code == 200
    assert not Minutes.objects.exists()
    assert not Share.objects.exists()


def test_a_facilitator_does_not_read_minutes_not_shared_with_them(client, cast):
    minutes = MinutesFactory(owner=cast.owner, body="Private notes of the meeting")
    action = ActionFactory(minutes=minutes)
    client.force_login(cast.facilitator)
    assert client.get(reverse("minutes_detail", args=[minutes.pk])).status_code == 404
    assert client.get(reverse("action_update", args=[action.pk])).status_code == 404
    assert "Private notes" not in client.get(reverse("you_said_we_did")).text


def test_the_writer_adds_decisions_and_actions(client, cast):
    minutes = MinutesFactory(owner=cast.facilitator)
    client.force_login(cast.facilitator)
    client.post(reverse("decision_add", args=[minutes.pk]), {"text": "Ask for longer appointments"})
    client.post(
        reverse("action_add", args=[minutes.pk]),
        {"description": "Write to the practice", "owner": str(cast.member.pk), "due_on": ""},
    )
    response = client.post(
        reverse("action_add", args=[minutes.pk]), {"description": "Nobody named"}
    )
    assert "Choose who will do it, or write their name." in response.text
    assert "Nobody named" in response.text
    assert Decision.objects.get().text == "Ask for longer appointments"
    action = Action.objects.get()
    assert action.owner == cast.member
    assert action.status == Action.Status.OPEN


def test_facilitators_keep_actions_and_outcomes_up_to_date_for_you_said_we_did(client, cast):
    minutes = MinutesFactory(
        owner=cast.facilitator,
        meeting=MeetingFactory(starts_at=in_days(-30), ends_at=in_days(-30, hour=20)),
    )
    share(minutes, group=False)
    decision = DecisionFactory(minutes=minutes, text="Posters in the waiting room")
    action = ActionFactory(minutes=minutes, description="Design a poster", owner=cast.member)
    other_facilitator = FacilitatorFactory(display_name="Second Facilitator")
    client.force_login(other_facilitator)
    client.post(
        reverse("action_update", args=[action.pk]),
        {"status": "done", "outcome": "Posters are up in two practices"},
    )
    client.post(
        reverse("decision_update", args=[decision.pk]),
        {"outcome": "The practice agreed"},
    )
    action.refresh_from_db()
    assert action.status == "done"
    assert action.updated_by == other_facilitator
    client.force_login(cast.gp)
    page = client.get(reverse("you_said_we_did")).text
    assert "Posters in the waiting room" in page
    assert "The practice agreed" in page
    assert "Design a poster" in page
    assert "Posters are up in two practices" in page
    assert "Done" in page
    assert AccessEvent.objects.filter(viewer=cast.gp, how=AccessEvent.How.LISTED).exists()


def test_members_cannot_update_actions(client, cast):
    minutes = MinutesFactory(owner=cast.facilitator)
    share(minutes, group=False)
    action = ActionFactory(minutes=minutes, owner=cast.member)
    client.force_login(cast.member)
    response = client.post(reverse("action_update", args=[action.pk]), {"status": "done"})
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.status == Action.Status.OPEN


def test_a_meeting_has_one_set_of_minutes(client, cast, held_meeting):
    MinutesFactory(meeting=held_meeting, owner=cast.facilitator)
    client.force_login(cast.facilitator)
    response = client.post(
        reverse("minutes_create", args=[held_meeting.pk]), {"body": "Again", "audience": "group"}
    )
    assert response.status_code == 302
    assert Minutes.objects.count() == 1


def test_the_writer_stops_sharing_from_the_share_panel_and_members_lose_them_at_once(client, cast):
    minutes = MinutesFactory(owner=cast.facilitator, body="Shared then withdrawn")
    share(minutes, group=False)
    client.force_login(cast.facilitator)
    page = client.get(reverse("minutes_detail", args=[minutes.pk])).text
    assert "Everyone in the group can see this with your name." in page
    assert reverse("share", args=["minutes", minutes.pk]) in page
    client.post(reverse("stop_sharing", args=["minutes", minutes.pk]))
    client.force_login(cast.member)
    response = client.get(reverse("minutes_detail", args=[minutes.pk]))
    assert response.status_code == 404
    assert "Shared then withdrawn" not in response.text
