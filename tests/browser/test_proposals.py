"""A member asks the group to decide something and three people vote, on a 320-pixel phone,
with axe on every page."""

from __future__ import annotations

from playwright.sync_api import expect

from people.models import Role
from proposals.models import Ballot, Voted
from tests.browser.conftest import assert_accessible, sign_in_as
from tests.factories import UserFactory


def phone(browser, live_server):
    return browser.new_context(viewport={"width": 320, "height": 640}, base_url=live_server.url)


def test_a_member_proposes_and_three_people_vote_in_secret(browser, live_server):
    ruth = UserFactory(display_name="Ruth", roles=[Role.MEMBER])
    voters = [UserFactory(display_name=name, roles=[Role.MEMBER]) for name in ("Ama", "Bea")]

    context = phone(browser, live_server)
    sign_in_as(context, live_server, ruth)
    page = context.new_page()
    page.goto("/decide/")
    assert_accessible(page)
    page.get_by_role("link", name="Ask the group to decide something").click()
    assert_accessible(page)
    page.get_by_label("What should the group decide?").fill("Should we meet in the library?")
    page.get_by_label("Yes, no, or abstain").check()
    page.get_by_label("Members with lived experience only").check()
    page.get_by_label("Yes: nobody can see who chose what", exact=False).check()
    page.get_by_role("button", name="Open the vote").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Should we meet in the library?")
    expect(page.get_by_text("Your vote is secret.")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Yes", exact=True).check()
    page.get_by_role("button", name="Vote").click()
    expect(page.get_by_role("status")).to_contain_text("Your vote is counted")
    expect(page.get_by_text("1 person has voted")).to_be_visible()
    expect(page.get_by_text("The results are shown when the vote closes.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_accessible(page)
    url = page.url
    context.close()

    for person, choice in zip(voters, ["No", "Yes"], strict=True):
        other = phone(browser, live_server)
        sign_in_as(other, live_server, person)
        voting = other.new_page()
        voting.goto(url)
        voting.get_by_label(choice, exact=True).check()
        voting.get_by_role("button", name="Vote").click()
        expect(voting.get_by_role("status")).to_contain_text("Your vote is counted")
        other.close()

    assert Voted.objects.count() == 3
    assert sorted(Ballot.objects.values_list("choice", flat=True)) == ["No", "Yes", "Yes"]


def test_a_ranking_a_comment_and_what_was_decided_work_on_a_phone(browser, live_server):
    from tests.factories_meetings import FacilitatorFactory

    ruth = UserFactory(display_name="Ruth", roles=[Role.MEMBER])
    faye = FacilitatorFactory(display_name="Faye")
    UserFactory(display_name="Bea", roles=[Role.MEMBER])

    context = phone(browser, live_server)
    sign_in_as(context, live_server, ruth)
    page = context.new_page()
    page.goto("/decide/new/")
    page.get_by_label("What should the group decide?").fill("Where should we meet?")
    page.get_by_label("A ranking: put the options in order").check()
    page.get_by_role("textbox", name="The options").fill("Library\nCafe")
    page.get_by_label("Everyone in the group").check()
    page.get_by_label("No: after the close", exact=False).check()
    page.get_by_role("button", name="Open the vote").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Where should we meet?")
    page.get_by_label("Place for “Library”").select_option("2")
    page.get_by_label("Place for “Cafe”").select_option("1")
    assert_accessible(page)
    page.get_by_role("button", name="Vote").click()
    expect(page.get_by_role("status")).to_contain_text("Your vote is counted")
    # A comment naming someone says so before it is saved; pressing again saves it.
    page.get_by_label("Your comment", exact=False).fill("Bea says the cafe has a quiet room.")
    page.get_by_role("button", name="Add my comment").click()
    expect(page.get_by_role("alert")).to_contain_text("This names Bea.")
    expect(page.get_by_label("Your comment", exact=False)).to_have_value(
        "Bea says the cafe has a quiet room."
    )
    assert_accessible(page)
    page.get_by_role("button", name="Add my comment").click()
    expect(page.get_by_text("Bea says the cafe has a quiet room.")).to_be_visible()
    page.get_by_role("link", name="Delete my comment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Delete your comment?")
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.get_by_role("link", name="Keep it and go back").click()
    url = page.url
    context.close()

    context = phone(browser, live_server)
    sign_in_as(context, live_server, faye)
    page = context.new_page()
    page.goto(url)
    page.get_by_label("Close it now").check()
    page.get_by_label("Why", exact=False).fill("Everyone has voted.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Cafe", exact=True)).to_be_visible()
    page.get_by_role("link", name="Record what was decided and what came of it").click()
    expect(page.get_by_label("What the group decided")).to_have_value("Cafe (most points)")
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.get_by_role("button", name="Save", exact=True).click()
    page.get_by_label("What will be done").fill("Book the quiet room")
    page.get_by_role("button", name="Add the action").click()
    expect(page.get_by_text("Book the quiet room")).to_be_visible()
    page.goto("/you-said-we-did/")
    expect(page.get_by_text("Book the quiet room")).to_be_visible()
    assert_accessible(page)
    context.close()
