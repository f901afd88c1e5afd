"""No form shows Django's or the sign-in library's default messages: every form of the
workspace is posted empty and with wrong values, and the pages it answers with are read."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.helpers import sign_in_recently
from tests.integrity.test_no_input_crashes import POSTING, raw_post

pytestmark = pytest.mark.django_db

DEFAULTS = [
    "This field is required.",
    "Enter a valid",
    "Select a valid choice",
    "Ensure this value",
    "Null characters are not allowed",
    "No file was submitted",
    "The submitted file is empty",
    "is not one of the available choices",
    "Enter a whole number",
    "Enter a number",
]


@pytest.mark.parametrize("url_name", POSTING)
@pytest.mark.parametrize(
    "typed", ["", "x" * 5000, "not-a-choice-\x00"], ids=["empty", "long", "odd"]
)
def test_no_form_answers_with_djangos_default_words(url_name, target, typed):
    client, targets = target
    for action, names in targets:
        response = raw_post(client, action, dict.fromkeys(names, typed), broken=False)
        if response.streaming:
            continue
        text = response.content.decode(errors="replace")
        for default in DEFAULTS:
            assert default not in text, (action, default)


@pytest.mark.parametrize(
    ("url_name", "fields"),
    [
        ("account_login", {"login": "", "password": ""}),
        ("account_login", {"login": "not an email", "password": "x"}),
        ("account_login", {"login": "nobody@example.org", "password": "wrong-password-1"}),
        ("account_reset_password", {"email": ""}),
        ("account_reset_password", {"email": "not an email"}),
    ],
)
def test_the_sign_in_pages_speak_plainly_when_something_is_wrong(url_name, fields):
    response = Client().post(reverse(url_name), fields)
    text = response.content.decode()
    for default in [*DEFAULTS, "The email address and/or password you specified are not correct"]:
        assert default not in text, default
    assert "There is a problem" in text


def test_a_failed_sign_in_says_the_password_must_be_typed_again(cast):
    response = Client().post(
        reverse("account_login"), {"login": cast.member.email, "password": "wrong-password-1"}
    )
    text = response.content.decode()
    assert "type it again" in text
    assert "Nothing you typed has been lost" not in text
    assert "<title>Error: Workspace</title>" in text


def test_the_sign_in_page_has_one_way_to_a_forgotten_password():
    text = Client().get(reverse("account_login")).content.decode()
    assert text.count(reverse("account_reset_password")) == 1


def test_changing_the_password_asks_plainly(cast):
    client = Client()
    sign_in_recently(client, cast.member)
    text = client.post(reverse("account_change_password"), {}).content.decode()
    for default in DEFAULTS:
        assert default not in text
