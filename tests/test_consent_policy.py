"""The visibility policy, read as a specification."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Value

from bridging_gaps.append_only import RETENTION_SQL
from consent import policy, services
from consent.models import AccessEvent, Audience, Share, ShareWithdrawal
from people.models import Role
from reflections.models import ReflectiveNote
from tests.factories import UserFactory
from tests.factories_items import NoteFactory
from tests.helpers import share

pytestmark = pytest.mark.django_db


@pytest.fixture
def note(cast):
    return NoteFactory(owner=cast.owner, body="A private thought")


def visible_ids(user):
    return set(ReflectiveNote.objects.visible_to(user).values_list("id", flat=True))


def test_a_new_note_is_seen_by_its_owner_only(cast, note):
    assert policy.can_view(cast.owner, note)
    for name in ("member", "gp", "researcher", "support_worker", "facilitator", "superuser"):
        assert not policy.can_view(getattr(cast, name), note), name


def test_gp_cannot_read_private_note(cast, note):
    assert note.id not in visible_ids(cast.gp)


def test_a_share_with_gps_lets_gps_see_and_nobody_else(cast, note):
    share(note, gps=False)
    assert policy.can_view(cast.gp, note)
    for name in ("member", "researcher", "support_worker", "facilitator", "superuser", "outsider"):
        assert not policy.can_view(getattr(cast, name), note), name


def test_a_share_with_the_whole_group_reaches_everyone_with_a_role(cast, note):
    share(note, group=True)
    for name in ("member", "gp", "researcher", "support_worker", "facilitator"):
        assert policy.can_view(getattr(cast, name), note), name
    for name in ("superuser", "outsider", "deactivated"):
        assert not policy.can_view(getattr(cast, name), note), name


def test_facilitation_gives_nothing_extra(cast, note):
    share(note, members=False)
    assert not policy.can_view(cast.facilitator, note)
    share(note, facilitators=False)
    assert policy.can_view(cast.facilitator, note)


def test_staff_and_superusers_get_nothing_extra(cast, note):
    admin = UserFactory(is_staff=True, is_superuser=True, roles=[])
    assert not policy.can_view(admin, note)
    assert not ReflectiveNote.objects.visible_to(admin).exists()


def test_a_deactivated_person_sees_nothing_not_even_their_own(cast):
    own = NoteFactory(owner=cast.deactivated)
    assert not policy.can_view(cast.deactivated, own)


def test_a_gp_without_two_step_sign_in_sees_nothing_shared(cast, note):
    gp = UserFactory(roles=[Role.GP], mfa=False)
    share(note, gps=False)
    assert not policy.can_view(gp, note)


def test_research_use_alone_lets_nobody_read_the_note(cast, note):
    share(note, research_use=True)
    assert visible_ids(cast.researcher) == set()
    assert list(policy.research_use_granted(ReflectiveNote.objects.all())) == [note]


def test_withdrawal_takes_effect_at_once(cast, note):
    share(note, gps=False)
    assert policy.can_view(cast.gp, note)
    services.shares_withdraw_all(item=note, by=cast.owner)
    assert not policy.can_view(cast.gp, note)


def test_anonymous_share_shows_the_role_not_the_name(cast, note):
    share(note, group=True)
    seen = ReflectiveNote.objects.visible_to(cast.gp).get()
    assert policy.author_label(seen, cast.gp) == "a member"


def test_named_share_wins_over_an_anonymous_one_for_the_same_viewer(cast, note):
    share(note, group=True, gps=False)
    assert policy.author_label(ReflectiveNote.objects.visible_to(cast.gp).get(), cast.gp) == (
        "Olive Owner"
    )
    assert policy.author_label(
        ReflectiveNote.objects.visible_to(cast.member).get(), cast.member
    ) == ("a member")


def test_anonymous_label_names_the_owners_role(cast):
    gp_note = NoteFactory(owner=cast.gp)
    share(gp_note, group=True)
    seen = ReflectiveNote.objects.visible_to(cast.member).get()
    assert policy.author_label(seen, cast.member) == "a GP"


def test_only_the_owner_can_change_who_sees_an_item(cast, note):
    with pytest.raises(PermissionDenied):
        services.shares_set(item=note, wanted={Audience.GROUP: False}, by=cast.facilitator)
    assert not Share.objects.exists()


def test_changing_named_to_anonymous_keeps_both_in_the_ledger(cast, note):
    share(note, gps=False)
    share(note, gps=True)
    shares = list(Share.objects.for_item(note).order_by("granted_at"))
    assert [s.anonymous for s in shares] == [False, True]
    assert ShareWithdrawal.objects.get().share == shares[0]
    assert [s.anonymous for s in Share.objects.current().for_item(note)] == [True]


def test_the_ledger_answers_what_was_shared_at_a_past_moment(cast, note):
    share(note, gps=False)
    moment = Share.objects.get().granted_at
    services.shares_withdraw_all(item=note, by=cast.owner)
    assert Share.objects.current().for_item(note).count() == 0
    assert Share.objects.as_of(moment).for_item(note).count() == 1


@pytest.mark.parametrize("model", [Share, ShareWithdrawal, AccessEvent])
def test_ledger_rows_cannot_be_updated_in_the_database(cast, note, model):
    share(note, gps=False)
    services.shares_withdraw_all(item=note, by=cast.owner)
    policy.record_access(viewer=cast.gp, items=[note], how=AccessEvent.How.VIEWED)
    table = model._meta.db_table
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"UPDATE {table} SET id = id")  # noqa: S608


@pytest.mark.parametrize("model", [Share, ShareWithdrawal, AccessEvent])
def test_ledger_rows_cannot_be_deleted_in_the_database(cast, note, model):
    share(note, gps=False)
    services.shares_withdraw_all(item=note, by=cast.owner)
    policy.record_access(viewer=cast.gp, items=[note], how=AccessEvent.How.VIEWED)
    table = model._meta.db_table
    # Raw SQL: the database itself must refuse, whatever the ORM would have checked.
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608
    assert model.objects.exists()


def test_only_the_retention_job_may_delete_and_it_still_cannot_update(cast, note):
    policy.record_access(viewer=cast.gp, items=[note], how=AccessEvent.How.VIEWED)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(RETENTION_SQL)
        with pytest.raises(DatabaseError), transaction.atomic():
            AccessEvent.objects.update(how="listed")
        AccessEvent.objects.all().delete()
    assert not AccessEvent.objects.exists()


def test_reading_someone_elses_item_is_logged_and_reading_your_own_is_not(cast, note):
    share(note, gps=False)
    policy.record_access(viewer=cast.owner, items=[note], how=AccessEvent.How.VIEWED)
    assert not AccessEvent.objects.exists()
    policy.record_access(viewer=cast.gp, items=[note], how=AccessEvent.How.VIEWED)
    event = AccessEvent.objects.get()
    assert (event.owner, event.viewer, event.item_id) == (cast.owner, cast.gp, note.id)


def test_access_for_each_item_a_query_names_is_logged_once_for_its_owner_and_never_for_mine(cast):
    others = [NoteFactory(owner=cast.owner), NoteFactory(owner=cast.member)]
    mine = NoteFactory(owner=cast.researcher)
    never_shared = NoteFactory(owner=cast.member)
    for note in [*others, mine]:
        # Shared twice over: the ledger holds several rows for each item.
        share(note, research_use=True, group=False)
    refs = ReflectiveNote.objects.filter(pk__in=[n.pk for n in [*others, mine, never_shared]])

    written = policy.record_access_for_each(
        viewer=cast.researcher,
        refs=refs.annotate(item_kind=Value("note"), item_id=F("pk")).values("item_kind", "item_id"),
        how=AccessEvent.How.EXPORTED,
        reference="export-1",
    )

    events = AccessEvent.objects.filter(viewer=cast.researcher)
    assert written == 2
    assert sorted((e.item_id, e.owner_id) for e in events) == sorted(
        (n.pk, n.owner_id) for n in others
    )
    assert {(e.how, e.reference, e.item_kind) for e in events} == {
        (AccessEvent.How.EXPORTED, "export-1", "note")
    }
