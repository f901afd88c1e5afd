"""The research pages in a real browser: a facilitator keeps the words to take out, a member
keeps her other names. Axe finds nothing on any of them."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from people.models import Role
from research.models import OtherName, SensitiveTerm
from tests.browser.conftest import assert_accessible, sign_in_as
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_facilitator_adds_changes_and_removes_a_word_to_take_out(context, page, live_server):
    faye = UserFactory(display_name="Faye", roles=[Role.SUPPORT_WORKER], is_facilitator=True)
    sign_in_as(context, live_server, faye)
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Manage").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Manage")
    assert_accessible(page)
    page.get_by_role("link", name="Words to take out of research").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Words to take out of research")
    assert_accessible(page)

    # A mistake first: the form says what is wrong and keeps what was typed.
    page.get_by_label("Word or phrase").fill("Acacia House")
    page.get_by_role("button", name="Add to the list").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_label("Word or phrase")).to_have_value("Acacia House")
    assert_accessible(page)

    page.get_by_label("What it is").select_option("SERVICE")
    page.get_by_role("button", name="Add to the list").click()
    expect(page.get_by_role("status")).to_contain_text("taken out of every research export")
    expect(page.get_by_text("Becomes [SERVICE]")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Change Acacia House").click()
    assert_accessible(page)
    page.get_by_label("What it is").select_option("PLACE")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Becomes [PLACE]")).to_be_visible()
    assert SensitiveTerm.objects.get().label == "PLACE"

    page.get_by_role("button", name="Remove Acacia House from the list").click()
    expect(page.get_by_text("The list is empty.")).to_be_visible()


def test_a_member_adds_and_removes_her_other_names(context, page, live_server):
    ruth = UserFactory(display_name="Ruthie", roles=[Role.MEMBER])
    sign_in_as(context, live_server, ruth)
    page.goto("/account/settings/")
    page.get_by_role("link", name="Other names I am known by").click()
    expect(page.get_by_text("Only you can see this list.")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("A name you are also known by").fill("Ruth Demo")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_role("strong").filter(has_text="Ruth Demo")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("A name you are also known by").fill("ruth demo")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text("You have added this name already.").first).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Remove Ruth Demo").click()
    expect(page.get_by_text("You have not added any.")).to_be_visible()
    assert not OtherName.objects.exists()
