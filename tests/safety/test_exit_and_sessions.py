"""Safe on a shared phone: an exit that always signs out, sessions that end, nothing in
history, titles or the address bar."""

from __future__ import annotations

import re
import time

import pytest
from django.conf import settings
from django.urls import reverse

from people.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CLEAR = '"cache", "cookies", "storage"'


def test_exit_by_plain_link_ends_the_session_clears_site_data_and_leaves(client, cast):
    client.force_login(cast.member)
    response = client.get(reverse("quick_exit"))
    assert response.status_code == 302
    assert response["Location"] == settings.QUICK_EXIT_URL
    assert response["Clear-Site-Data"] == CLEAR
    assert "no-store" in response["Cache-Control"]
    assert "/accounts/login/" in client.get(reverse("dashboard"))["Location"]


def test_exit_works_signed_out_and_twice(client):
    for _ in range(2):
        response = client.get(reverse("quick_exit"))
        assert response.status_code == 302
        assert response["Location"] == settings.QUICK_EXIT_URL


def test_the_exit_button_is_a_link_to_the_workspace_s_own_exit(client, cast):
    client.force_login(cast.member)
    page = client.get(reverse("dashboard")).text
    assert f'href="{reverse("quick_exit")}"' in page


def test_a_session_idle_for_longer_than_the_limit_ends(client, cast, settings):
    settings.SESSION_IDLE_MINUTES = 30
    client.force_login(cast.member)
    assert client.get(reverse("dashboard")).status_code == 200
    session = client.session
    session["last_activity"] = time.time() - 31 * 60
    session.save()
    response = client.get(reverse("dashboard"))
    assert "/accounts/login/" in response["Location"]


def test_a_member_can_choose_a_longer_idle_time_on_a_phone_only_she_uses(client, cast, settings):
    settings.SESSION_IDLE_MINUTES = 30
    User.objects.filter(pk=cast.member.pk).update(idle_minutes=240)
    client.force_login(cast.member)
    client.get(reverse("dashboard"))
    session = client.session
    session["last_activity"] = time.time() - 60 * 60
    session.save()
    assert client.get(reverse("dashboard")).status_code == 200


def test_the_absolute_lifetime_still_ends_a_busy_session(client, cast):
    client.force_login(cast.member)
    client.get(reverse("dashboard"))
    session = client.session
    session["signed_in_at"] = time.time() - 13 * 3600
    session.save()
    assert "/accounts/login/" in client.get(reverse("dashboard"))["Location"]


def test_what_was_typed_when_the_session_ended_is_kept_and_shown_after_signing_in(
    client, cast, settings
):
    settings.SESSION_IDLE_MINUTES = 30
    client.force_login(cast.member)
    client.get(reverse("contact_details"))
    session = client.session
    session["last_activity"] = time.time() - 31 * 60
    session.save()
    response = client.post(
        reverse("contact_details"), {"kind": "phone", "value": "07700 900555", "label": "mine"}
    )
    assert "/accounts/login/" in response["Location"]
    client.force_login(cast.member)
    page = client.get(reverse("contact_details")).text
    assert "07700 900555" in page
    assert "kept" in page.lower()


def test_search_words_never_go_into_the_address(client, cast):
    from tests.factories_reflections import write_note

    write_note(cast.member, body="the garden was quiet")
    client.force_login(cast.member)
    page = client.get(reverse("note_search")).text
    assert re.search(r'<form[^>]*method="post"[^>]*role="search"', page)
    found = client.post(reverse("note_search"), {"q": "garden"})
    assert found.status_code == 200
    assert "garden was quiet" in found.text
    assert "no-store" in found["Cache-Control"]
    assert "?q=" not in found.text


def test_plain_page_titles_are_the_default_and_before_sign_in(client):
    person = UserFactory()
    assert person.neutral_titles is True
    page = client.get(reverse("account_login")).text
    assert "<title>Workspace</title>" in page


def sign_in_by_password(client, person):
    from tests.factories import PASSWORD

    client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})


def test_where_you_are_signed_in_lists_sessions_and_signs_out_the_others(client, cast):
    from django.test import Client

    other = Client()
    sign_in_by_password(other, cast.member)
    sign_in_by_password(client, cast.member)
    assert client.get(reverse("dashboard")).status_code == 200
    page = client.get(reverse("sessions"))
    assert page.status_code == 200
    assert "127.0.0.1" not in page.text
    response = client.post(reverse("sessions"), {"others": "1"})
    assert response.status_code == 302
    assert "/accounts/login/" in other.get(reverse("dashboard"))["Location"]
    assert client.get(reverse("dashboard")).status_code == 200


def test_signing_out_everywhere_clears_site_data(client, cast):
    client.force_login(cast.member)
    response = client.post(reverse("sessions"), {"everywhere": "1"})
    assert response["Clear-Site-Data"] == CLEAR
    assert "/accounts/login/" in client.get(reverse("dashboard"))["Location"]


def test_the_first_sign_in_shows_the_safety_page_once(client, cast):
    from tests.factories import PASSWORD

    person = UserFactory(email="new@example.org", safety_seen_at=None)
    response = client.post(
        reverse("account_login"), {"login": "new@example.org", "password": PASSWORD}
    )
    assert response["Location"].startswith(reverse("safety"))
    page = client.get(response["Location"]).text
    assert "Exit this page" in page
    client.post(reverse("safety"), {"next": "/"})
    person.refresh_from_db()
    assert person.safety_seen_at is not None
    client.logout()
    again = client.post(
        reverse("account_login"), {"login": "new@example.org", "password": PASSWORD}
    )
    assert not again["Location"].startswith(reverse("safety"))
