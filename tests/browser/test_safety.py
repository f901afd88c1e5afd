"""Safe on a shared phone, in real Chromium: Exit this page with and without JavaScript, Shift
three times, nothing typed lost, the warning before the session ends, the first-visit page and
where you are signed in, at 320 px with axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from reflections.models import NoteDraft
from tests.browser.conftest import (
    assert_accessible,
    left_for_the_neutral_site,
    sign_in_as,
)
from tests.factories import PASSWORD, UserFactory
from tests.factories_reflections import write_note

pytestmark = pytest.mark.django_db(transaction=True)


def phone(browser, live_server, *, javascript=True):
    context = browser.new_context(
        viewport={"width": 320, "height": 700},
        base_url=live_server.url,
        java_script_enabled=javascript,
    )
    context.set_default_timeout(10_000)
    return context


def sign_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_exit_signs_out_and_back_never_shows_the_workspace(browser, live_server, javascript):
    ruth = UserFactory(email="ruth@example.org", display_name="Ruth")
    note = write_note(ruth, body="Words only Ruth should see")
    context = phone(browser, live_server, javascript=javascript)
    sign_in_as(context, live_server, ruth)
    page = context.new_page()
    page.goto(f"/notes/{note.pk}/")
    expect(page.get_by_text("Words only Ruth should see")).to_be_visible()
    page.get_by_role("link", name="Exit this page").click()
    left_for_the_neutral_site(page)
    page.go_back()
    assert "Words only Ruth should see" not in page.content()
    page.go_forward()
    assert "Words only Ruth should see" not in page.content()
    page.goto(f"/notes/{note.pk}/")
    assert "/accounts/login/" in page.url
    assert "Words only Ruth should see" not in page.content()
    context.close()


@pytest.mark.parametrize(
    "keys", [["ShiftLeft"] * 3, ["ShiftRight"] * 3, ["ShiftLeft", "ShiftRight", "ShiftLeft"]]
)
def test_shift_three_times_left_right_or_mixed_leaves(browser, live_server, keys):
    context = phone(browser, live_server)
    sign_in_as(context, live_server, UserFactory(display_name="Ruth"))
    page = context.new_page()
    page.goto("/")
    page.wait_for_load_state("load")
    for key in keys:
        page.keyboard.press(key)
    left_for_the_neutral_site(page)
    context.close()


def test_typing_capitals_or_holding_shift_does_not_leave(browser, live_server):
    context = phone(browser, live_server)
    sign_in_as(context, live_server, UserFactory(display_name="Ruth"))
    page = context.new_page()
    page.goto("/notes/new/")
    page.wait_for_load_state("load")
    page.get_by_label("Title (optional)").press_sequentially("ABC DEF")
    page.keyboard.down("Shift")
    page.wait_for_timeout(600)
    page.keyboard.up("Shift")
    page.wait_for_timeout(300)
    assert page.url.startswith(live_server.url)
    context.close()


def test_what_was_typed_a_moment_before_exit_is_kept(browser, live_server):
    ruth = UserFactory(email="ruth@example.org", display_name="Ruth")
    context = phone(browser, live_server)
    sign_in_as(context, live_server, ruth)
    page = context.new_page()
    page.goto("/notes/new/")
    page.wait_for_load_state("load")
    words = "I nearly did not come today but I am glad I did"
    page.get_by_label("Your note").fill(words)
    page.get_by_role("link", name="Exit this page").click()
    left_for_the_neutral_site(page)
    draft = NoteDraft.objects.get(note__owner=ruth)
    assert draft.data["body"] == words
    sign_in(page, "ruth@example.org")
    page.goto(f"/notes/{draft.note_id}/edit/")
    expect(page.get_by_label("Your note")).to_have_value(words)
    context.close()


def test_a_warning_comes_before_the_session_ends_and_staying_keeps_it(browser, live_server):
    ruth = UserFactory(display_name="Ruth", idle_minutes=15)
    context = phone(browser, live_server)
    sign_in_as(context, live_server, ruth)
    page = context.new_page()
    page.clock.install()
    page.goto("/")
    warning = page.get_by_role("alertdialog", name="You will be signed out soon")
    expect(warning).to_be_hidden()
    page.clock.fast_forward("12:50")
    expect(warning).to_be_hidden()
    page.clock.fast_forward("00:20")
    expect(warning).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Stay signed in").click()
    expect(warning).to_be_hidden()
    page.clock.fast_forward("12:00")
    expect(warning).to_be_hidden()
    assert page.url.endswith("/")
    context.close()


def test_the_first_sign_in_explains_safety_and_where_you_are_signed_in(browser, live_server):
    UserFactory(email="new@example.org", display_name="Nia", safety_seen_at=None)
    context = phone(browser, live_server)
    page = context.new_page()
    sign_in(page, "new@example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Before you start: staying safe")
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Nia")
    page.goto("/accounts/sessions/")
    expect(page.get_by_text("(this one)")).to_be_visible()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()
