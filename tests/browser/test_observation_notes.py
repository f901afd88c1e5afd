"""Observation notes in a real browser, with axe on every page they add.

A researcher named as observer, with consent collected and one person saying no,
opens the meeting, sees who said no, is stopped when her note names that person,
takes the name out and saves; she changes and shares the note. A facilitator
records the group's decision; a colleague reads the shared note.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from interviews.models import ObservationNote
from meetings import services as meeting_services
from people.models import Role
from tests.browser.conftest import assert_accessible, sign_in_as
from tests.factories import UserFactory
from tests.factories_meetings import AttendanceFactory, FacilitatorFactory, MeetingFactory, in_days

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_researcher_writes_an_observation_note_and_sees_who_said_no(
    browser, context, page, live_server
):
    faye = FacilitatorFactory(display_name="Faye Facilitator")
    priya = UserFactory(display_name="Priya Researcher", roles=[Role.RESEARCHER])
    ruth = UserFactory(display_name="Ruth Example", roles=[Role.MEMBER])
    maya = UserFactory(display_name="Maya Member", roles=[Role.MEMBER])
    meeting = MeetingFactory(starts_at=in_days(-3), ends_at=in_days(-3, hour=20))
    meeting_services.observer_set(meeting=meeting, observer=priya, by=faye)
    for person in (ruth, maya):
        AttendanceFactory(meeting=meeting, person=person, recorded_by=faye)
    meeting_services.observation_answer(meeting=meeting, person=maya, consents=True)
    meeting_services.observation_answer(meeting=meeting, person=ruth, consents=False)

    # The observer opens the meeting and goes to write a note.
    sign_in_as(context, live_server, priya)
    page.goto(f"/meetings/{meeting.pk}/")
    expect(page.get_by_role("region", name="Observation notes")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Write an observation note").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Write an observation note")
    do_not_describe = page.get_by_role("region", name="Do not describe these people")
    expect(do_not_describe).to_contain_text("They said no to being observed")
    expect(do_not_describe).to_contain_text("Ruth Example")
    expect(do_not_describe).not_to_contain_text("Maya Member")
    assert_accessible(page)

    # A note naming Ruth is refused, and what was typed stays.
    typed = "Maya Member opened the meeting. Ruth asked about the reception desk."
    page.get_by_label("What you observed").fill(typed)
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Your note mentions 'Ruth', who said no to being observed. Take it out before saving."
    )
    expect(page.get_by_label("What you observed")).to_have_value(typed)
    assert_accessible(page)
    assert not ObservationNote.objects.exists()

    # I hope is not Hope, and without Ruth the note is saved, for her eyes only.
    page.get_by_label("What you observed").fill(
        "Maya Member opened the meeting. I hope the quiet room helped."
    )
    page.get_by_role("button", name="Save the note").click()
    # Maya said yes: the note may name her, and she will be asked about her part.
    expect(page.get_by_text("This names Maya Member.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_role("status")).to_contain_text("Only you can see it until you share it.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Observation note")
    expect(page.get_by_text("Only you can see this.")).to_be_visible()
    assert_accessible(page)
    note = ObservationNote.objects.get()

    # She changes it: the list of who said no is there too.
    page.get_by_role("link", name="Change the note").first.click()
    expect(page.get_by_role("region", name="Do not describe these people")).to_contain_text(
        "Ruth Example"
    )
    assert_accessible(page)
    page.get_by_label("What you observed").fill("Maya Member opened the meeting.")
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_role("status")).to_contain_text("Saved.")

    # Her lists, the delete page, the share page (researchers only so far).
    for url in [
        "/observation-notes/",
        f"/observation-notes/meetings/{meeting.pk}/",
        f"/observation-notes/{note.pk}/delete/",
        "/observation-notes/group-decision/",
    ]:
        page.goto(url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
    page.goto(f"/observation-notes/{note.pk}/")
    page.get_by_role("link", name="Change who can see this").click()
    which = page.get_by_role("group", name="Which people?")
    expect(which.get_by_label("Researchers", exact=True)).to_be_visible()
    expect(which.get_by_label("Facilitators")).to_have_count(0)
    assert_accessible(page)

    # A facilitator records that the group agreed.
    facilitator_context = browser.new_context(base_url=live_server.url)
    sign_in_as(facilitator_context, live_server, faye)
    facilitator = facilitator_context.new_page()
    facilitator.goto("/meetings/agreement/")
    assert_accessible(facilitator)
    facilitator.get_by_role("link", name="Observation notes: may facilitators read them?").click()
    facilitator.get_by_role("link", name="Record the group's decision").click()
    assert_accessible(facilitator)
    facilitator.get_by_role("group", name="May facilitators read").get_by_label("Yes").check()
    facilitator.get_by_label("How the group decided (optional)").fill("Agreed on 4 March.")
    facilitator.get_by_role("button", name="Save the decision").click()
    expect(facilitator.get_by_text("Recorded by Faye Facilitator")).to_be_visible()
    assert_accessible(facilitator)
    facilitator_context.close()

    # Now facilitators are offered; she shares with researchers only.
    page.reload()
    expect(page.get_by_label("Facilitators")).to_be_visible()
    page.get_by_label("Only some people").check()
    page.get_by_label("Researchers", exact=True).check()
    page.get_by_role("button", name="Check who this means").click()
    expect(page.get_by_text("Researchers will see this with your name.")).to_be_visible()
    assert_accessible(page)

    # Empty note: a plain message (the page stays accessible with its error).
    page.goto(f"/observation-notes/{note.pk}/edit/")
    page.get_by_label("What you observed").fill("")
    page.get_by_role("button", name="Save the note").click()
    expect(page.get_by_role("alert")).to_contain_text("Write what you observed.")
    assert_accessible(page)


def test_without_consent_the_observer_is_told_why_and_the_page_passes_axe(
    context, page, live_server
):
    faye = FacilitatorFactory()
    priya = UserFactory(display_name="Priya Researcher", roles=[Role.RESEARCHER])
    waiting = UserFactory(display_name="Wren Waiting", roles=[Role.MEMBER])
    meeting = MeetingFactory(starts_at=in_days(-3), ends_at=in_days(-3, hour=20))
    meeting_services.observer_set(meeting=meeting, observer=priya, by=faye)
    AttendanceFactory(meeting=meeting, person=waiting, recorded_by=faye)
    sign_in_as(context, live_server, priya)
    page.goto(f"/observation-notes/meetings/{meeting.pk}/write/")
    expect(page.get_by_role("note")).to_contain_text(
        "An observation note cannot be written without observation consent."
    )
    expect(page.get_by_label("What you observed")).to_have_count(0)
    assert_accessible(page)
