"""Your data, in a real browser, with axe on every page this capability adds.

A member downloads her data (her password first), asks for her account to be deleted,
sees the cooling-off message, and changes her mind by signing in. Another member follows
her file being made, then leaves the group; a facilitator sees that she left, and when.
"""

from __future__ import annotations

import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from datarights.models import DataDownload, Departure
from people.models import Role
from tests.browser.conftest import assert_accessible, sign_in_as
from tests.browser.test_notes import sign_in
from tests.factories import PASSWORD, UserFactory
from tests.factories_datarights import DataDownloadFactory, ready_file
from tests.factories_meetings import FacilitatorFactory
from tests.factories_reflections import write_note

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_member_downloads_her_data_asks_to_delete_her_account_and_changes_her_mind(context, page):
    maya = UserFactory(email="maya@example.org", display_name="Maya", roles=[Role.MEMBER])
    write_note(maya, title="After the first meeting", body="What I want to keep.")

    sign_in(page, "maya@example.org")
    page.get_by_role("link", name="My account").click()
    page.get_by_role("link", name="Download my data").click()
    expect(page.get_by_text("You have not asked for a file yet.")).to_be_visible()
    assert_accessible(page)

    # Making the file asks for her password first, then carries on.
    page.get_by_role("button", name="Make my file").click()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Carry on").click()
    expect(page.get_by_text("We are making your file.")).to_be_visible()
    expect(page.get_by_text("Your file is ready")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as downloading:
        page.get_by_role("link", name="Download my file").click()
    download = downloading.value
    assert download.suggested_filename.startswith("workspace-data-")
    with zipfile.ZipFile(download.path()) as zipped:
        pages = {name: zipped.read(name).decode() for name in zipped.namelist()}
    assert "What I want to keep." in pages["notes.html"]
    assert "Maya" in pages["account.html"]
    # The pages in the file are plain and accessible too.
    reader = context.new_page()
    for name in ("index.html", "notes.html", "account.html", "sharing.html"):
        reader.set_content(pages[name])
        assert_accessible(reader)
    reader.close()

    # The delete page says what happens, and the cooling-off period, before anything does.
    page.goto("/account/settings/")
    page.get_by_role("link", name="Delete my account").click()
    expect(page.get_by_text("You have 14 days to change your mind.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    assert_accessible(page)
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_label("I understand").check()
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("status")).to_contain_text("We will delete your account on")
    expect(page.get_by_role("status")).to_contain_text("sign in: that stops it")
    assert_accessible(page)
    assert Departure.objects.get(person=maya).is_pending_deletion

    # She changes her mind: signing in stops it.
    page.get_by_label("Email").fill("maya@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("status")).to_contain_text(
        "You asked to delete your account. We have stopped it."
    )
    assert_accessible(page)
    assert not Departure.objects.get(person=maya).is_pending_deletion


def test_a_member_follows_her_file_being_made_then_leaves_and_a_facilitator_sees_it(
    browser, context, page, live_server
):
    ruth = UserFactory(email="ruth@example.org", display_name="Ruth Leaving", roles=[Role.MEMBER])
    download = DataDownloadFactory(
        person=ruth,
        state=DataDownload.State.MAKING,
        file="",
        progress=30,
        step="Reflective notes",
        expires_at=None,
    )
    sign_in_as(context, live_server, ruth)
    page.goto("/account/your-data/")
    expect(page.get_by_text("How far it is: 30%")).to_be_visible()
    expect(page.get_by_text("Now: Reflective notes")).to_be_visible()
    assert_accessible(page)

    # The task finishes: the page shows it without being reloaded.
    now = timezone.now()
    DataDownload.objects.filter(pk=download.pk).update(
        state=DataDownload.State.READY,
        progress=100,
        file=ready_file(),
        size=22,
        ready_at=now,
        expires_at=now + timedelta(hours=48),
    )
    expect(page.get_by_role("link", name="Download my file")).to_be_visible(timeout=15_000)

    # She leaves the group, keeping what she shared without her name.
    page.goto("/account/leave/")
    assert_accessible(page)
    page.get_by_label("Keep sharing it, without my name.").check()
    page.get_by_role("button", name="Leave the group").click()
    expect(page.get_by_role("status")).to_contain_text("You have left the group")
    page.get_by_label("Email").fill("ruth@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("This account is closed")
    assert_accessible(page)

    # A facilitator sees that she left, and when; nothing she wrote.
    facilitator = FacilitatorFactory(display_name="Faye")
    faye = browser.new_context(base_url=live_server.url, viewport={"width": 360, "height": 740})
    sign_in_as(faye, live_server, facilitator)
    faye_page = faye.new_page()
    faye_page.goto("/people/manage/")
    faye_page.get_by_role("link", name="People who left").click()
    expect(faye_page.get_by_role("table")).to_contain_text("Ruth Leaving")
    expect(faye_page.get_by_role("table")).to_contain_text("Left the group")
    assert_accessible(faye_page)
    faye_page.goto(f"/people/manage/{ruth.pk}/")
    expect(faye_page.get_by_text("Ruth Leaving left the group on")).to_be_visible()
    assert_accessible(faye_page)
    faye.close()
