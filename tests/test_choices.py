"""A form's list of rows to choose from is read in one query.

Django reads a choice field's rows with `.iterator()`, which on PostgreSQL opens a server-side
cursor: four round trips (declare, fetch, fetch, close) for a handful of meetings or prompts, on
every page with such a form. bridging_gaps/choices.py reads them in one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from psycopg import ServerCursor

from tests.factories_meetings import MeetingFactory
from tests.factories_reflections import PromptFactory, write_note

pytestmark = pytest.mark.django_db


@pytest.fixture
def server_cursors(monkeypatch) -> list[str]:
    """The queries sent through a server-side cursor (the real cursor, only watched)."""
    opened: list[str] = []
    execute = ServerCursor.execute

    def watched(self, query, *args, **kwargs):
        opened.append(str(query))
        return execute(self, query, *args, **kwargs)

    monkeypatch.setattr(ServerCursor, "execute", watched)
    return opened


@pytest.mark.parametrize("url_name", ["my_notes", "note_prompts", "note_create"])
def test_a_page_with_a_choice_of_meetings_and_prompts_opens_no_server_side_cursor(
    client, cast, server_cursors, url_name
):
    meeting = MeetingFactory(starts_at=timezone.now() - timedelta(days=1))
    PromptFactory()
    write_note(cast.member, meeting=meeting)
    client.force_login(cast.member)
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert server_cursors == []


def test_a_choice_field_still_offers_every_row_and_its_empty_choice():
    from django import forms

    from meetings.models import Meeting

    meetings = [MeetingFactory(), MeetingFactory()]
    field = forms.ModelChoiceField(Meeting.objects.order_by("starts_at"), empty_label="Any")
    choices = list(field.choices)
    assert choices[0] == ("", "Any")
    assert [str(value) for value, _label in choices[1:]] == [str(m.pk) for m in meetings]
    assert len(field.choices) == 3
