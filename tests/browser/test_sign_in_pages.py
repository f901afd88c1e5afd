"""The sign-in library's pages are the workspace's own, at 320 px, with axe and no sideways
scrolling: signing in, a forgotten password, typing the password again, two-step sign-in,
changing the email address."""

from __future__ import annotations

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from playwright.sync_api import expect

from people.models import Role
from tests.browser.conftest import assert_accessible, sign_in_as
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

SIGNED_OUT = {
    "/accounts/login/": "Sign in",
    "/accounts/password/reset/": "Set a new password",
    "/accounts/password/reset/done/": "Check your email",
    "/accounts/password/reset/key/1a-not-a-key/": "This link no longer works",
}
SIGNED_IN = {
    "/accounts/reauthenticate/?next=/accounts/password/change/": "Type your password again",
    "/accounts/password/change/": "Change my password",
    "/accounts/2fa/": "Two-step sign-in",
    # Setting up two-step sign-in asks for the password first, and says why.
    "/accounts/2fa/totp/activate/": "Type your password again",
    "/accounts/sessions/": "Where you are signed in",
    "/safety/": "Staying safe",
}


def check(page, path, heading):
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, path


def test_the_sign_in_pages_are_the_workspaces_own(browser, live_server):
    context = browser.new_context(viewport={"width": 320, "height": 700}, base_url=live_server.url)
    page = context.new_page()
    for path, heading in SIGNED_OUT.items():
        check(page, path, heading)
    page.goto("/accounts/login/")
    page.get_by_role("button", name="Sign in").click()
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert page.title() == "Error: Workspace"
    assert_accessible(page)
    sign_in_as(context, live_server, UserFactory(roles=[Role.MEMBER]))
    for path, heading in SIGNED_IN.items():
        check(page, path, heading)
    page.goto("/accounts/2fa/totp/activate/")
    expect(page.get_by_text("to change your two-step sign-in")).to_be_visible()
    context.close()


def test_changing_her_email_address_fits_a_phone_at_every_step(browser, live_server):
    context = browser.new_context(viewport={"width": 320, "height": 700}, base_url=live_server.url)
    page = context.new_page()
    sign_in_as(context, live_server, UserFactory(email="ruth@example.org", roles=[Role.MEMBER]))
    check(page, "/accounts/email/", "Your email address")
    page.get_by_label("New email address").fill("ruth.new@example.org")
    page.get_by_role("button", name="Change my email address").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Type your password again")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Carry on").click()
    expect(page.get_by_role("heading", name="Waiting for you to confirm")).to_be_visible()
    expect(
        page.get_by_text("Until you follow it, you still sign in with ruth@example.org")
    ).to_be_visible()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    address = EmailAddress.objects.get(email="ruth.new@example.org")
    check(
        page,
        f"/accounts/confirm-email/{EmailConfirmationHMAC(address).key}/",
        "Confirm your email address",
    )
    page.get_by_role("button", name="Yes, confirm it").click()
    expect(page.get_by_role("status")).to_contain_text(
        "From now on you sign in with ruth.new@example.org."
    )
    assert_accessible(page)
    check(page, "/accounts/confirm-email/", "Check your email")
    context.close()
