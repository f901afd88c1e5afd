"""Signing in, the dashboard, and "Exit this page" in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, left_for_the_neutral_site
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def ruth(transactional_db):
    return UserFactory(email="ruth@example.org", display_name="Ruth")


def sign_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def test_member_signs_in_and_reaches_the_dashboard(page, ruth):
    page.goto("/accounts/login/")
    assert_accessible(page)
    sign_in(page, "ruth@example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Ruth")
    assert_accessible(page)


def test_login_error_keeps_the_email_typed_and_is_accessible(page, ruth):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill("ruth@example.org")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_label("Email")).to_have_value("ruth@example.org")
    assert_accessible(page)


def test_exit_this_page_button_leaves_for_a_neutral_site_and_signs_out(page, ruth, live_server):
    sign_in(page, "ruth@example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Ruth")
    page.get_by_role("link", name="Exit this page").click()
    left_for_the_neutral_site(page)
    # Back does not return to the workspace page: it was replaced, and the session ended.
    page.go_back()
    assert "Hello, Ruth" not in page.content()
    page.goto("/")
    assert "/accounts/login/" in page.url


def test_pressing_shift_three_times_leaves_the_page(page, ruth):
    sign_in(page, "ruth@example.org")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Ruth")
    # The heading can show before the deferred script has started listening.
    page.wait_for_load_state("load")
    for _ in range(3):
        page.keyboard.press("Shift")
    left_for_the_neutral_site(page)


def test_exit_this_page_works_without_javascript(browser, live_server, ruth):
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Exit this page").click()
    left_for_the_neutral_site(page)
    context.close()


def test_pages_fit_a_320_pixel_wide_phone(page, ruth):
    page.set_viewport_size({"width": 320, "height": 640})
    sign_in(page, "ruth@example.org")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 320
