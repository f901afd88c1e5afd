"""Members suggest agenda items; facilitators accept and order them; the group agreement."""

from __future__ import annotations

import pytest
from django.urls import reverse

from meetings import services
from meetings.agenda import services as agenda_services
from meetings.models import AgendaItem, GroupAgreement
from tests.factories_meetings import AgendaItemFactory, MeetingFactory, in_days

pytestmark = pytest.mark.django_db


def test_a_member_suggests_an_item_that_waits_for_a_facilitator(client, cast):
    meeting = MeetingFactory()
    client.force_login(cast.member)
    page = client.get(reverse("agenda_propose", args=[meeting.pk])).text
    assert "Facilitators see your name with your suggestion" in page
    response = client.post(
        reverse("agenda_propose", args=[meeting.pk]),
        {"title": "Waiting times on the phone", "details": "It takes an hour."},
    )
    assert response.status_code == 302
    item = AgendaItem.objects.get()
    assert item.proposed_by == cast.member
    assert item.status == AgendaItem.Status.PROPOSED
    assert not item.show_name
    # The member sees it as their suggestion; others see nothing yet.
    mine = client.get(reverse("meeting_detail", args=[meeting.pk])).text
    assert "Your suggestions" in mine
    assert "Waiting times on the phone" in mine
    client.force_login(cast.gp)
    assert (
        "Waiting times on the phone"
        not in client.get(reverse("meeting_detail", args=[meeting.pk])).text
    )


def test_a_suggestion_needs_a_title_and_keeps_the_details_typed(client, cast):
    meeting = MeetingFactory()
    client.force_login(cast.member)
    response = client.post(
        reverse("agenda_propose", args=[meeting.pk]), {"title": "", "details": "Kept text"}
    )
    assert response.status_code == 200
    assert "Kept text" in response.text
    assert not AgendaItem.objects.exists()


def test_suggestions_close_when_the_meeting_starts(client, cast):
    meeting = MeetingFactory(starts_at=in_days(-1), ends_at=in_days(-1, hour=20))
    client.force_login(cast.member)
    client.post(reverse("agenda_propose", args=[meeting.pk]), {"title": "Too late"})
    assert not AgendaItem.objects.exists()


def test_facilitator_accepts_and_orders_the_agenda_shown_on_the_meeting_page(client, cast):
    meeting = MeetingFactory()
    first = AgendaItemFactory(meeting=meeting, proposed_by=cast.member, title="Reception desk")
    second = AgendaItemFactory(
        meeting=meeting, proposed_by=cast.owner, title="Longer appointments", show_name=True
    )
    declined = AgendaItemFactory(meeting=meeting, proposed_by=cast.owner, title="Parking")
    client.force_login(cast.facilitator)
    url = reverse("agenda_manage", args=[meeting.pk])
    manage = client.get(url).text
    assert "Reception desk" in manage
    assert cast.member.display_name in manage  # facilitators see who suggested it
    for item in (first, second):
        client.post(url, {"item": str(item.pk), "action": "accepted"})
    client.post(url, {"item": str(declined.pk), "action": "declined"})
    client.post(url, {"item": str(second.pk), "action": "up"})

    client.force_login(cast.gp)
    page = client.get(reverse("meeting_detail", args=[meeting.pk])).text
    assert page.index("Longer appointments") < page.index("Reception desk")
    assert "Parking" not in page
    # A name shows only where its author asked for it.
    assert f"suggested by {cast.owner.display_name}" in page
    assert cast.member.display_name not in page


def test_moving_an_item_past_the_end_changes_nothing(cast):
    meeting = MeetingFactory()
    items = [AgendaItemFactory(meeting=meeting) for _ in range(3)]
    for item in items:
        agenda_services.agenda_decide(item=item, status="accepted", by=cast.facilitator)
    agenda_services.agenda_move(item=items[0], up=True, by=cast.facilitator)
    agenda_services.agenda_move(item=items[1], up=False, by=cast.facilitator)
    order = list(
        AgendaItem.objects.filter(status="accepted")
        .order_by("position")
        .values_list("pk", flat=True)
    )
    assert order == [items[0].pk, items[2].pk, items[1].pk]


def test_every_meeting_page_links_to_the_group_agreement(client, cast):
    meeting = MeetingFactory()
    services.agreement_write(text="We listen.\nWhat is said here stays here.", by=cast.facilitator)
    client.force_login(cast.member)
    assert (
        reverse("group_agreement") in client.get(reverse("meeting_detail", args=[meeting.pk])).text
    )
    page = client.get(reverse("group_agreement")).text
    assert "What is said here stays here." in page


def test_a_facilitator_changes_the_agreement_and_every_version_is_kept(client, cast):
    client.force_login(cast.facilitator)
    client.post(reverse("agreement_change"), {"text": "First version"})
    client.post(reverse("agreement_change"), {"text": "Second version"})
    assert GroupAgreement.objects.count() == 2
    assert "Second version" in client.get(reverse("group_agreement")).text
    client.force_login(cast.member)
    response = client.post(reverse("agreement_change"), {"text": "Mine"})
    assert response.status_code == 403
    assert GroupAgreement.objects.count() == 2


@pytest.mark.parametrize("item", ["not-an-id", "", "00000000-0000-0000-0000-000000000000"])
def test_a_facilitator_posting_an_unknown_agenda_item_gets_404_not_an_error(client, cast, item):
    meeting = MeetingFactory(starts_at=in_days(3))
    client.force_login(cast.facilitator)
    response = client.post(
        reverse("agenda_manage", args=[meeting.pk]), {"item": item, "action": "up"}
    )
    assert response.status_code == 404


def test_an_agenda_item_of_another_meeting_cannot_be_changed_from_this_one(client, cast):
    meeting, other = MeetingFactory(starts_at=in_days(3)), MeetingFactory(starts_at=in_days(17))
    item = AgendaItemFactory(meeting=other)
    client.force_login(cast.facilitator)
    response = client.post(
        reverse("agenda_manage", args=[meeting.pk]), {"item": item.pk, "action": "accepted"}
    )
    assert response.status_code == 404
    item.refresh_from_db()
    assert item.status == AgendaItem.Status.PROPOSED
