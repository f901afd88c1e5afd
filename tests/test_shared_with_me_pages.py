"""Shared with me is paged: the latest of each kind, then one kind a page at a time, and the
number of queries does not grow with the archive."""

from __future__ import annotations

from django.urls import reverse

from consent.models import Audience
from tests.factories_items import NoteFactory
from tests.helpers import share


def shared_notes(owner, count):
    notes = []
    for number in range(count):
        note = NoteFactory(owner=owner, title=f"Shared note {number:02d}")
        share(note, **{str(Audience.GROUP): False})
        notes.append(note)
    return notes


def test_the_page_of_every_kind_shows_the_latest_ten_and_a_way_to_see_all(client, cast):
    shared_notes(cast.owner, 12)
    client.force_login(cast.member)
    page = client.get(reverse("shared_with_me")).text
    assert page.count("Shared note") == 10
    assert "Shared note 11" in page
    assert "Shared note 01" not in page
    assert "See every reflective note shared with you" in page


def test_one_kind_is_read_a_page_at_a_time(client, cast):
    shared_notes(cast.owner, 25)
    client.force_login(cast.member)
    url = reverse("shared_with_me")
    first = client.get(url, {"kind": "note"}).text
    second = client.get(url, {"kind": "note", "page": "2"}).text
    assert first.count("Shared note") == 20
    assert second.count("Shared note") == 5
    assert "Next page" in first
    assert "Next page" not in second
    assert "Previous page" in second
    assert client.get(url, {"kind": "note", "page": "x"}).status_code == 200


def test_the_number_of_queries_does_not_grow_with_what_is_shared(
    client, cast, django_assert_max_num_queries
):
    shared_notes(cast.owner, 3)
    client.force_login(cast.member)
    client.get(reverse("shared_with_me"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(reverse("shared_with_me"), {"kind": "note"})
    shared_notes(cast.gp, 30)
    with django_assert_max_num_queries(len(few)):
        client.get(reverse("shared_with_me"), {"kind": "note"})
