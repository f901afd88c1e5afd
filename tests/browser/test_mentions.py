"""When someone else writes your name, in a real browser at 320 px with axe, with and without
JavaScript: the writer is told before saving, the person named answers, a reader sees the effect."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from people.models import Role
from tests.browser.conftest import assert_accessible, sign_in_as
from tests.factories import UserFactory
from tests.factories_meetings import FacilitatorFactory, MeetingFactory, in_days

pytestmark = pytest.mark.django_db(transaction=True)

SENTENCE = "Ruth told the group about being shouted at by name at the front desk."


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_person_named_decides_and_readers_see_her_choice(browser, live_server, javascript):
    ruth = UserFactory(display_name="Ruth", roles=[Role.MEMBER])
    reader = UserFactory(display_name="Mo", roles=[Role.MEMBER])
    faye = FacilitatorFactory(display_name="Faye")
    meeting = MeetingFactory(starts_at=in_days(-2), ends_at=in_days(-2, hour=20))

    def accessible(page):
        # axe runs in the page: checked with JavaScript on; the same pages are served to both.
        if javascript:
            assert_accessible(page)

    def context_for(person):
        context = browser.new_context(
            viewport={"width": 320, "height": 700},
            base_url=live_server.url,
            java_script_enabled=javascript,
        )
        context.set_default_timeout(10_000)
        sign_in_as(context, live_server, person)
        return context

    writer = context_for(faye).new_page()
    writer.goto(f"/meetings/{meeting.pk}/minutes/new/")
    writer.get_by_label("Minutes").fill(f"We talked about reception. {SENTENCE}")
    writer.get_by_role("button", name="Save the minutes").click()
    expect(writer.get_by_text("This names Ruth.")).to_be_visible()
    accessible(writer)
    writer.get_by_role("button", name="Save the minutes").click()
    expect(writer.get_by_role("heading", name="Change the minutes")).to_be_visible()

    named = context_for(ruth).new_page()
    named.goto("/")
    named.get_by_role("link", name="1 new thing to know").click()
    named.get_by_role("link", name="See more").click()
    expect(named.get_by_text(SENTENCE)).to_be_visible()
    accessible(named)
    named.get_by_role("link", name="Answer").click()
    expect(named.get_by_role("heading", level=1)).to_have_text("A passage that names you")
    accessible(named)
    named.get_by_label("Take my name out").check()
    named.get_by_role("button", name="Save my answer").click()
    expect(named.get_by_text("Your answer: your name is taken out.")).to_be_visible()

    page = context_for(reader).new_page()
    page.goto(f"/meetings/{meeting.pk}/")
    page.get_by_role("link", name="Minutes by Faye").click()
    expect(page.get_by_text("a member told the group about being shouted at")).to_be_visible()
    assert "Ruth" not in page.content()
    accessible(page)
