"""Lists come in pages that never count the list: a page reads one row more than it shows to
know whether there is a next, and says "Page N" with Newer and Older."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bridging_gaps.paging import page_number, page_of
from people.models import User
from reflections.list_views import PAGE_SIZE
from tests.factories_reflections import write_note

pytestmark = pytest.mark.django_db

# (the list's URL, the table it lists, who reads it)
LISTS = [
    ("my_notes", "reflections_reflectivenote", "owner"),
    ("people_list", "people_user", "owner"),
    ("role_changes", "people_rolechange", "owner"),
    ("seen", "consent_accessevent", "owner"),
    ("consent_history", "consent_share", "owner"),
    ("interview_list", "interviews_interview", "researcher"),
    ("mentions_mine", "mentions_mention", "owner"),
    ("meeting_list", "meetings_meeting", "owner"),
    ("my_meetings", "meetings_attendance", "owner"),
    ("departures", "datarights_departure", "facilitator"),
]


@pytest.mark.parametrize(("url_name", "table", "reader"), LISTS)
def test_a_list_never_counts_what_it_lists(client, cast, url_name, table, reader):
    client.force_login(cast.owner if reader == "owner" else getattr(cast, reader))
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse(url_name)).status_code == 200
    counting = [
        query["sql"]
        for query in queries
        # Django's Paginator counts as "__count"; a list's own numbers (times read) are fine.
        if '"__count"' in query["sql"] and f'"{table}"' in query["sql"]
    ]
    assert counting == []


def test_a_page_reads_one_row_more_than_it_shows(cast):
    people = User.objects.order_by("pk")
    total = people.count()
    first = page_of(people, "1", total - 1)
    assert (len(first), first.has_next(), first.has_previous()) == (total - 1, True, False)
    second = page_of(people, 2, total - 1)
    assert (len(second), second.has_next(), second.has_previous()) == (1, False, True)


@pytest.mark.parametrize("typed", ["", "0", "-3", "abc", "1e9", "99999999999", None])
def test_an_odd_page_number_is_the_first_page_or_the_last_one_anyone_reaches(typed):
    assert 1 <= page_number(typed) <= 10_000


def test_my_notes_go_on_to_an_older_page(client, cast):
    for number in range(PAGE_SIZE + 2):
        write_note(cast.owner, body=f"Note number {number}", title=f"Title {number:02}")
    client.force_login(cast.owner)
    first = client.get(reverse("my_notes")).text
    assert "Page 1" in first
    assert 'name="page" value="2"' in first
    # Pages are posted with the filters (the words searched for stay out of the address).
    second = client.post(reverse("my_notes"), {"page": "2"}).text
    assert "Page 2" in second
    assert "Title 00" in second or "Title 01" in second
    assert 'name="page" value="1"' in second
    assert 'name="page" value="3"' not in second


def test_an_exports_preview_and_its_withdrawn_items_never_count_the_export(client, cast):
    from tests.factories_research import draft_export, granted_note, made_export, make_project

    project = make_project(cast.researcher)
    granted_note(owner=cast.owner, body="I felt safe today.")
    client.force_login(cast.researcher)
    for export, url_name in (
        (draft_export(project, cast.researcher), "export_preview"),
        (made_export(project, cast.researcher), "export_detail"),
    ):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(url_name, args=[export.pk])).status_code == 200
        counting = [q["sql"] for q in queries if '"__count"' in q["sql"]]
        assert counting == [], url_name
