"""Every page a person can reach is the workspace's own: it extends the workspace's base
template, the sign-in library's pages and Django's error pages included, and no page shows
Django's or allauth's default words."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.authz import all_classified
from tests.authz.specs import ListPage, Public, Secret, SignedInAction
from tests.helpers import library_templates_in, sign_in_recently
from tests.integrity.test_no_input_crashes import who_and_where

pytestmark = pytest.mark.django_db

CLASSIFIED = all_classified()

# The sign-in library's pages, and who reaches each: signed out (None), or signed in.
ALLAUTH_PAGES = {
    "account_login": None,
    "account_signup": None,
    "account_reset_password": None,
    "account_reset_password_done": None,
    "account_reset_password_from_key_done": None,
    "account_inactive": None,
    "account_email_verification_sent": None,
    "account_logout": "member",
    "account_reauthenticate": "member",
    "account_email": "member",
    "account_change_password": "member",
    "account_set_password": "member",
    "mfa_index": "gp",
    "mfa_activate_totp": "member",
    "mfa_deactivate_totp": "gp",
    "mfa_view_recovery_codes": "gp",
    "mfa_generate_recovery_codes": "gp",
}
ALLAUTH_WITH_ARGS = {
    "account_confirm_email": ["not-a-key"],
    "account_reset_password_from_key": ["1a", "not-a-key"],
}
NOT_PAGES = {
    "usersessions_list",  # the same page as "sessions"
    "mfa_download_recovery_codes",
    "account_confirm_login_code",
    # Asking again takes the password only: these three answer as if they did not exist.
    "account_request_reauthentication_code",
    "account_confirm_reauthentication_code",
    "mfa_reauthenticate",
    "mfa_authenticate",
    "healthz",
    "meeting_ics",
    "calendar_feed",
    "export_progress",
    "recording_audio",
    "export_download",
    "payments_receipt",
    "data_download_file",
    "matrix_download",
    "payments_export",
}


def extends_base(response) -> bool:
    names = {template.name for template in response.templates if template.name}
    return "base.html" in names


def html(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html") and not response.streaming


# Actions answer a POST with a redirect; quick exit redirects to the neutral site: no page.
ACTIONS = {
    name
    for name, spec in CLASSIFIED.items()
    if getattr(spec, "method", "get") == "post" or isinstance(spec, SignedInAction)
} | {"quick_exit"}


@pytest.mark.parametrize("url_name", sorted(set(CLASSIFIED) - NOT_PAGES - ACTIONS))
def test_every_workspace_page_extends_the_base(cast, url_name):
    spec = CLASSIFIED[url_name]
    person, args = who_and_where(spec, cast)
    if isinstance(spec, ListPage):
        person, args = cast.owner, spec.args(spec.make(cast.owner, Secret()))
    if isinstance(spec, Public):
        pattern = next(p for p in _patterns(get_resolver().url_patterns) if p.name == url_name)
        args = ["x" * 8 for _ in pattern.pattern.converters]
    client = Client()
    if person is not None:
        sign_in_recently(client, person)
    url = reverse(url_name, args=args or [])
    response = client.get(url)
    # A public page reached with made-up arguments (an invitation) says it was not found.
    assert response.status_code == (404 if isinstance(spec, Public) and args else 200), url
    assert html(response), url
    assert extends_base(response), (url, [t.name for t in response.templates])


@pytest.mark.parametrize("url_name", sorted({**ALLAUTH_PAGES, **ALLAUTH_WITH_ARGS}))
def test_every_sign_in_page_extends_the_base(cast, url_name):
    who = ALLAUTH_PAGES.get(url_name)
    client = Client()
    if who is not None:
        sign_in_recently(client, getattr(cast, who))
    url = reverse(url_name, args=ALLAUTH_WITH_ARGS.get(url_name, []))
    response = client.get(url)
    if response.status_code in (301, 302):
        response = client.get(response["Location"])
    assert html(response), url
    assert extends_base(response), (url, [t.name for t in response.templates])
    assert library_templates_in(response) == [], url


def _patterns(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if getattr(pattern, "app_name", None) == "admin":
                continue
            yield from _patterns(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield pattern


def test_every_named_url_is_known_here():
    known = set(CLASSIFIED) | set(ALLAUTH_PAGES) | set(ALLAUTH_WITH_ARGS) | NOT_PAGES
    unknown = {p.name for p in _patterns(get_resolver().url_patterns)} - known
    assert not unknown, f"Say in tests/ux/test_every_page.py whether these are pages: {unknown}"


@pytest.mark.parametrize("status", [400, 403, 404, 500])
def test_error_pages_are_the_workspaces_own(client, status):
    from django.template.loader import get_template

    template = get_template(f"{status}.html")
    assert "base.html" in template.template.source or extends_base_source(template)


def extends_base_source(template) -> bool:
    return '{% extends "base.html" %}' in template.template.source


def test_a_csrf_failure_is_the_workspaces_own_page(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.member)
    response = client.post(reverse("contact_details"), {"kind": "phone", "value": "1"})
    assert response.status_code == 403
    assert extends_base(response)
    assert "Forbidden" not in response.content.decode()


def test_the_server_error_page_is_the_workspaces_own_and_needs_no_database():
    from django.test import RequestFactory

    from bridging_gaps.views import server_error

    response = server_error(RequestFactory().get("/"))
    text = response.content.decode()
    assert response.status_code == 500
    assert "Something went wrong on our side" in text
    assert "<title>Error: Workspace</title>" in text
    assert "Exit this page" in text


def test_the_password_is_asked_again_with_the_reason(cast):
    from tests.factories_items import NoteFactory

    note = NoteFactory(owner=cast.member)
    client = Client()
    client.force_login(cast.member)
    target = reverse("share", args=["note", note.pk])
    page = client.get(reverse("account_reauthenticate") + f"?next={target}").content.decode()
    assert "Type your password again" in page
    assert "to share this reflective note more widely" in page
    assert "Confirm Access" not in page
