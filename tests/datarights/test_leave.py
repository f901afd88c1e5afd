"""Leave the group: the person closes her own account, choosing what happens to what she
shared, after the page has said plainly what will happen. Every change goes through the
consent ledger, by her."""

from __future__ import annotations

import pytest
from django.urls import reverse

from consent.models import Audience, Share, ShareWithdrawal
from datarights.models import Departure
from datarights.services import LEFT_REASON
from meetings.models import MeetingSettings, Rsvp
from meetings.services import calendar_link_make
from people.models import Role, RoleChange
from reflections.models import ReflectiveNote
from tests.datarights.everything import build_world
from tests.factories import PASSWORD, UserFactory
from tests.factories_reflections import write_note
from tests.helpers import share

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return build_world()


def pages_showing_her_things(world):
    """(viewer, url, words): pages where someone else sees one of her things now."""
    researcher = UserFactory(roles=[Role.RESEARCHER])
    mine = world.mine.words
    return [
        (world.other, reverse("note_detail", args=[world.note.pk]), mine["body_now"]),
        (world.other, reverse("notes_shared"), world.note.title),
        (world.other, reverse("people_list"), mine["phone"]),
        (world.other, reverse("minutes_detail", args=[world.minutes.pk]), mine["minutes"]),
        (world.other, reverse("you_said_we_did"), mine["decision"]),
        (researcher, reverse("recording_detail", args=[world.recording.pk]), "Recording"),
    ]


def leave(client, person, **choices):
    client.force_login(person)
    return client.post(reverse("leave_group"), {"shared": "withdraw", **choices})


def test_leaving_with_withdraw_all_removes_every_item_from_others_views_on_the_next_request(
    client, world
):
    pages = pages_showing_her_things(world)
    for viewer, url, words in pages:
        client.force_login(viewer)
        response = client.get(url)
        assert response.status_code == 200, url
        assert words in response.text, url

    response = leave(client, world.person)
    assert response["Location"] == reverse("account_login")

    for viewer, url, words in pages:
        client.force_login(viewer)
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert words not in response.text, url
    assert not Share.objects.current().filter(owner=world.person).exists()
    # What others own and shared with her colleagues stays: the interview she conducted.
    assert Share.objects.current().filter(item_id=world.conducted.pk).exists()


def test_every_change_is_in_the_ledger_by_her_with_the_reason(client, world):
    shared_before = Share.objects.current().filter(owner=world.person).count()
    leave(client, world.person)
    withdrawals = ShareWithdrawal.objects.filter(share__owner=world.person)
    assert withdrawals.count() == shared_before
    assert {w.withdrawn_by for w in withdrawals} == {world.person}
    assert {w.reason for w in withdrawals} == {LEFT_REASON}


def test_keeping_things_shared_without_her_name(client, world):
    leave(client, world.person, shared="anonymous")

    client.force_login(world.other)
    page = client.get(reverse("note_detail", args=[world.note.pk]))
    assert page.status_code == 200
    assert world.mine.words["body_now"] in page.text
    assert "a member" in page.text
    assert world.person.display_name not in page.text
    # A phone number cannot be shown without a name: it stops being shared.
    assert world.mine.words["phone"] not in client.get(reverse("people_list")).text
    note_shares = Share.objects.current().filter(item_id=world.note.pk)
    assert {(s.audience, s.anonymous) for s in note_shares} == {(Audience.GROUP, True)}
    assert {s.granted_by for s in note_shares} == {world.person}


def test_research_use_is_withdrawn_unless_she_keeps_it(client, world):
    research = Share.objects.current().filter(owner=world.person, audience=Audience.RESEARCH_USE)
    assert research.exists()
    leave(client, world.person, shared="anonymous", keep_research_use="on")
    assert research.filter(item_id=world.note.pk).exists()


def test_research_use_goes_when_she_does_not_tick_the_box(client, world):
    leave(client, world.person, shared="anonymous")
    assert (
        not Share.objects.current()
        .filter(owner=world.person, audience=Audience.RESEARCH_USE)
        .exists()
    )


def test_the_page_says_plainly_what_will_happen_before_anything_changes(client):
    person = UserFactory(roles=[Role.MEMBER], is_facilitator=False)
    note = write_note(person)
    share(note, group=False, research_use=True)
    client.force_login(person)
    page = client.get(reverse("leave_group"))
    assert "You share 1 thing with other people now." in page.text
    assert "You allow 1 thing in research exports." in page.text
    assert "you cannot sign in again" in page.text
    assert "Nothing you wrote is deleted." in page.text
    assert "Facilitators see that you left, and when." in page.text
    assert "as written by “a member”" in page.text
    assert Share.objects.current().filter(item_id=note.pk).count() == 2
    assert person.is_active


def test_the_only_facilitator_is_told_that_nobody_else_can_invite(client):
    person = UserFactory(roles=[Role.SUPPORT_WORKER], is_facilitator=True)
    client.force_login(person)
    assert "You are the only facilitator." in client.get(reverse("leave_group")).text


def test_a_choice_is_needed_and_nothing_changes_without_one(client):
    person = UserFactory()
    client.force_login(person)
    response = client.post(reverse("leave_group"), {})
    assert response.status_code == 200
    assert "Choose what happens to what you shared." in response.text
    person.refresh_from_db()
    assert person.is_active


def test_leaving_signs_her_out_and_closes_the_account(client, world):
    calendar_link_make(person=world.person)
    response = client.get(leave(client, world.person)["Location"])
    assert "You have left the group" in response.text
    world.person.refresh_from_db()
    assert not world.person.is_active
    assert client.get(reverse("dashboard"))["Location"].startswith(reverse("account_login"))
    last = RoleChange.objects.filter(person=world.person).first()
    assert (last.changed_by, last.is_active) == (world.person, False)
    departure = Departure.objects.get(person=world.person)
    assert departure.kind == Departure.Kind.LEFT
    assert not departure.kept_shared_anonymously
    # Not coming to meetings ahead; the calendar link stops; past answers stay hers.
    assert list(Rsvp.objects.filter(person=world.person).values_list("meeting", flat=True)) == [
        world.attended.pk
    ]
    assert MeetingSettings.objects.get(person=world.person).calendar_token is None
    # Nothing she wrote is deleted.
    assert ReflectiveNote.objects.filter(
        pk=world.note.pk, body=world.mine.words["body_now"]
    ).exists()


def test_someone_who_left_cannot_sign_in_and_is_told_to_ask_a_facilitator(client):
    person = UserFactory(email="left@example.org")
    leave(client, person)
    response = client.post(
        reverse("account_login"), {"login": "left@example.org", "password": PASSWORD}, follow=True
    )
    assert "This account is closed" in response.text
    assert "ask a facilitator" in response.text
    assert not response.wsgi_request.user.is_authenticated


def test_facilitators_see_who_left_and_when_and_nothing_they_wrote(client, world):
    leave(client, world.person, shared="anonymous")
    client.force_login(world.facilitator)
    page = client.get(reverse("departures"))
    assert world.person.display_name in page.text
    assert "Left the group" in page.text
    assert "Account closed" in page.text
    for word in world.mine.all():
        if word not in world.person.display_name:
            assert word not in page.text
    manage = client.get(reverse("person_manage", args=[world.person.pk]))
    assert "left the group on" in manage.text
    assert reverse("departures") in client.get(reverse("people_manage_list")).text
