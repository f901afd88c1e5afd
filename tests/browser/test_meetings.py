"""Meetings in a real browser, phone-sized: a facilitator plans a series, a member
answers and suggests an agenda item; every meeting page passes axe."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings import services
from meetings.minutes import services as minutes_services
from meetings.models import AgendaItem, Meeting, Minutes
from people.models import Role
from tests.browser.conftest import assert_accessible, sign_in_as
from tests.factories import UserFactory
from tests.factories_meetings import (
    ActionFactory,
    DecisionFactory,
    FacilitatorFactory,
    MeetingFactory,
    in_days,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_facilitator_plans_a_series_and_a_member_answers_and_suggests_an_item(
    browser, context, page, live_server
):
    faye = FacilitatorFactory(display_name="Faye")
    ruth = UserFactory(display_name="Ruth", roles=[Role.MEMBER])
    first = timezone.localdate() + timedelta(days=3)

    # The facilitator plans fortnightly meetings.
    sign_in_as(context, live_server, faye)
    page.goto("/meetings/")
    expect(page.get_by_text("No meetings are planned yet.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Plan repeating meetings").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Plan repeating meetings")
    assert_accessible(page)
    page.get_by_label("Date of the first meeting").fill(first.isoformat())
    page.get_by_label("Start time").fill("18:00")
    expect(page.get_by_label("Every two weeks")).to_be_checked()
    page.get_by_label("Address").fill("Community room\n1 Example Street")
    page.get_by_label("Step-free access").check()
    page.get_by_label("A creche").check()
    page.get_by_role("button", name="Save and plan the meetings").click()
    expect(page.get_by_role("status")).to_contain_text("meetings are planned")
    assert_accessible(page)
    assert Meeting.objects.count() > 20

    # A member, on her phone, opens the first meeting and answers.
    member_context = browser.new_context(
        viewport={"width": 360, "height": 740}, base_url=live_server.url
    )
    sign_in_as(member_context, live_server, ruth)
    member = member_context.new_page()
    member.goto("/")
    member.get_by_role("link", name=first.strftime("%A %-d %B %Y")).first.click()
    expect(member.get_by_role("heading", level=1)).to_have_text("Group meeting")
    expect(member.get_by_text("Step-free access")).to_be_visible()
    assert_accessible(member)
    member.get_by_role("link", name="Answer").click()
    # Before typing anything she is told who will see her needs.
    expect(member.get_by_text("Only facilitators will see this.")).to_be_visible()
    assert_accessible(member)
    member.get_by_label("Going", exact=True).check()
    member.get_by_label("Help with travel costs").check()
    member.get_by_role("button", name="Send my answer").click()
    expect(member.get_by_role("status")).to_contain_text("You said you are going")
    expect(member.get_by_text("So far: 1 going")).to_be_visible()

    # She suggests something to talk about.
    member.get_by_role("link", name="Suggest something to talk about").click()
    assert_accessible(member)
    member.get_by_label("What would you like the group to talk about?").fill(
        "Being asked to repeat my story"
    )
    member.get_by_role("button", name="Send my suggestion").click()
    expect(member.get_by_text("Your suggestions")).to_be_visible()
    assert_accessible(member)

    # The facilitator puts it on the agenda; the member sees it there.
    meeting = Meeting.objects.order_by("starts_at").first()
    page.goto(f"/meetings/{meeting.pk}/agenda/")
    assert_accessible(page)
    page.get_by_role("button", name="Put on the agenda: Being asked to repeat my story").click()
    expect(page.get_by_role("heading", name="On the agenda")).to_be_visible()
    assert AgendaItem.objects.get().status == "accepted"
    member.reload()
    expect(member.get_by_role("list").filter(has_text="Being asked")).to_be_visible()
    member_context.close()


def test_every_meeting_page_passes_axe(browser, context, page, live_server):
    faye = FacilitatorFactory(display_name="Faye")
    ruth = UserFactory(display_name="Ruth", roles=[Role.MEMBER])
    priya = UserFactory(display_name="Priya", roles=[Role.RESEARCHER])
    held = MeetingFactory(starts_at=in_days(-2), ends_at=in_days(-2, hour=20))
    coming = MeetingFactory(starts_at=in_days(5), ends_at=in_days(5, hour=20))
    services.rsvp_set(meeting=coming, person=ruth, answer="going", childcare=True, access="Lift")
    services.attendance_set(meeting=held, present=[ruth, faye], by=faye)
    services.observer_set(meeting=coming, observer=priya, by=faye)
    services.observation_answer(meeting=coming, person=ruth, consents=False)
    services.agreement_write(text="We listen.", by=faye)
    minutes = minutes_services.minutes_write(
        meeting=held, body="We talked.", audience="group", by=faye
    )
    decision = DecisionFactory(minutes=minutes, text="Ask for a quiet room")
    action = ActionFactory(minutes=minutes, description="Write a letter", owner=ruth)

    sign_in_as(context, live_server, faye)
    for url in [
        f"/meetings/{coming.pk}/",
        f"/meetings/{coming.pk}/answers/",
        f"/meetings/{coming.pk}/observer/",
        f"/meetings/{coming.pk}/change/",
        f"/meetings/{coming.pk}/cancel/",
        f"/meetings/{held.pk}/attendance/",
        f"/meetings/{held.pk}/payments/",
        "/meetings/new/",
        "/meetings/series/",
        "/meetings/payments/export/",
        "/meetings/agreement/change/",
        f"/minutes/{minutes.pk}/",
        f"/minutes/{minutes.pk}/change/",
        f"/actions/{action.pk}/",
        f"/decisions/{decision.pk}/",
        "/meetings/?when=past",
    ]:
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)

    # Forms with errors keep what was typed and stay accessible.
    page.goto(f"/meetings/{coming.pk}/cancel/")
    page.get_by_role("button", name="Cancel the meeting").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_accessible(page)
    page.goto("/meetings/series/new/")
    page.get_by_label("Address").fill("Kept address")
    page.get_by_role("button", name="Save and plan the meetings").click()
    expect(page.get_by_label("Address")).to_have_value("Kept address")
    assert_accessible(page)

    # The minutes form, for a meeting without minutes.
    other = MeetingFactory(starts_at=in_days(-16), ends_at=in_days(-16, hour=20))
    page.goto(f"/meetings/{other.pk}/minutes/new/")
    expect(page.get_by_label("Everyone in the group")).to_be_checked()
    assert_accessible(page)
    page.get_by_label("Minutes").fill("Short minutes")
    page.get_by_role("button", name="Save the minutes").click()
    expect(page.get_by_role("status")).to_contain_text("Everyone in the group can see them now")
    assert Minutes.objects.count() == 2

    # A member's own pages.
    member_context = browser.new_context(
        viewport={"width": 360, "height": 740}, base_url=live_server.url
    )
    sign_in_as(member_context, live_server, ruth)
    member = member_context.new_page()
    for url in [
        "/",
        f"/meetings/{coming.pk}/",
        "/meetings/mine/",
        "/meetings/agreement/",
        "/you-said-we-did/",
    ]:
        member.goto(url)
        assert_accessible(member)
    # The pages a member uses most fit a 320-pixel-wide phone.
    member.set_viewport_size({"width": 320, "height": 640})
    for url in ["/meetings/", f"/meetings/{coming.pk}/answer/", "/meetings/mine/"]:
        member.goto(url)
        assert member.evaluate("document.documentElement.scrollWidth") <= 320, url
    member.goto(f"/meetings/{coming.pk}/")
    assert member.evaluate("document.documentElement.scrollWidth") <= 320
    expect(member.get_by_text("Do you agree to be observed?")).to_be_visible()
    expect(member.get_by_text("Your answer: No.")).to_be_visible()
    member.goto("/meetings/settings/")
    assert_accessible(member)
    member.get_by_role("button", name="Make my calendar link").click()
    expect(member.get_by_label("Your link")).to_have_value(re.compile(r"/calendar/.+\.ics$"))
    assert_accessible(member)
    member_context.close()

    # The observer sees who said no.
    observer_context = browser.new_context(base_url=live_server.url)
    sign_in_as(observer_context, live_server, priya)
    observer = observer_context.new_page()
    observer.goto(f"/meetings/{coming.pk}/")
    expect(observer.get_by_role("region", name="Observation for research")).to_contain_text("Ruth")
    assert_accessible(observer)
    observer_context.close()
