"""The owner's controls: who can see this, stop sharing, who has seen my things, history."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from consent.models import AccessEvent, Audience, Share
from consent.registry import all_kinds
from people.models import ContactDetail
from tests.factories import UserFactory
from tests.factories_items import ContactDetailFactory, NoteFactory
from tests.helpers import share, sign_in_recently

pytestmark = pytest.mark.django_db


@pytest.fixture
def note(cast):
    return NoteFactory(owner=cast.owner, title="Tuesday", body="The secret words")


def share_url(item, kind="note"):
    return reverse("share", args=[kind, item.pk])


def test_share_panel_says_in_plain_words_that_a_new_note_is_private(client, cast, note):
    client.force_login(cast.owner)
    page = client.get(reverse("note_detail", args=[note.pk]))
    assert "Who can see this" in page.text
    assert "Only you can see this." in page.text


def test_others_do_not_see_the_share_panel(client, cast, note):
    share(note, group=False)
    client.force_login(cast.member)
    page = client.get(reverse("note_detail", args=[note.pk]))
    assert page.status_code == 200
    assert "Who can see this" not in page.text


def test_owner_sees_a_preview_sentence_before_anything_changes(client, cast, note):
    sign_in_recently(client, cast.owner)
    page = client.post(
        share_url(note),
        {"who": "some", "audiences": ["gps", "researchers"], "name": "named", "preview": "1"},
    )
    assert page.status_code == 200
    assert "GPs and researchers will see this with your name." in page.text
    assert "Nothing has changed yet." in page.text
    assert not Share.objects.exists()


def test_confirming_saves_the_shares_and_records_who_did_it(client, cast, note):
    sign_in_recently(client, cast.owner)
    response = client.post(
        share_url(note), {"who": "group", "name": "anonymous", "research_use": "on", "confirm": "1"}
    )
    assert response.status_code == 302
    shares = {s.audience: s for s in Share.objects.current().for_item(note)}
    assert set(shares) == {Audience.GROUP, Audience.RESEARCH_USE}
    assert shares[Audience.GROUP].anonymous
    assert shares[Audience.GROUP].granted_by == cast.owner
    page = client.get(reverse("note_detail", args=[note.pk]))
    assert "Everyone in the group can see this without your name" in page.text


def test_sharing_more_widely_asks_for_the_password_again_and_then_carries_on(client, cast, note):
    client.force_login(cast.owner)  # signed in long ago, as far as allauth knows
    response = client.post(
        share_url(note), {"who": "some", "audiences": ["gps"], "name": "named", "confirm": "1"}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not Share.objects.exists()
    resumed = client.post(response["Location"], {"password": "a-long-test-password-1"}, follow=True)
    assert resumed.status_code == 200
    assert Share.objects.current().for_item(note).get().audience == Audience.GPS


def test_stopping_sharing_never_waits_for_a_password(client, cast, note):
    share(note, gps=False, research_use=True)
    client.force_login(cast.owner)
    response = client.post(reverse("stop_sharing", args=["note", note.pk]))
    assert response.status_code == 302
    assert not Share.objects.current().for_item(note).exists()
    page = client.get(response["Location"])
    assert "Only you can see this now." in page.text
    assert "Research exports made before now may include it." in page.text


def test_withdrawal_takes_effect_on_the_very_next_request(client, cast, note):
    share(note, gps=False)
    gp_client = client.__class__()
    gp_client.force_login(cast.gp)
    assert "The secret words" in gp_client.get(reverse("note_detail", args=[note.pk])).text
    client.force_login(cast.owner)
    client.post(reverse("stop_sharing", args=["note", note.pk]))
    response = gp_client.get(reverse("note_detail", args=[note.pk]))
    assert response.status_code == 404
    assert "The secret words" not in response.text


def test_nobody_but_the_owner_can_reach_the_share_page(client, cast, note):
    for person in (cast.member, cast.gp, cast.facilitator, cast.superuser):
        sign_in_recently(client, person)
        assert client.get(share_url(note)).status_code == 404
        response = client.post(share_url(note), {"who": "group", "name": "named", "confirm": "1"})
        assert response.status_code == 404
    assert not Share.objects.exists()


def test_reading_a_shared_note_shows_up_in_the_owners_access_log(client, cast, note):
    share(note, gps=False)
    client.force_login(cast.gp)
    client.get(reverse("note_detail", args=[note.pk]))
    client.force_login(cast.owner)
    page = client.get(reverse("seen"))
    assert "Dr Gita Practitioner" in page.text
    assert "read it" in page.text
    assert "Tuesday" in page.text


def test_the_access_log_is_only_the_owners(client, cast, note):
    share(note, gps=False)
    client.force_login(cast.gp)
    client.get(reverse("note_detail", args=[note.pk]))
    for person in (cast.member, cast.facilitator, cast.superuser):
        client.force_login(person)
        assert "Tuesday" not in client.get(reverse("seen")).text


def test_consent_history_lists_grants_and_withdrawals_newest_first(client, cast, note):
    share(note, gps=False)
    client.force_login(cast.owner)
    client.post(reverse("stop_sharing", args=["note", note.pk]))
    page = client.get(reverse("consent_history")).text
    assert page.index("Stopped sharing with <strong>") < page.index("Shared with <strong>")


def _granted_long_ago(note, count):
    """`count` grants of the note to GPs, a minute apart, the oldest first (straight into the
    ledger: only the history is under test)."""
    start = timezone.now() - timedelta(days=30)
    Share.objects.bulk_create(
        Share(
            item_kind="note",
            item_id=note.pk,
            owner=note.owner,
            audience=Audience.GPS,
            anonymous=False,
            granted_by=note.owner,
            granted_at=start + timedelta(minutes=minute),
        )
        for minute in range(count)
    )


def test_the_sharing_history_goes_back_to_the_first_share_however_long_it_is(client, cast, note):
    _granted_long_ago(note, 1_001)
    first = Share.objects.filter(owner=cast.owner).order_by("granted_at").first()
    client.force_login(cast.owner)
    # 50 a page: the 1,001st from the newest is alone on page 21.
    last = client.get(reverse("consent_history"), {"page": 21})
    assert f"{first.granted_at:%-d %B %Y, %H:%M}" in last.text
    assert last.text.count('class="card"') == 1
    assert "?page=22" not in last.text
    assert "?page=20" in last.text


def history_queries(client, owner, count):
    _granted_long_ago(NoteFactory(owner=owner), count)
    client.force_login(owner)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("consent_history")).status_code == 200
    return [query["sql"] for query in queries]


def test_the_sharing_history_reads_a_page_whatever_the_length_of_the_ledger(client, cast):
    few = history_queries(client, UserFactory(), 3)
    many = history_queries(client, UserFactory(), 200)
    assert len(few) == len(many)
    assert not [sql for sql in many if '"__count"' in sql], "the history counts the ledger"
    # Each read of the ledger is one page (50, and one more to know there is a next) or the
    # rows of that page by their ids.
    for sql in many:
        if '"consent_share"' in sql and '"id" IN' not in sql:
            limit = re.search(r"LIMIT (\d+)", sql)
            assert limit is not None, f"the history reads the whole ledger: {sql}"
            assert int(limit.group(1)) <= 51, f"the history reads more than a page: {sql}"


def test_shared_with_me_shows_the_owner_only_as_the_share_allows(client, cast):
    named = NoteFactory(owner=cast.owner, title="Named one")
    unnamed = NoteFactory(owner=cast.member, title="Unnamed one")
    share(named, gps=False)
    share(unnamed, gps=True)
    client.force_login(cast.gp)
    page = client.get(reverse("shared_with_me")).text
    assert "Olive Owner" in page
    assert "Mina Member" not in page
    assert "a member" in page


def shared_with_me_queries(client, viewer, count):
    owner = UserFactory()
    for note in NoteFactory.create_batch(count, owner=owner):
        share(note, group=False)
    client.force_login(viewer)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("shared_with_me"))
    assert response.status_code == 200
    return len(queries)


def test_shared_with_me_makes_the_same_number_of_queries_for_10_and_200_items(client, cast):
    few = shared_with_me_queries(client, cast.member, 10)
    many = shared_with_me_queries(client, cast.member, 190)
    assert few == many


def test_shared_with_me_query_count_is_pinned(client, cast, django_assert_max_num_queries):
    owner = UserFactory()
    for note in NoteFactory.create_batch(10, owner=owner):
        share(note, group=False)
    client.force_login(cast.member)
    with django_assert_max_num_queries(8):
        client.get(reverse("shared_with_me"))


def test_contact_details_are_shown_per_field_to_the_audiences_chosen(client, cast):
    phone = ContactDetailFactory(owner=cast.owner, value="07700 900111")
    email = ContactDetailFactory(
        owner=cast.owner, kind=ContactDetail.Kind.EMAIL, value="olive@example.org"
    )
    share(phone, facilitators=False)
    share(email, group=False)
    client.force_login(cast.facilitator)
    page = client.get(reverse("people_list")).text
    assert "07700 900111" in page
    assert "olive@example.org" in page
    client.force_login(cast.gp)
    page = client.get(reverse("people_list")).text
    assert "07700 900111" not in page
    assert "olive@example.org" in page


def test_seeing_a_contact_detail_in_the_people_list_is_logged_for_its_owner(client, cast):
    phone = ContactDetailFactory(owner=cast.owner, value="07700 900444")
    share(phone, group=False)
    client.force_login(cast.gp)
    client.get(reverse("people_list"))
    event = AccessEvent.objects.get()
    assert (event.owner, event.viewer, event.item_id, event.how) == (
        cast.owner,
        cast.gp,
        phone.pk,
        AccessEvent.How.LISTED,
    )


def test_people_list_makes_the_same_queries_however_many_people(client, cast):
    share(ContactDetailFactory(owner=UserFactory()), group=False)
    client.force_login(cast.member)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("people_list"))
    for _ in range(30):
        share(ContactDetailFactory(owner=UserFactory()), group=False)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("people_list"))
    assert len(few) == len(many)


def test_the_people_list_comes_in_pages_and_logs_only_the_details_shown(client, cast):
    for number in range(55):
        person = UserFactory(display_name=f"Zz Person {number:02}")
        share(ContactDetailFactory(owner=person, value=f"07700 9{number:05}"), group=False)
    client.force_login(cast.gp)
    first = client.get(reverse("people_list")).text
    assert "Zz Person 00" not in first or "Zz Person 54" not in first
    assert 'href="?page=2"' in first
    logged_first = AccessEvent.objects.count()
    second = client.get(reverse("people_list"), {"page": 2}).text
    assert "Zz Person 54" in second
    total = AccessEvent.objects.count()
    # Each page logs the contact details it showed, and no others.
    assert 0 < logged_first < 55
    assert total == 55


def test_a_new_contact_detail_is_private(client, cast):
    client.force_login(cast.owner)
    client.post(reverse("contact_details"), {"kind": "phone", "value": "07700 900222"})
    client.force_login(cast.facilitator)
    assert "07700 900222" not in client.get(reverse("people_list")).text


# The admin manages structure only. A model joins this list on purpose, never by accident.
STRUCTURE_MODELS = {
    "account.EmailAddress",
    "auth.Group",
    "django_tasks_database.DBTaskResult",
    "mfa.Authenticator",
    "people.Invitation",
    "people.RoleChange",
    "people.User",
}


def test_the_admin_registers_no_item_with_private_content():
    registered = set(admin.site._registry)
    assert not registered & {kind.model for kind in all_kinds()}
    assert {f"{m._meta.app_label}.{m.__name__}" for m in registered} <= STRUCTURE_MODELS


def test_the_admin_never_shows_the_secret_of_an_authenticator_app(client, cast):
    authenticator = Authenticator.objects.get(user=cast.gp)
    secret = authenticator.wrap().instance.data["secret"]
    sign_in_recently(client, cast.superuser)
    page = client.get(reverse("admin:mfa_authenticator_change", args=[authenticator.pk]))
    assert page.status_code == 200
    assert secret not in page.text
    listing = client.get(reverse("admin:mfa_authenticator_changelist"))
    assert secret not in listing.text


def test_the_admin_person_page_shows_no_contact_detail(client, cast):
    ContactDetailFactory(owner=cast.owner, value="07700 900333")
    NoteFactory(owner=cast.owner, body="Admin must not read this")
    sign_in_recently(client, cast.superuser)
    page = client.get(reverse("admin:people_user_change", args=[cast.owner.pk]))
    assert page.status_code == 200
    assert "07700 900333" not in page.text
    assert "Admin must not read this" not in page.text


def test_viewing_a_note_through_the_page_is_logged_once_per_view(client, cast, note):
    share(note, gps=False)
    client.force_login(cast.gp)
    client.get(reverse("note_detail", args=[note.pk]))
    client.get(reverse("note_detail", args=[note.pk]))
    assert AccessEvent.objects.filter(how=AccessEvent.How.VIEWED).count() == 2


def test_sharing_a_contact_detail_returns_to_the_contact_details_and_the_logs_show_it(client, cast):
    detail = ContactDetailFactory(owner=cast.owner, value="07700 900444")
    sign_in_recently(client, cast.owner)
    response = client.post(
        reverse("share", args=["contact", detail.pk]),
        {"who": "some", "audiences": ["members"], "confirm": "1"},
    )
    assert response["Location"] == reverse("contact_details")
    client.force_login(cast.member)
    assert "07700 900444" in client.get(reverse("people_list")).text
    client.force_login(cast.owner)
    assert "Phone number" in client.get(reverse("consent_history")).text
    seen = client.get(reverse("seen"))
    assert seen.status_code == 200
    assert cast.member.display_name in seen.text
