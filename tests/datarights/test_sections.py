"""A data-rights section is declared once: its page and its part of data.json are both made
from the same entries, so the two cannot say different things."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from django.template.loader import render_to_string

from datarights.hooks import Entry, Fact, Section, Text, facts

SAVED = datetime(2026, 12, 4, 18, 30, tzinfo=UTC)


def page_of(section: Section) -> str:
    return render_to_string("datarights/archive/section.html", {"section": section, "pages": []})


def data_of(section: Section) -> object:
    return json.loads(json.dumps(section.data, cls=DjangoJSONEncoder))


def a_section() -> Section:
    return Section(
        key="payments",
        title="Your payments",
        entries=[
            Entry(
                group="payments",
                heading="Voucher for the meeting",
                facts=facts(
                    ("Amount", Decimal("20.00"), "amount", "£20.00"),
                    ("Given", True, "issued"),
                    ("Given on", SAVED),
                    ("Note", ""),
                ),
                texts=[Text("What for", "Coming to the\nmeeting")],
            )
        ],
        groups=("payments", "finance_lists"),
    )


def test_a_fact_is_on_the_page_in_plain_words_and_in_data_json_as_its_value():
    page, data = page_of(a_section()), data_of(a_section())
    assert "<dt>Amount</dt><dd>£20.00</dd>" in page
    assert "<dt>Given</dt><dd>yes</dd>" in page
    assert "4 December 2026" in page
    entry = data["payments"][0]
    assert entry["amount"] == "20.00"
    assert entry["issued"] is True
    assert entry["given_on"].startswith("2026-12-04T18:30")
    assert entry["what_for"] == "Coming to the\nmeeting"


def test_an_empty_fact_is_left_off_the_page_and_kept_in_data_json():
    page, data = page_of(a_section()), data_of(a_section())
    assert "<dt>Note</dt>" not in page
    assert data["payments"][0]["note"] == ""


def test_every_group_is_in_data_json_even_when_it_has_nothing():
    assert data_of(a_section())["finance_lists"] == []


def test_two_rows_with_one_label_both_reach_data_json():
    entry = Entry(
        heading="A note", texts=[Text("What went well?", "a"), Text("What went well?", "b")]
    )
    assert entry.data()["what_went_well"] == "a"
    assert entry.data()["what_went_well_2"] == "b"


def test_parts_are_lists_by_their_group_inside_their_entry():
    note = Entry(
        heading="A note",
        parts=[
            Entry(group="versions", heading="Version 1", facts=[Fact("Number", 1)]),
            Entry(group="versions", heading="Version 2", facts=[Fact("Number", 2)]),
        ],
    )
    assert [version["number"] for version in note.data()["versions"]] == [1, 2]
    page = page_of(Section(key="notes", title="Notes", entries=[note]))
    assert page.index("Version 1") < page.index("Version 2")
