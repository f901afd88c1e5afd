"""Before something widens (a share, a yes to research, an export), the workspace asks for her
password again: so that nobody else who picks up her phone can do it. Only the password counts.
A code sent to her email, or one from an authenticator app, arrives on that same phone."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from allauth.mfa.utils import decrypt
from django.core import mail
from django.urls import reverse

from consent.models import Share
from tests.factories_items import NoteFactory

pytestmark = pytest.mark.django_db

WIDER = {"who": "some", "audiences": ["gps"], "name": "named", "confirm": "1"}


def _current_code(person) -> str:
    secret = decrypt(Authenticator.objects.get(user=person, type="totp").data["secret"])
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def _asked_again(client, person):
    """She widens who sees a note of hers, long after she signed in: the page that asks."""
    note = NoteFactory(owner=person, title="Tuesday")
    client.force_login(person)
    response = client.post(reverse("share", args=["note", note.pk]), WIDER)
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    return note, client.get(response["Location"])


@pytest.mark.parametrize("who", ["owner", "gp"])
def test_asking_again_offers_only_her_password(client, cast, who):
    _, page = _asked_again(client, getattr(cast, who))
    assert page.status_code == 200
    assert "Type your password again" in page.text
    assert "Or use another way" not in page.text
    assert reverse("account_request_reauthentication_code") not in page.text
    assert reverse("mfa_reauthenticate") not in page.text


@pytest.mark.parametrize(
    "url_name", ["account_request_reauthentication_code", "account_confirm_reauthentication_code"]
)
@pytest.mark.parametrize("signed_in", [True, False])
def test_a_code_by_email_is_not_a_way_in_and_sends_nothing(client, cast, url_name, signed_in):
    """Answered as a page that does not exist, signed in or not (an address nobody has is a
    404 before any sign-in is asked for)."""
    if signed_in:
        client.force_login(cast.owner)
    for method in (client.get, client.post):
        response = method(reverse(url_name), {"recipient": cast.owner.email, "code": "123456"})
        assert response.status_code == 404
    assert not mail.outbox


def test_a_code_from_her_authenticator_app_does_not_stand_in_for_her_password(client, cast):
    note, _ = _asked_again(client, cast.gp)
    client.post(reverse("mfa_reauthenticate"), {"code": _current_code(cast.gp)})
    response = client.post(reverse("share", args=["note", note.pk]), WIDER)
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not Share.objects.exists()
