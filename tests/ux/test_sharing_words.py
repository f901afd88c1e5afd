"""Lists say who can see each of my things, and the check before sharing names the people."""

from __future__ import annotations

import pytest
from django.urls import reverse

from interviews.models import Status
from people.models import Role
from tests.factories import UserFactory
from tests.factories_interviews import interview_at
from tests.factories_items import NoteFactory
from tests.helpers import share, sign_in_recently

pytestmark = pytest.mark.django_db


def test_my_notes_and_the_dashboard_say_who_can_see_each_note(client, cast):
    private = NoteFactory(owner=cast.owner, title="Private one")
    shared = NoteFactory(owner=cast.owner, title="Shared one")
    share(shared, group=False, gps=True, research_use=True)
    client.force_login(cast.owner)
    for page in (client.get(reverse("my_notes")).text, client.get(reverse("dashboard")).text):
        assert "Only you" in page
        assert "Whole group, with your name" in page
        assert "GPs, without your name" in page
        assert "Research: yes" in page
    assert private.title in page


def test_interviews_and_minutes_say_who_can_see_them(client, cast):
    interview = interview_at(Status.REVIEWED, interviewee=cast.owner)
    share(interview, researchers=False)
    client.force_login(cast.owner)
    assert "Researchers, with your name" in client.get(reverse("interview_list")).text


def test_the_check_before_sharing_names_the_people_it_means_today(client, cast):
    UserFactory(display_name="Dr Lee Sample", roles=[Role.GP, Role.RESEARCHER])
    note = NoteFactory(owner=cast.owner)
    sign_in_recently(client, cast.owner)
    page = client.post(
        reverse("share", args=["note", note.pk]),
        {"who": "some", "audiences": ["gps", "researchers"], "name": "named", "preview": "1"},
    ).text
    assert "<strong>GPs</strong> (2 people): Dr Gita Practitioner, Dr Lee Sample" in page
    assert "<strong>Researchers</strong> (2 people)" in page
    assert "In all, 3 people today" in page
    assert "counted once" in page
    assert "People who join later" in page


def test_the_sharing_form_asks_one_question_per_choice(client, cast):
    note = NoteFactory(owner=cast.owner)
    client.force_login(cast.owner)
    page = client.get(reverse("share", args=["note", note.pk])).text
    assert page.count('type="radio"') == 3 + 2
    assert "Who can see this reflective note?" in page
    assert "Research:" not in page.replace("<legend>Research</legend>", "")


def test_a_new_member_is_welcomed_in_few_words_then_shown_how_to_stay_safe(client):
    import re

    from tests.factories import PASSWORD

    UserFactory(email="nia@example.org", welcomed_at=None, safety_seen_at=None)
    response = client.post(
        reverse("account_login"), {"login": "nia@example.org", "password": PASSWORD}
    )
    assert response["Location"] == reverse("welcome")
    page = client.get(reverse("welcome")).text
    main = re.sub(r"<[^>]+>", " ", page[page.index("<main") : page.index("</main>")])
    assert len(main.split()) < 150
    for words in ("starts private", "group agreement", "ask", "Exit this page"):
        assert words in main
    assert reverse("safety") in page
    assert client.post(reverse("welcome"))["Location"] == reverse("safety")
