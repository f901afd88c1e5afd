"""An interview from plan to analysis in a real browser, with axe on every page it adds.

A researcher plans it, records the consent form, adds the recording (after a
refused file) and the transcript; the interviewee confirms the form, takes a
passage out and finishes her review; a researcher she shared it with sees only
the reviewed text.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from interviews.models import Interview
from people.models import Role
from tests.browser.conftest import assert_accessible, sign_in_as
from tests.factories import PASSWORD, UserFactory
from tests.factories_interviews import MEDIA
from tests.helpers import share

pytestmark = pytest.mark.django_db(transaction=True)

TAKEN_OUT = "Participant: My brother was there that night."
KEPT = "Participant: The receptionist was kind to me."
TRANSCRIPT = f"Interviewer: How did it feel?\n\n{TAKEN_OUT}\n\n{KEPT}"


def test_researcher_records_an_interview_and_the_interviewee_takes_a_passage_out(
    browser, context, page, live_server, tmp_path
):
    priya = UserFactory(display_name="Priya Researcher", roles=[Role.RESEARCHER])
    olive = UserFactory(
        email="olive@example.org", display_name="Olive Interviewee", roles=[Role.MEMBER]
    )
    rhea = UserFactory(display_name="Rhea Analyst", roles=[Role.RESEARCHER])

    # The researcher plans the interview.
    sign_in_as(context, live_server, priya)
    page.goto("/interviews/")
    assert_accessible(page)
    page.get_by_role("link", name="Plan an interview").click()
    assert_accessible(page)
    page.get_by_label("Person interviewed").select_option(label="Olive Interviewee")
    page.get_by_label("What the interview is about").fill("First visits to the practice")
    page.get_by_label("Date of the interview").fill("2026-05-12")
    page.get_by_label("in person").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("First visits to the practice")
    assert_accessible(page)
    interview = Interview.objects.get()

    page.get_by_role("link", name="Change the topic, date or way").click()
    assert_accessible(page)
    page.get_by_role("link", name="Back to the interview").click()

    # She records the consent form: no to anonymised quotes, yes to the rest.
    page.get_by_role("link", name="Record the consent form").click()
    page.get_by_label("Version of the participant information sheet").fill("2.1")
    page.get_by_label("Date the form was filled in").fill("2026-05-12")
    for item, answer in [
        ("Taking part in the interview", "Yes"),
        ("Audio recording of the interview", "Yes"),
        ("Anonymised quotes in publications", "No"),
        ("Keeping the data for future research", "Yes"),
        ("Being contacted again about research", "Yes"),
    ]:
        page.get_by_role("group", name=item).get_by_label(answer).check()
    assert_accessible(page)
    page.get_by_role("button", name="Save the consent form").click()
    expect(page.get_by_role("status")).to_contain_text("The consent form is recorded.")
    page.get_by_role("button", name="Mark as conducted").click()

    # A file that is not audio is refused and says why; a real recording is taken.
    page.get_by_role("link", name="Add the recording").click()
    not_audio = tmp_path / "interview.mp3"
    not_audio.write_text("These are my notes, not a recording.")
    page.get_by_label("Audio file").set_input_files(not_audio)
    page.get_by_role("button", name="Save the recording").click()
    expect(page.get_by_role("alert")).to_contain_text("not a sound recording we can take")
    assert_accessible(page)
    page.get_by_label("Audio file").set_input_files(MEDIA / "speech.m4a")
    page.get_by_role("button", name="Save the recording").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recording")
    assert_accessible(page)
    page.get_by_role("link", name="Back to the interview").click()

    # She adds the transcript.
    page.get_by_role("link", name="Add the transcript").click()
    assert_accessible(page)
    page.get_by_label("Paste the transcript").fill(TRANSCRIPT)
    page.get_by_role("button", name="Save the transcript").click()
    expect(page.get_by_role("status")).to_contain_text("The transcript is saved: 3 passages.")

    # The interviewee reads the form, confirms it, and reviews her transcript.
    olive_context = browser.new_context(
        base_url=live_server.url, viewport={"width": 360, "height": 740}
    )
    sign_in_as(olive_context, live_server, olive)
    olive_page = olive_context.new_page()
    olive_page.goto(f"/interviews/{interview.pk}/")
    expect(olive_page.get_by_text("This is your interview.")).to_be_visible()
    assert_accessible(olive_page)
    olive_page.get_by_role("button", name="Yes, this is what I agreed").click()
    olive_page.get_by_role("link", name="Review the transcript: take passages out").click()
    assert_accessible(olive_page)
    olive_page.get_by_label("Take this out (passage 2)").check()
    olive_page.get_by_label("Why (optional), passage 2").fill("It names my brother")
    assert_accessible(olive_page)
    olive_page.get_by_role("button", name="Save, and I have finished").click()
    expect(olive_page.get_by_role("status")).to_contain_text("1 passage taken out.")

    # She shares the interview with researchers, without her name.
    share(interview, researchers=True)

    # Another researcher sees the reviewed text only, and not her name.
    rhea_context = browser.new_context(base_url=live_server.url)
    sign_in_as(rhea_context, live_server, rhea)
    rhea_page = rhea_context.new_page()
    rhea_page.goto(f"/interviews/{interview.pk}/")
    expect(rhea_page.get_by_text(KEPT)).to_be_visible()
    assert TAKEN_OUT not in rhea_page.content()
    assert "Olive" not in rhea_page.content()
    assert_accessible(rhea_page)
    rhea_context.close()

    # The interviewer still sees what was taken out, marked, with the comment.
    page.goto(f"/interviews/{interview.pk}/")
    expect(page.get_by_text(TAKEN_OUT)).to_be_visible()
    expect(page.get_by_text("It names my brother")).to_be_visible()

    # The interviewee listens to her recording, and sees what withdrawing would do.
    olive_page.get_by_role("link", name="Listen to the recording").click()
    assert_accessible(olive_page)
    audio_status = olive_page.evaluate(
        "async () => (await fetch(document.querySelector('audio').src)).status"
    )
    assert audio_status == 200
    olive_page.goto(f"/interviews/{interview.pk}/")
    olive_page.get_by_role("link", name="Withdraw consent to audio recording").click()
    expect(olive_page.get_by_text("The recording is deleted now, for good.")).to_be_visible()
    assert_accessible(olive_page)
    olive_page.get_by_role("link", name="Keep it as it is").click()

    # She deletes the passage she took out, for good (her password first).
    olive_page.get_by_role("link", name="Delete the 1 passage taken out, for good").click()
    olive_page.get_by_label("Password").fill(PASSWORD)
    olive_page.get_by_role("button", name="Carry on").click()
    expect(olive_page.get_by_role("heading", level=1)).to_have_text(
        "Delete the passages you took out"
    )
    assert_accessible(olive_page)
    olive_page.get_by_role("button", name="Delete for good").click()
    expect(olive_page.get_by_role("status")).to_contain_text("Deleted for good: 1 passage")
    page.reload()
    assert TAKEN_OUT not in page.content()

    # The page to delete the whole interview says what happens before anything does.
    olive_page.get_by_role("link", name="Delete this interview").click()
    expect(olive_page.get_by_text("The recording is deleted, for good.")).to_be_visible()
    assert_accessible(olive_page)
    olive_context.close()
