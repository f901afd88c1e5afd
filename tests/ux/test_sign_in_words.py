"""The sign-in library speaks in the workspace's words: every page and every message it shows,
in every state a person can reach, comes from the workspace's own templates, never from the
library's (American, technical, and written for a shop: "Successfully signed in as …",
"Verify Your Email Address … to finalize the signup process")."""

from __future__ import annotations

import re
from pathlib import Path

import allauth
import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.conf import settings
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, UserFactory
from tests.helpers import library_templates_in, sign_in_recently

pytestmark = pytest.mark.django_db

OURS = Path(settings.BASE_DIR) / "templates"
LIBRARY = Path(allauth.__file__).parent / "templates"
# Messages and emails of what the workspace never turns on: codes instead of a password or a
# link, phones, security keys.
NEVER_SENT = {
    "account/messages/login_code_sent.txt",
    "account/messages/phone_verification_sent.txt",
    "account/messages/phone_verified.txt",
    "account/email/login_code_message.txt",
    "account/email/password_reset_code_message.txt",
    "mfa/messages/webauthn_added.txt",
    "mfa/messages/webauthn_removed.txt",
    "mfa/email/webauthn_added_message.txt",
    "mfa/email/webauthn_added_subject.txt",
    "mfa/email/webauthn_removed_message.txt",
    "mfa/email/webauthn_removed_subject.txt",
}


def shown(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def check(response) -> str:
    assert response.status_code == 200, response.status_code
    assert library_templates_in(response) == []
    return shown(response)


def test_every_message_and_email_the_library_can_send_is_in_the_workspaces_words():
    library = {
        str(path.relative_to(LIBRARY))
        for folder in ("account/messages", "mfa/messages", "account/email", "mfa/email")
        for path in (LIBRARY / folder).glob("*.txt")
    }
    assert library, "the library keeps its messages somewhere else now"
    missing = sorted(name for name in library - NEVER_SENT if not (OURS / name).exists())
    assert missing == []


def test_signing_in_and_out_say_so_in_plain_words(client):
    UserFactory(email="ruth@example.org", display_name="Ruth")
    signed_in = check(
        client.post(
            reverse("account_login"),
            {"login": "ruth@example.org", "password": PASSWORD},
            follow=True,
        )
    )
    assert "You are signed in." in signed_in
    assert "Successfully" not in signed_in
    signed_out = check(client.post(reverse("account_logout"), follow=True))
    assert "You are signed out." in signed_out


def on_the_email_page(client, action: str, email: str = "ruth.new@example.org"):
    """A button on "Your email address" pressed for this address, and where it leads."""
    return client.post(reverse("account_email"), {action: "", "email": email}, follow=True)


def test_changing_her_email_address_speaks_the_workspaces_words_at_every_step(client, cast):
    sign_in_recently(client, cast.member)
    page = check(client.get(reverse("account_email")))
    assert "Your email address" in page
    assert cast.member.email in page

    asked = check(on_the_email_page(client, "action_add"))
    assert "We sent a link to ruth.new@example.org" in asked
    assert f"Until you follow it, you still sign in with {cast.member.email}." in asked
    assert "style=" not in client.get(reverse("account_email")).content.decode()

    check(on_the_email_page(client, "action_send"))
    cancelled = check(on_the_email_page(client, "action_remove"))
    assert "ruth.new@example.org will not be used." in cancelled
    assert not EmailAddress.objects.filter(email="ruth.new@example.org").exists()
    sent = [message.body for message in mail.outbox if message.to == ["ruth.new@example.org"]]
    assert sent  # a second link within three minutes is not sent (allauth's rate limit)
    for body in sent:
        assert "Someone asked to use this email address for their account." in body
        assert "register an account" not in body
        assert cast.member.display_name not in body


def test_confirming_a_new_address_speaks_the_workspaces_words(client, cast):
    sign_in_recently(client, cast.member)
    on_the_email_page(client, "action_add")
    check(client.get(reverse("account_email_verification_sent")))

    address = EmailAddress.objects.get(email="ruth.new@example.org")
    key = EmailConfirmationHMAC(address).key
    url = reverse("account_confirm_email", args=[key])
    asked = check(client.get(url))
    assert "Confirm your email address" in asked
    assert "ruth.new@example.org" in asked

    done = check(client.post(url, follow=True))
    assert "From now on you sign in with ruth.new@example.org." in done
    told = [message for message in mail.outbox if message.to == [cast.member.email]]
    assert [message.subject for message in told] == [
        "Your workspace: your email address was changed"
    ]
    assert "If this was not you, set a new password now" in told[0].body
    assert "proper security precautions" not in told[0].body
    assert re.search(r"When: \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d\n", told[0].body)
    assert "Browser" not in told[0].body
    assert "IP address" not in told[0].body

    used = check(client.get(url))
    assert "This link has expired or was used already." in used


def test_a_link_for_an_address_another_account_uses_changes_nothing_and_says_so(client, cast):
    """The link goes to the address's holder, who may be the one using it already."""
    sign_in_recently(client, cast.member)
    on_the_email_page(client, "action_add", cast.gp.email)
    address = EmailAddress.objects.get(email=cast.gp.email, user=cast.member)
    url = reverse("account_confirm_email", args=[EmailConfirmationHMAC(address).key])
    page = check(client.get(url))
    assert "An account in the workspace uses this email address already" in page
    assert "Nothing has changed." in page
    client.post(url)
    assert EmailAddress.objects.get(email=cast.gp.email, user=cast.gp).verified
    assert not EmailAddress.objects.get(pk=address.pk).verified


def test_the_page_that_says_a_link_was_sent_is_the_workspaces_own(client):
    page = check(client.get(reverse("account_email_verification_sent")))
    assert "Check your email" in page
    assert "finalize" not in page


def test_changing_her_password_says_so_in_plain_words(client, cast):
    sign_in_recently(client, cast.member)
    page = check(
        client.post(
            reverse("account_change_password"),
            {
                "oldpassword": PASSWORD,
                "password1": "a-new-long-password-2",
                "password2": "a-new-long-password-2",
            },
            follow=True,
        )
    )
    assert "Your password is changed." in page


def test_the_rules_for_a_new_password_are_short_and_plain(client, cast):
    """Under every new password (the first one, from an invitation, included): what it needs,
    in a few words each, not Django's four sentences of what it "can't be"."""
    sign_in_recently(client, cast.member)
    page = check(client.get(reverse("account_change_password")))
    for rule in (
        "At least 8 characters.",
        "Not only numbers.",
        "Not a password many people use.",
        "Not like your name or email address.",
    ):
        assert rule in page
    assert "can’t" not in page
    assert "personal information" not in page


def test_a_password_like_the_name_she_shows_is_refused(client):
    person = UserFactory(display_name="Rosalind Ashworth", email="r@example.org")
    sign_in_recently(client, person)
    page = client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "rosalindashworth", "password2": "rosalindashworth"},
    )
    assert page.status_code == 200
    assert "too similar" in page.text
    person.refresh_from_db()
    assert person.check_password(PASSWORD)
