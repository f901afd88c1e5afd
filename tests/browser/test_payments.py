"""A member claims expenses with a photo of the receipt on a 320-pixel phone, a facilitator
approves and pays, and she says it arrived; axe on every page."""

from __future__ import annotations

from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from payments.models import Claim
from people.models import Role
from tests.browser.conftest import assert_accessible, sign_in_as
from tests.factories import UserFactory
from tests.factories_meetings import FacilitatorFactory

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 256


def phone(browser, live_server):
    return browser.new_context(viewport={"width": 320, "height": 640}, base_url=live_server.url)


def fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_a_member_claims_with_a_receipt_photo_and_a_facilitator_pays_it(
    browser, live_server, tmp_path: Path
):
    ruth = UserFactory(display_name="Ruth", roles=[Role.MEMBER])
    faye = FacilitatorFactory(display_name="Faye")
    photo = tmp_path / "receipt.jpg"
    photo.write_bytes(JPEG)

    context = phone(browser, live_server)
    sign_in_as(context, live_server, ruth)
    page = context.new_page()
    page.goto("/payments/")
    assert_accessible(page)
    fits(page)
    page.get_by_role("link", name="Say how you would like to be paid").click()
    expect(
        page.get_by_text("You do not need to tell us anything about your benefits")
    ).to_be_visible()
    assert_accessible(page)
    fits(page)
    page.get_by_label("A bank transfer").check()
    page.get_by_role("button", name="Save").click()
    # The box was not ticked: she is told why, and her choice is kept.
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_label("A bank transfer")).to_be_checked()
    page.get_by_label("I have read what payments can mean for benefits").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Saved")
    page.get_by_role("link", name="Claim expenses").click()
    assert_accessible(page)
    fits(page)
    page.get_by_label("Travel").check()
    page.get_by_label("Amount in pounds").fill("4.80")
    page.get_by_label("What for").fill("Bus to the meeting and back")
    page.get_by_label("The day you spent it").fill(timezone.localdate().isoformat())
    page.get_by_label("A photo of the receipt (optional)").set_input_files(str(photo))
    page.get_by_role("button", name="Send my claim").click()
    expect(page.get_by_role("status")).to_contain_text("Your claim is sent")
    assert_accessible(page)
    fits(page)
    url = page.url
    context.close()

    context = phone(browser, live_server)
    sign_in_as(context, live_server, faye)
    page = context.new_page()
    page.goto("/payments/waiting/")
    assert_accessible(page)
    fits(page)
    page.get_by_role("link", name="Ruth: £4.80, travel").click()
    expect(page.get_by_role("link", name="See the receipt")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Approve").click()
    expect(page.get_by_role("status")).to_contain_text("Approved")
    page.get_by_label("Paid on").fill(timezone.localdate().isoformat())
    page.get_by_label("How it was paid").select_option("bank_transfer")
    page.get_by_role("button", name="Save as paid").click()
    expect(page.get_by_role("status")).to_contain_text("Saved as paid")
    context.close()

    context = phone(browser, live_server)
    sign_in_as(context, live_server, ruth)
    page = context.new_page()
    page.goto(url)
    assert_accessible(page)
    page.get_by_role("button", name="Yes, it arrived").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you")
    context.close()
    assert Claim.objects.get().state == Claim.State.RECEIVED


def test_a_facilitator_sets_a_rate_adds_what_someone_is_owed_and_opens_the_finance_list(
    browser, live_server
):
    UserFactory(display_name="Ruth", roles=[Role.MEMBER])
    faye = FacilitatorFactory(display_name="Faye")
    context = phone(browser, live_server)
    sign_in_as(context, live_server, faye)
    page = context.new_page()
    page.goto("/payments/rates/")
    assert_accessible(page)
    fits(page)
    page.get_by_label("Activity").select_option("speaking")
    page.get_by_label("a fixed sum").check()
    page.get_by_label("Amount in pounds").fill("50")
    page.get_by_role("button", name="Save the rate").click()
    expect(page.get_by_role("status")).to_contain_text("The rate is saved")
    expect(page.get_by_text("£50.00 a fixed sum")).to_be_visible()
    page.goto("/payments/owed/new/")
    assert_accessible(page)
    fits(page)
    page.get_by_label("Who").select_option(label="Ruth")
    page.get_by_label("Activity", exact=True).select_option("speaking")
    page.get_by_label("The day").fill(timezone.localdate().isoformat())
    page.get_by_label("What it was").fill("Talk at the GP conference")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("£50.00 owed")
    page.goto("/payments/finance/")
    assert_accessible(page)
    fits(page)
    context.close()
    assert Claim.objects.get().amount == 50
