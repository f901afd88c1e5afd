"""Reflective notes in a real browser: writing with autosave, content warnings, versions."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from people.models import Role
from reflections.models import NoteDraft, ReflectiveNote
from tests.browser.conftest import assert_accessible, sign_in_as
from tests.factories import PASSWORD, UserFactory
from tests.factories_reflections import PromptFactory, write_note
from tests.helpers import share

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, email: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hello")


def test_a_member_writes_a_note_autosave_keeps_it_and_she_saves_it(
    page, context, live_server, settings
):
    settings.NOTES_AUTOSAVE_SECONDS = 1
    ruth = UserFactory(display_name="Ruth", roles=[Role.MEMBER])
    sign_in_as(context, live_server, ruth)
    page.goto("/notes/new/")
    expect(
        page.get_by_text("Only you can see this note until you choose to share it.")
    ).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Title (optional)").fill("After Tuesday")
    page.get_by_label("Your note").fill("I felt *heard* today.")
    status = page.locator("[data-autosave-status]")
    expect(status).to_contain_text(re.compile(r"Draft saved at \d\d:\d\d\."))
    # Wait for the save that holds both fields (the first may have held the title only).
    for _ in range(50):
        if NoteDraft.objects.filter(data__body="I felt *heard* today.").exists():
            break
        page.wait_for_timeout(200)
    # The page's address is now the draft's, so a reload (or a locked phone) loses nothing.
    expect(page).to_have_url(re.compile(r"/notes/[0-9a-f-]{36}/edit/$"))
    page.reload()
    expect(page.get_by_label("Title (optional)")).to_have_value("After Tuesday")
    expect(page.get_by_label("Your note")).to_have_value("I felt *heard* today.")
    expect(page.get_by_text("This is your draft")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("After Tuesday")
    expect(page.locator("[data-note-text] em")).to_have_text("heard")
    assert_accessible(page)
    note = ReflectiveNote.objects.get()
    assert (note.is_draft, note.version, note.owner_id) == (False, 1, ruth.pk)


def test_a_validation_error_keeps_what_was_typed(page, context, live_server):
    sign_in_as(context, live_server, UserFactory(roles=[Role.MEMBER]))
    page.goto("/notes/new/")
    page.get_by_label("Title (optional)").fill("Only a title")
    page.get_by_label("violence").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_label("Title (optional)")).to_have_value("Only a title")
    expect(page.get_by_label("violence")).to_be_checked()
    assert_accessible(page)


def test_a_warned_note_shared_anonymously_reaches_a_member_as_a_member_and_warning_first(
    browser, page, live_server
):
    UserFactory(email="olive@example.org", display_name="Olive Owner", roles=[Role.MEMBER])
    reader = UserFactory(display_name="Mina", roles=[Role.MEMBER])

    # The author writes a note with a content warning.
    sign_in(page, "olive@example.org")
    page.goto("/notes/new/")
    page.get_by_label("Title (optional)").fill("A hard week")
    page.get_by_label("Your note").fill("Something hard happened at the surgery.")
    page.get_by_label("violence").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Something hard happened at the surgery.")).to_be_visible()

    # She shares it with the whole group, without her name, after seeing what that means.
    page.get_by_role("link", name="Change who can see this").click()
    page.get_by_label("Everyone in the group").check()
    page.get_by_label("No, they see “a member” (or your role) instead").check()
    page.get_by_role("button", name="Check who this means").click()
    page.get_by_role("button", name="Yes, save this").click()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Carry on").click()
    expect(page.get_by_role("region", name="Who can see this")).to_contain_text(
        "Everyone in the group can see this without your name"
    )

    # Another member sees "a member" and the warning, and not one word of the note.
    reader_context = browser.new_context(base_url=live_server.url)
    sign_in_as(reader_context, live_server, reader)
    reader_page = reader_context.new_page()
    reader_page.goto("/notes/shared/")
    card = reader_page.locator(".note-card")
    expect(card).to_contain_text("By a member")
    expect(card).to_contain_text("This note mentions violence.")
    assert "Something hard happened" not in reader_page.content()
    assert "Olive" not in reader_page.content()
    assert "A hard week" not in reader_page.content()
    assert_accessible(reader_page)

    # On the note's page the warning comes first; the text only when she chooses.
    card.get_by_role("link").first.click()
    expect(reader_page.get_by_role("region", name="Content warning")).to_be_visible()
    assert "Something hard happened" not in reader_page.content()
    assert_accessible(reader_page)
    reader_page.wait_for_load_state("load")
    reader_page.get_by_role("button", name="Show the note").click()
    expect(reader_page.get_by_text("Something hard happened at the surgery.")).to_be_visible()
    expect(reader_page.get_by_role("heading", name="A hard week")).to_be_visible()
    assert "Olive" not in reader_page.content()
    assert_accessible(reader_page)
    reader_context.close()


def test_without_javascript_the_text_behind_a_warning_is_on_its_own_page(
    browser, page, context, live_server
):
    owner = UserFactory(roles=[Role.MEMBER])
    reader = UserFactory(roles=[Role.MEMBER])
    note = write_note(owner, body="Words behind the warning", content_warnings=["self_harm"])
    share(note, members=True)
    no_js = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    no_js.set_default_timeout(10_000)
    sign_in_as(no_js, live_server, reader)
    plain = no_js.new_page()
    plain.goto(f"/notes/{note.pk}/")
    assert "Words behind the warning" not in plain.content()
    plain.get_by_role("link", name="Show the note").click()
    expect(plain).to_have_url(re.compile(rf"/notes/{note.pk}/read/$"))
    expect(plain.get_by_text("Words behind the warning")).to_be_visible()
    no_js.close()
    # axe needs JavaScript to run: check the same page in an ordinary browser.
    sign_in_as(context, live_server, reader)
    page.goto(f"/notes/{note.pk}/read/")
    assert_accessible(page)


def test_editing_a_shared_note_says_who_will_see_it_and_keeps_versions(
    browser, page, context, live_server
):
    owner = UserFactory(display_name="Olive", roles=[Role.MEMBER])
    gp = UserFactory(roles=[Role.GP])
    note = write_note(owner, title="Tuesday", body="The first words")
    share(note, gps=False)
    sign_in_as(context, live_server, owner)

    page.goto(f"/notes/{note.pk}/edit/")
    notice = page.get_by_role("region", name="This note is shared")
    expect(notice).to_contain_text("GPs can see this with your name.")
    assert_accessible(page)
    page.get_by_label("Your note").fill("The second words")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text("They now see the new text.")

    page.get_by_role("link", name="Earlier versions").click()
    expect(page.get_by_role("link", name="Version 1")).to_be_visible()
    expect(page.get_by_text("(latest)")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Version 1").click()
    expect(page.get_by_text("The first words")).to_be_visible()
    assert_accessible(page)

    gp_context = browser.new_context(base_url=live_server.url)
    sign_in_as(gp_context, live_server, gp)
    gp_page = gp_context.new_page()
    gp_page.goto(f"/notes/{note.pk}/")
    expect(gp_page.get_by_text("The second words")).to_be_visible()
    assert "The first words" not in gp_page.content()
    gp_page.goto(f"/notes/{note.pk}/versions/")
    expect(gp_page.get_by_role("heading", level=1)).to_have_text("Page not found")
    gp_context.close()


def test_short_answers_search_and_delete(page, context, live_server):
    went_well = PromptFactory(text="What went well today?")
    PromptFactory(text="What would you change?")
    member = UserFactory(roles=[Role.MEMBER])
    sign_in_as(context, live_server, member)

    page.goto("/notes/new/questions/")
    assert_accessible(page)
    page.get_by_label("What went well today?").check()
    page.get_by_role("button", name="Next").click()
    assert_accessible(page)
    page.get_by_label("What went well today?").fill("The garden project")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("heading", name="What went well today?")).to_be_visible()

    page.goto("/notes/search/")
    page.get_by_label("Words to look for").fill("gardens")
    page.get_by_role("button", name="Show notes").click()
    expect(page.get_by_text("Notes found: 1")).to_be_visible()
    assert_accessible(page)
    page.goto("/notes/")
    page.get_by_text("Find notes: by words, meeting or question").click()
    page.get_by_label("Question answered").select_option(str(went_well.pk))
    page.get_by_role("button", name="Show notes").click()
    expect(page.get_by_text("Notes found: 1")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile("Note of")).first.click()
    page.get_by_role("link", name="Delete this note").click()
    expect(page.get_by_text("so no research export includes it")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, delete this note").click()
    expect(page.get_by_role("status").first).to_contain_text("Your note is deleted.")
    assert not ReflectiveNote.objects.exists()


def test_a_facilitator_keeps_the_groups_questions(page, context, live_server):
    facilitator = UserFactory(roles=[Role.SUPPORT_WORKER], is_facilitator=True)
    sign_in_as(context, live_server, facilitator)
    page.goto("/notes/questions/")
    assert_accessible(page)
    page.get_by_label("Question").fill("What surprised you?")
    page.get_by_role("button", name="Add").click()
    page.get_by_role("link", name="What surprised you?").click()
    assert_accessible(page)
    page.get_by_label("Offered for new notes").uncheck()
    page.get_by_role("button", name="Save").click()
    row = page.get_by_role("row", name=re.compile("What surprised you"))
    expect(row).to_contain_text("No")
