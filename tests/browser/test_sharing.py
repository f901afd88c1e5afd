"""Sharing a note with GPs and taking it back, in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from people.models import Role
from tests.browser.conftest import assert_accessible, sign_in_as
from tests.factories import PASSWORD, UserFactory
from tests.factories_items import NoteFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_owner_shares_with_gps_gp_reads_owner_withdraws_gp_no_longer_can(
    browser, context, page, live_server
):
    owner = UserFactory(email="olive@example.org", display_name="Olive", roles=[Role.MEMBER])
    gp = UserFactory(display_name="Dr Gita", roles=[Role.GP])
    note = NoteFactory(owner=owner, title="After Tuesday", body="I felt heard today.")

    # The owner signs in with her password and opens her note.
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("olive@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto(f"/notes/{note.pk}/")
    panel = page.get_by_role("region", name="Who can see this")
    expect(panel).to_contain_text("Only you can see this.")
    assert_accessible(page)

    # She chooses GPs, with her name, and sees what that means before saving.
    panel.get_by_role("link", name="Change who can see this").click()
    page.get_by_label("Only some people").check()
    page.get_by_label("GPs").check()
    page.get_by_label("Yes, show my name").check()
    assert_accessible(page)
    page.get_by_role("button", name="Check who this means").click()
    expect(page.get_by_role("status")).to_contain_text("GPs will see this with your name.")
    # It names the people that means today.
    expect(page.get_by_text("GPs (1 person)")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, save this").click()

    # Sharing more widely asks for her password again, then carries on.
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Carry on").click()
    expect(page.get_by_role("region", name="Who can see this")).to_contain_text(
        "GPs can see this with your name."
    )

    # A GP reads it, with her name.
    gp_context = browser.new_context(base_url=live_server.url)
    sign_in_as(gp_context, live_server, gp)
    gp_page = gp_context.new_page()
    gp_page.goto(f"/notes/{note.pk}/")
    expect(gp_page.get_by_text("I felt heard today.")).to_be_visible()
    expect(gp_page.get_by_text("By Olive")).to_be_visible()

    # The owner sees that the GP read it.
    page.goto("/sharing/seen/")
    expect(page.get_by_text("Dr Gita")).to_be_visible()
    assert_accessible(page)

    # She stops sharing; the GP's next request finds nothing.
    page.goto(f"/notes/{note.pk}/")
    page.get_by_role("button", name="Stop sharing: only me").click()
    expect(page.get_by_role("status")).to_contain_text("Only you can see this now.")
    gp_page.reload()
    expect(gp_page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert "I felt heard today." not in gp_page.content()
    gp_context.close()
