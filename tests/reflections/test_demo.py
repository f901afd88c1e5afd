"""The demo group has notes to explore: shared, anonymous, behind a warning, drafts."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from meetings.models import Meeting
from people import demo as people_demo
from people.models import User
from reflections import demo
from reflections.models import ReflectiveNote

pytestmark = pytest.mark.django_db


def test_the_demo_has_shared_anonymous_and_warned_notes_and_drafts(client):
    call_command("seed_demo", stdout=StringIO())
    ruth = User.objects.get(email="ruth@example.org")
    client.force_login(ruth)
    shared = client.get(reverse("notes_shared"))
    assert "Content warning." in shared.text  # Maya's note, behind its warning
    assert "Why I nearly did not come" not in shared.text
    assert "What I am taking back to the practice" in shared.text
    assert "By Dr Sam Sample" in shared.text
    mine = client.get(reverse("my_notes"))
    assert "Unsaved changes" in mine.text
    assert ReflectiveNote.objects.filter(is_draft=True).count() == 1
    assert ReflectiveNote.objects.filter(version=2).exists()


# These call the notes demo directly: the command also runs the meetings demo.
def test_demo_notes_are_linked_to_meetings_only_when_there_are_meetings():
    demo.seed(people_demo.seed())
    assert ReflectiveNote.objects.exists()
    assert not ReflectiveNote.objects.filter(meeting__isnull=False).exists()


def test_demo_notes_link_to_past_meetings_when_there_are_some():
    for days in (3, 17):
        starts = timezone.now() - timedelta(days=days)
        Meeting.objects.create(starts_at=starts, ends_at=starts + timedelta(hours=2))
    demo.seed(people_demo.seed())
    assert ReflectiveNote.objects.filter(meeting__isnull=False).count() == 3
