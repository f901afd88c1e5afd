"""Nobody widens their own view: not facilitators, not staff, not superusers. Every role
change goes through one service that records it and tells the person, and the whole group
can see who holds which role and every change to it."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from people import services
from people.models import Role, RoleChange
from tests.factories import UserFactory
from tests.factories_items import NoteFactory
from tests.helpers import share, sign_in_recently

pytestmark = pytest.mark.django_db


def test_a_facilitator_cannot_give_herself_a_role_in_the_workspace(client, cast):
    note = NoteFactory(owner=cast.owner, body="Shared with GPs only")
    share(note, gps=False)
    client.force_login(cast.facilitator)

    response = client.post(
        reverse("person_manage", args=[cast.facilitator.pk]),
        {"roles": [Role.SUPPORT_WORKER, Role.GP], "is_facilitator": "on"},
    )

    cast.facilitator.refresh_from_db()
    assert cast.facilitator.roles == [Role.SUPPORT_WORKER]
    assert response.status_code in (200, 302)
    assert not RoleChange.objects.filter(person=cast.facilitator).exists()
    assert client.get(reverse("note_detail", args=[note.pk])).status_code == 404


def test_the_role_service_refuses_a_change_to_ones_own_roles(cast):
    with pytest.raises(PermissionDenied):
        services.person_set_roles(
            person=cast.facilitator, roles=[Role.GP], is_facilitator=True, by=cast.facilitator
        )


def test_a_superuser_cannot_give_herself_or_anyone_a_role_in_the_admin(client, cast):
    sign_in_recently(client, cast.superuser)
    for person in (cast.superuser, cast.member):
        url = reverse("admin:people_user_change", args=[person.pk])
        page = client.get(url)
        assert page.status_code == 200
        assert 'name="roles"' not in page.text
        assert 'name="is_facilitator"' not in page.text
        client.post(
            url,
            {
                "email": person.email,
                "display_name": person.display_name,
                "roles": "gp",
                "is_facilitator": "on",
                "is_active": "on",
            },
        )
        person.refresh_from_db()
        assert Role.GP not in person.roles
        assert not person.is_facilitator


def test_every_role_change_is_recorded_and_the_person_is_told(
    cast, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.person_set_roles(
            person=cast.member,
            roles=[Role.MEMBER, Role.RESEARCHER],
            is_facilitator=False,
            by=cast.facilitator,
        )
    change = RoleChange.objects.get(person=cast.member)
    assert change.changed_by == cast.facilitator
    assert change.roles == [Role.MEMBER, Role.RESEARCHER]
    notice = cast.member.notices.get()
    assert "Researcher" in notice.text
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("Your workspace:")
    assert "Researcher" not in mail.outbox[0].body


def test_the_whole_group_sees_who_holds_which_role_and_every_change(client, cast):
    services.person_set_roles(
        person=cast.member,
        roles=[Role.MEMBER, Role.GP],
        is_facilitator=False,
        by=cast.facilitator,
    )
    client.force_login(UserFactory(roles=[Role.MEMBER]))
    page = client.get(reverse("role_changes"))
    assert page.status_code == 200
    assert cast.member.display_name in page.text
    assert cast.facilitator.display_name in page.text
    assert "GP" in page.text


def test_deleting_a_person_in_the_admin_goes_through_account_deletion(client, cast):
    from datarights.models import Departure

    note = NoteFactory(owner=cast.member, title="Her own words")
    sign_in_recently(client, cast.superuser)
    url = reverse("admin:people_user_delete", args=[cast.member.pk])

    confirm = client.get(url)
    client.post(url, {"post": "yes"})

    assert "Her own words" not in confirm.text
    assert "Reflective note" not in confirm.text
    cast.member.refresh_from_db()
    assert not cast.member.is_active
    departure = Departure.objects.get(person=cast.member)
    assert departure.kind == Departure.Kind.DELETION
    assert type(note).objects.filter(pk=note.pk).exists(), "the admin's cascade ran"


def test_a_person_sees_only_her_own_notices(client, cast):
    services.notice_send(person=cast.member, text="For Mina only")
    client.force_login(cast.gp)
    assert "For Mina only" not in client.get(reverse("notices")).text
    client.force_login(cast.member)
    assert "For Mina only" in client.get(reverse("notices")).text
    assert "1 new thing to know" in client.get(reverse("dashboard")).text
    client.post(reverse("notices"))
    assert "new thing to know" not in client.get(reverse("dashboard")).text


def test_a_superuser_cannot_send_someone_elses_invitation_to_another_address(client, cast):
    """An invitation gives the roles a facilitator chose to the address she typed: moved to
    another address in the admin, it would give them to whoever holds that one."""
    from tests.factories import InvitationFactory

    invitation = InvitationFactory(email="new.gp@example.org", roles=[Role.GP])
    sign_in_recently(client, cast.superuser)
    url = reverse("admin:people_invitation_change", args=[invitation.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="email"' not in page.text
    client.post(url, {"email": "someone.else@example.org", "display_name": "Someone"})
    invitation.refresh_from_db()
    assert invitation.email == "new.gp@example.org"


def test_a_superuser_cannot_move_someones_account_to_another_address(client, cast):
    """Her address is how she signs in and resets her password: moved in the admin, whoever
    holds the new address could reset the password and read everything that is hers."""
    sign_in_recently(client, cast.superuser)
    url = reverse("admin:people_user_change", args=[cast.member.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert cast.member.email in page.text  # shown, to help her sign in
    assert 'name="email"' not in page.text
    client.post(
        url,
        {
            "email": "root.second@example.org",
            "display_name": cast.member.display_name,
            "pronouns": "",
        },
    )
    cast.member.refresh_from_db()
    assert cast.member.email != "root.second@example.org"


def test_a_superuser_cannot_give_someones_account_an_address_of_her_own(client, cast):
    """The sign-in library keeps each account's addresses in a table of its own, and a password
    reset is sent to any verified one: added there, an address of the admin's would reset her
    password as surely as changing the account's own field."""
    sign_in_recently(client, cast.superuser)
    added = client.post(
        reverse("admin:account_emailaddress_add"),
        {"user": cast.member.pk, "email": "root.second@example.org", "verified": "on"},
    )
    assert added.status_code == 403
    assert not EmailAddress.objects.filter(email="root.second@example.org").exists()
    client.post(reverse("account_reset_password"), {"email": "root.second@example.org"})
    reset_links = [m for m in mail.outbox if "/accounts/password/reset/key/" in m.body]
    assert not reset_links


def test_a_superuser_cannot_change_or_verify_an_address_in_the_admin(client, cast):
    address = EmailAddress.objects.create(
        user=cast.member, email="not.yet@example.org", verified=False, primary=False
    )
    sign_in_recently(client, cast.superuser)
    url = reverse("admin:account_emailaddress_change", args=[address.pk])
    page = client.get(url)
    assert page.status_code == 200  # seen, to help her sign in
    assert 'name="email"' not in page.text
    client.post(url, {"user": cast.member.pk, "email": "root.second@example.org", "verified": "on"})
    changelist = reverse("admin:account_emailaddress_changelist")
    client.post(changelist, {"action": "make_verified", "_selected_action": [address.pk]})
    client.post(
        changelist, {"action": "delete_selected", "_selected_action": [address.pk], "post": "yes"}
    )
    address.refresh_from_db()
    assert (address.email, address.verified) == ("not.yet@example.org", False)
