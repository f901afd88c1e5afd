"""Content warnings: a reader meets the warning first and chooses. The author sees her text."""

from __future__ import annotations

import pytest
from django.urls import reverse

from consent.models import AccessEvent
from tests.factories_reflections import write_note
from tests.helpers import share

pytestmark = pytest.mark.django_db

TITLE = "When it came back"
BODY = "The words behind the warning"


@pytest.fixture
def warned(cast):
    note = write_note(
        cast.owner,
        title=TITLE,
        body=BODY,
        content_warnings=["abuse", "self_harm"],
        content_warning_words="talks about my childhood",
    )
    share(note, group=True)
    return note


def test_a_reader_sees_the_warning_and_a_way_to_show_the_text_but_not_the_text(
    client, cast, warned
):
    client.force_login(cast.member)
    page = client.get(reverse("note_detail", args=[warned.pk]))
    assert page.status_code == 200
    assert "Content warning" in page.text
    assert "This note mentions abuse, self-harm or suicide." in page.text
    assert "In the author's words: “talks about my childhood”" in page.text
    assert f'href="{reverse("note_read", args=[warned.pk])}"' in page.text
    assert "Show the note" in page.text
    assert BODY not in page.text
    assert TITLE not in page.text
    assert "By a member" in page.text


def test_the_text_is_on_its_own_page_behind_the_show_link(client, cast, warned):
    client.force_login(cast.member)
    page = client.get(reverse("note_read", args=[warned.pk]))
    assert page.status_code == 200
    assert BODY in page.text
    assert TITLE in page.text
    assert "Content warning" in page.text
    assert "data-note-text" in page.text


def test_the_author_sees_her_own_text_directly(client, cast, warned):
    client.force_login(cast.owner)
    page = client.get(reverse("note_detail", args=[warned.pk]))
    assert BODY in page.text
    assert TITLE in page.text
    assert "Show the note" not in page.text
    assert "Your content warning: others see it first" in page.text


@pytest.mark.parametrize("url_name", ["notes_shared", "note_search", "dashboard"])
def test_lists_show_readers_the_warning_before_any_words_of_the_note(
    client, cast, warned, url_name
):
    client.force_login(cast.member)
    page = client.get(reverse(url_name))
    assert "Content warning." in page.text
    assert "This note mentions abuse, self-harm or suicide." in page.text
    assert reverse("note_read", args=[warned.pk]) in page.text
    assert BODY not in page.text
    assert TITLE not in page.text


def test_the_generic_shared_with_me_page_shows_no_words_of_a_warned_note(client, cast, warned):
    client.force_login(cast.member)
    page = client.get(reverse("shared_with_me"))
    assert warned.neutral_title in page.text
    assert TITLE not in page.text


def test_the_author_sees_her_title_and_words_in_her_own_list(client, cast, warned):
    client.force_login(cast.owner)
    page = client.get(reverse("my_notes"))
    assert TITLE in page.text
    assert BODY in page.text
    assert "Your content warning: abuse, self-harm or suicide, “talks about my childhood”" in (
        page.text
    )


def test_a_note_without_a_warning_shows_its_text_to_readers(client, cast):
    note = write_note(cast.owner, title="Plain", body="Nothing hard here")
    share(note, group=True)
    client.force_login(cast.member)
    page = client.get(reverse("note_detail", args=[note.pk]))
    assert "Nothing hard here" in page.text
    assert "Content warning" not in page.text


def test_a_warning_in_the_authors_own_words_is_shown_as_text_not_markup(client, cast):
    note = write_note(cast.owner, body="x", content_warning_words="<b>loud</b>")
    share(note, group=True)
    client.force_login(cast.member)
    page = client.get(reverse("note_detail", args=[note.pk]))
    assert "&lt;b&gt;loud&lt;/b&gt;" in page.text


def test_showing_the_text_is_written_in_the_owners_access_log(client, cast, warned):
    client.force_login(cast.member)
    client.get(reverse("note_read", args=[warned.pk]))
    event = AccessEvent.objects.get()
    assert (event.viewer, event.how, event.item_id) == (cast.member, "viewed", warned.pk)
