"""Accounts: email sign-in, invitation-only sign-up, password reset, two-step sign-in."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from people import services
from people.models import Invitation, Role, RoleChange, User
from tests.factories import PASSWORD, InvitationFactory, UserFactory

pytestmark = pytest.mark.django_db


def sign_up(client, invitation, **overrides):
    client.get(reverse("accept_invitation", args=[invitation.token]))
    data = {
        "email": invitation.email,
        "password1": "a-new-long-password-9",
        "password2": "a-new-long-password-9",
        "display_name": "Shell",
        "pronouns": "she/her",
    }
    data.update(overrides)
    return client.post(reverse("account_signup"), data)


def assert_reaches_two_step_set_up(client):
    """Setting up an authenticator first asks for the password again, then shows the form."""
    response = client.get(reverse("mfa_activate_totp"), follow=True)
    assert response.status_code == 200
    final_path = response.redirect_chain[-1][0] if response.redirect_chain else ""
    assert final_path in (
        "",
        reverse("account_reauthenticate") + "?next=" + "%2Faccounts%2F2fa%2Ftotp%2Factivate%2F",
    )
    client.post(final_path, {"password": PASSWORD})
    assert "authenticator app" in client.get(reverse("mfa_activate_totp")).text.lower()


def test_member_signs_in_with_email_and_password_and_reaches_the_dashboard(client):
    person = UserFactory(email="ruth@example.org", display_name="Ruth")
    response = client.post(
        reverse("account_login"), {"login": "ruth@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    page = client.get(reverse("dashboard"))
    assert page.status_code == 200
    assert page.context["user"] == person
    assert "Hello, Ruth" in page.text


def test_wrong_password_is_refused_with_a_plain_message(client):
    UserFactory(email="ruth@example.org")
    response = client.post(reverse("account_login"), {"login": "ruth@example.org", "password": "x"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "There is a problem" in response.text


def test_sign_in_is_rate_limited_after_repeated_failures(client):
    UserFactory(email="ruth@example.org")
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "ruth@example.org", "password": "wrong"})
    response = client.post(
        reverse("account_login"), {"login": "ruth@example.org", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)


def test_sign_out_ends_the_session(client):
    person = UserFactory()
    client.force_login(person)
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302


def test_pages_need_sign_in(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_there_is_no_open_sign_up(client):
    page = client.get(reverse("account_signup"))
    assert "You need an invitation" in page.text
    client.post(
        reverse("account_signup"),
        {
            "email": "stranger@example.org",
            "password1": "a-new-long-password-9",
            "password2": "a-new-long-password-9",
            "display_name": "Stranger",
        },
    )
    assert not User.objects.filter(email="stranger@example.org").exists()


def test_invitation_makes_an_account_with_the_invited_roles_and_a_verified_email(client):
    invitation = InvitationFactory(
        email="shell@example.org", roles=[Role.MEMBER, Role.RESEARCHER], is_facilitator=False
    )
    response = sign_up(client, invitation)
    assert response.status_code == 302
    person = User.objects.get(email="shell@example.org")
    assert person.display_name == "Shell"
    assert person.pronouns == "she/her"
    assert sorted(person.roles) == [Role.MEMBER, Role.RESEARCHER]
    assert EmailAddress.objects.get(user=person).verified
    invitation.refresh_from_db()
    assert invitation.accepted_by == person
    assert RoleChange.objects.filter(person=person, changed_by=invitation.invited_by).exists()


def test_a_first_password_like_the_name_she_chooses_is_refused_and_nothing_is_made(client):
    invitation = InvitationFactory(email="shell@example.org")
    response = sign_up(
        client,
        invitation,
        display_name="Rosalind Ashworth",
        password1="rosalindashworth",
        password2="rosalindashworth",
    )
    assert response.status_code == 200
    assert "too similar" in response.text
    assert 'value="Rosalind Ashworth"' in response.text  # what she typed is kept
    assert not User.objects.filter(email="shell@example.org").exists()


def test_invitation_cannot_be_used_twice(client):
    invitation = InvitationFactory(email="shell@example.org")
    sign_up(client, invitation)
    client.logout()
    response = client.get(reverse("accept_invitation", args=[invitation.token]))
    assert response.status_code == 410
    assert "already been used" in response.text
    assert User.objects.filter(email="shell@example.org").count() == 1


def test_expired_invitation_is_refused(client):
    invitation = InvitationFactory(expires_at=timezone.now() - timedelta(minutes=1))
    response = client.get(reverse("accept_invitation", args=[invitation.token]))
    assert response.status_code == 410
    assert "has ended" in response.text
    assert "You need an invitation" in client.get(reverse("account_signup")).text


def test_invitation_that_expires_between_opening_and_submitting_makes_no_account(client):
    invitation = InvitationFactory(email="late@example.org")
    client.get(reverse("accept_invitation", args=[invitation.token]))
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
    sign_up(client, invitation)
    assert not User.objects.filter(email="late@example.org").exists()


def test_tampered_invitation_link_is_refused(client):
    invitation = InvitationFactory()
    response = client.get(reverse("accept_invitation", args=[invitation.token + "x"]))
    assert response.status_code == 404


def test_invitation_must_be_used_with_the_address_it_was_sent_to(client):
    invitation = InvitationFactory(email="shell@example.org")
    response = sign_up(client, invitation, email="someone-else@example.org")
    assert response.status_code == 200
    assert "sent to a different email address" in response.text
    assert 'value="Shell"' in response.text  # what was typed is kept
    assert not User.objects.filter(email="someone-else@example.org").exists()


def test_facilitator_sends_an_invitation_by_email_with_a_working_link(
    client, cast, django_capture_on_commit_callbacks
):
    client.force_login(cast.facilitator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("invitations"),
            {"email": "new@example.org", "roles": [Role.GP], "display_name": "Dr New"},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="new@example.org")
    assert invitation.invited_by == cast.facilitator
    (message,) = mail.outbox
    assert message.to == ["new@example.org"]
    assert message.subject == "Your workspace: you are invited"
    link = re.search(r"http://testserver(/invite/\S+/)", message.body).group(1)
    client.logout()
    assert client.get(link).status_code == 302


def test_only_facilitators_can_invite(client, cast):
    for person in (cast.member, cast.gp, cast.researcher, cast.support_worker, cast.superuser):
        client.force_login(person)
        response = client.post(reverse("invitations"), {"email": "x@example.org", "roles": ["gp"]})
        assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_password_reset_sends_a_neutral_email_whose_link_sets_a_new_password(client):
    UserFactory(email="ruth@example.org")
    client.post(reverse("account_reset_password"), {"email": "ruth@example.org"})
    (message,) = mail.outbox
    assert message.subject.startswith("Your workspace: ")
    link = re.search(r"http://testserver(/accounts/password/reset/key/\S+/)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"password1": "a-brand-new-password-7", "password2": "a-brand-new-password-7"},
    )
    assert response.status_code == 302
    assert client.login(email="ruth@example.org", password="a-brand-new-password-7")


@pytest.mark.parametrize("role", [Role.GP, Role.RESEARCHER, Role.SUPPORT_WORKER])
def test_privileged_roles_must_set_up_two_step_sign_in_before_anything_else(client, role):
    person = UserFactory(roles=[role], mfa=False)
    client.force_login(person)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert_reaches_two_step_set_up(client)


def test_facilitators_must_set_up_two_step_sign_in(client):
    person = UserFactory(roles=[Role.MEMBER], is_facilitator=True, mfa=False)
    client.force_login(person)
    assert client.get(reverse("people_list"))["Location"] == reverse("mfa_activate_totp")


def test_members_can_use_two_step_sign_in_but_are_not_forced_to(client):
    person = UserFactory(roles=[Role.MEMBER], mfa=False)
    client.force_login(person)
    assert client.get(reverse("dashboard")).status_code == 200
    assert_reaches_two_step_set_up(client)


def test_person_with_two_step_sign_in_is_asked_for_a_code_at_sign_in(client):
    UserFactory(email="gita@example.org", roles=[Role.GP])
    response = client.post(
        reverse("account_login"), {"login": "gita@example.org", "password": PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert "_auth_user_id" not in client.session


def test_deactivated_person_is_signed_out_and_sees_nothing(client, cast):
    client.force_login(cast.member)
    services.person_set_active(person=cast.member, active=False, by=cast.facilitator)
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert client.get(reverse("people_list")).status_code == 302


def test_deactivated_person_cannot_sign_in(client):
    UserFactory(email="dee@example.org", is_active=False)
    client.post(reverse("account_login"), {"login": "dee@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_facilitator_changes_roles_and_the_change_is_recorded(client, cast):
    client.force_login(cast.facilitator)
    response = client.post(
        reverse("person_manage", args=[cast.member.id]),
        {"roles": [Role.MEMBER, Role.RESEARCHER], "is_facilitator": ""},
    )
    assert response.status_code == 302
    cast.member.refresh_from_db()
    assert sorted(cast.member.roles) == [Role.MEMBER, Role.RESEARCHER]
    change = RoleChange.objects.get(person=cast.member)
    assert change.changed_by == cast.facilitator


def test_facilitator_deactivates_a_person(client, cast):
    client.force_login(cast.facilitator)
    client.post(reverse("person_manage", args=[cast.member.id]), {"active": "0"})
    cast.member.refresh_from_db()
    assert not cast.member.is_active


def test_people_other_than_facilitators_cannot_manage_people(client, cast):
    for person in (cast.member, cast.gp, cast.researcher, cast.support_worker, cast.superuser):
        client.force_login(person)
        response = client.post(reverse("person_manage", args=[cast.owner.id]), {"active": "0"})
        assert response.status_code == 403
    cast.owner.refresh_from_db()
    assert cast.owner.is_active


def test_neutral_page_titles_hide_what_the_page_is(client):
    person = UserFactory(neutral_titles=True)
    client.force_login(person)
    page = client.get(reverse("people_list"))
    assert "<title>Workspace</title>" in page.text
    person.neutral_titles = False
    person.save()
    assert "<title>People – Bridging Gaps</title>" in client.get(reverse("people_list")).text


def test_signed_in_pages_are_never_cached(client, cast):
    client.force_login(cast.member)
    response = client.get(reverse("dashboard"))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_quick_exit_signs_the_person_out(client, cast):
    client.force_login(cast.member)
    assert client.post(reverse("quick_exit")).status_code == 302
    assert client.get(reverse("dashboard")).status_code == 302


def test_admin_sign_in_goes_through_two_step_sign_in(client):
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_changing_her_email_address_asks_for_her_password_first(client, cast):
    """Her address is how she resets her password: on a phone someone else picks up while she
    is signed in, changing it would hand them her account."""
    client.force_login(cast.member)  # signed in a while ago: no recent password
    response = client.post(
        reverse("account_email"), {"action_add": "", "email": "someone.else@example.org"}
    )

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email="someone.else@example.org").exists()
