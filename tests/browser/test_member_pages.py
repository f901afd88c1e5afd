"""The pages the member-experience work touched, at 320 px: axe finds nothing, nothing scrolls
sideways, with JavaScript and without."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from meetings import services as meeting_services
from people.models import Role
from tests.browser.conftest import assert_accessible, sign_in_as
from tests.factories import UserFactory
from tests.factories_meetings import FacilitatorFactory, MeetingFactory, in_days
from tests.factories_reflections import write_note
from tests.helpers import share

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_member_pages_fit_a_phone_and_pass_axe(browser, live_server, javascript):
    ruth = UserFactory(display_name="Ruth", roles=[Role.MEMBER])
    faye = FacilitatorFactory(display_name="Faye")
    note = write_note(ruth, body="I felt *heard* today.", title="After Tuesday")
    share(note, group=False, research_use=True)
    past = MeetingFactory(starts_at=in_days(-3), ends_at=in_days(-3, hour=20))
    for days in range(3, 120, 14):
        MeetingFactory(starts_at=in_days(days), ends_at=in_days(days, hour=20))
    meeting_services.attendance_set(meeting=past, present=[ruth], by=faye)

    def visit(person, path, heading):
        context = browser.new_context(
            viewport={"width": 320, "height": 700},
            base_url=live_server.url,
            java_script_enabled=javascript,
        )
        sign_in_as(context, live_server, person)
        page = context.new_page()
        page.goto(path)
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        if javascript:
            assert_accessible(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
        return context, page

    for path, heading in [
        ("/welcome/", "Welcome"),
        ("/notes/", "My notes"),
        ("/", "Hello, Ruth"),
        (f"/sharing/note/{note.pk}/", "Who can see this reflective note?"),
        ("/meetings/", "Meetings"),
        (f"/meetings/{past.pk}/", ""),
        ("/meetings/mine/", "My meetings and payments"),
        ("/account/settings/", "My account"),
    ]:
        context, _ = visit(ruth, path, heading)
        context.close()

    context, page = visit(faye, f"/meetings/{past.pk}/attendance/", "Who came")
    page.get_by_label("Ruth").uncheck()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Take them off the record of who came?"
    )
    expect(page.get_by_text("not given yet is cancelled")).to_be_visible()
    if javascript:
        assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.close()
    context, _ = visit(faye, "/people/manage/", "Manage people")
    context.close()
