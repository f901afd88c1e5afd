"""A researcher in a real browser: starts a project, previews an export, takes a word out by
hand, makes the export and downloads it; adds the items to the analysis, codes a passage by
ticking a sentence and another by selecting words, and writes the matrix. Axe finds nothing on
any of the pages."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from playwright.sync_api import expect

from people.models import Role
from research.models import Export, Passage
from tests.browser.conftest import assert_accessible, sign_in_as
from tests.factories import PASSWORD, UserFactory
from tests.factories_research import granted_note

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_researcher_previews_redacts_exports_and_downloads(context, page, live_server):
    rhea = UserFactory(display_name="Rhea", roles=[Role.RESEARCHER])
    olive = UserFactory(display_name="Olive Owner", roles=[Role.MEMBER])
    granted_note(owner=olive, title="", body="Olive Owner sat with Karen. I felt safe today.")
    granted_note(owner=olive, title="", body="Nobody rushed me at the desk.")
    sign_in_as(context, live_server, rhea)

    page.goto("/")
    page.get_by_role("link", name="Research", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Research projects")
    assert_accessible(page)
    page.get_by_role("link", name="Start a project").click()
    assert_accessible(page)
    page.get_by_label("Name of the project").fill("Reception study")
    page.get_by_role("button", name="Start the project").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reception study")
    assert_accessible(page)

    # Choose what to export, then read the preview.
    page.get_by_role("link", name="Prepare an export file").click()
    assert_accessible(page)
    page.get_by_label("Reflective note").check()
    page.get_by_role("button", name="Find the items").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the export")
    expect(page.get_by_text("2 items", exact=False).first).to_be_visible()
    preview = page.locator(".preview")
    expect(preview.locator("mark.mark--flagged").filter(has_text="Karen")).to_be_visible()
    assert "Olive" not in preview.inner_text()
    assert_accessible(page)

    # Take a word out by hand.
    page.get_by_label("A word or phrase to take out").fill("Karen")
    page.get_by_role("button", name="Take it out").click()
    expect(page.get_by_role("status")).to_contain_text("Taken out: “Karen”")
    expect(preview.get_by_text("[REDACTED]")).to_be_visible()
    assert "Karen" not in preview.inner_text()
    assert_accessible(page)

    # Make it: the password first.
    page.get_by_role("button", name="Make the export file").click()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Carry on").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Export {Export.objects.get().reference}"
    )
    expect(page.get_by_text("Withdrawn since export: delete these from your copy")).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the export (ZIP)").click()
    download = download_info.value
    assert download.suggested_filename.startswith("research-export-")
    with zipfile.ZipFile(io.BytesIO(open(download.path(), "rb").read())) as archive:
        rows = list(csv.DictReader(io.StringIO(archive.read("items.csv").decode())))
        assert "project.qdpx" in archive.namelist()
    texts = sorted(row["text"] for row in rows)
    assert texts[1].endswith(" sat with [REDACTED]. I felt safe today.")
    assert all("Karen" not in text and "Olive" not in text for text in texts)


def test_a_researcher_codes_items_and_writes_the_matrix(context, page, live_server):
    rhea = UserFactory(display_name="Rhea", roles=[Role.RESEARCHER])
    olive = UserFactory(display_name="Olive Owner", roles=[Role.MEMBER])
    granted_note(owner=olive, title="", body="I felt safe today. Nobody rushed me at the desk.")
    sign_in_as(context, live_server, rhea)
    page.goto("/research/projects/new/")
    page.get_by_label("Name of the project").fill("Reception study")
    page.get_by_role("button", name="Start the project").click()

    page.get_by_role("link", name="Codebook").click()
    assert_accessible(page)
    page.get_by_label("Name of the theme or code").fill("The waiting room")
    page.get_by_label("Under (optional)").select_option(label="Safety")
    page.get_by_role("button", name="Add to the codebook").click()
    expect(page.get_by_role("heading", name="Safety › The waiting room")).to_be_visible()
    page.get_by_role("link", name="Change Safety › The waiting room").click()
    assert_accessible(page)
    page.get_by_role("link", name="Back to the codebook").click()

    # Add the items to the analysis (the password first).
    page.get_by_role("link", name="Items and exports").click()
    page.get_by_role("link", name="Add items to the analysis").click()
    page.get_by_label("Reflective note").check()
    page.get_by_role("button", name="Find the items").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the items for the analysis")
    page.get_by_role("button", name="Add 1 item to the analysis").click()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Carry on").click()
    assert_accessible(page)
    page.get_by_role("link", name="the project's analysis").click()

    # Code a sentence by ticking it.
    page.get_by_role("link", name="Reflective note", exact=False).click()
    assert_accessible(page)
    page.get_by_label("I felt safe today.").check()
    page.get_by_role("group", name="Codes").get_by_label("Safety").check()
    page.get_by_label("Memo (optional)").fill("At ease.")
    page.get_by_role("button", name="Code these words").click()
    expect(page.get_by_role("status")).to_contain_text("Coded: 1 passage.")
    expect(page.get_by_text("Coded: Safety")).to_be_visible()
    assert_accessible(page)

    # Code words by selecting them: the script turns the selection into offsets.
    page.evaluate(
        """() => {
            const label = [...document.querySelectorAll('label[data-start]')]
                .find((element) => element.textContent.startsWith('Nobody'));
            const range = document.createRange();
            range.setStart(label.firstChild, 7);
            range.setEnd(label.firstChild, 13);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }"""
    )
    expect(page.locator("[data-coding-quote]")).to_have_text("rushed")
    page.get_by_role("group", name="Codes").get_by_label("The waiting room").check()
    page.get_by_role("button", name="Code these words").click()
    expect(page.get_by_role("status")).to_contain_text("Coded: 1 passage.")
    assert sorted(passage.quote for passage in Passage.objects.all()) == [
        "I felt safe today.",
        "rushed",
    ]

    # The matrix: write the summary of the case on Safety.
    page.get_by_role("link", name="Framework matrix").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("framework matrix")
    assert_accessible(page)
    page.get_by_role("link", name="Write the summary of P01 on Safety", exact=True).click()
    assert_accessible(page)
    page.get_by_label("Summary").fill("Feels safe when nobody rushes her.")
    page.get_by_role("button", name="Save the summary").click()
    expect(page.get_by_text("Feels safe when nobody rushes her.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Researchers and name").click()
    assert_accessible(page)
