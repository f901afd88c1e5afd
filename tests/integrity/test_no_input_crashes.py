"""No input, however odd, gives a server error: arbitrary text (NUL bytes, broken surrogates
sent as raw bytes, control characters, very long text, right-to-left marks) is posted into
every field of every form and endpoint of the workspace, the sign-in library's included, as
someone allowed to use it."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.authz import all_classified
from tests.authz.specs import (
    FacilitatorsOnly,
    GroupOnly,
    ItemPage,
    ListPage,
    OwnerOnly,
    OwnRecord,
    OwnRecordForFacilitators,
    PartOfItemPage,
    Public,
    ResearchersOnly,
    ResearchProjectPage,
    Secret,
    SignedIn,
    SignedInAction,
)
from tests.helpers import sign_in_recently

pytestmark = pytest.mark.django_db

CLASSIFIED = all_classified()
# Field names tried on endpoints that have no form of their own to read them from.
GENERIC_FIELDS = ["text", "body", "title", "words", "reason", "remove", "to", "outcome", "page"]
TRICKY = [
    "\x00",
    "a\x00b",
    "\u202etxt.exe",
    "\r\n\t\x0b\x0c",
    "x" * 200_000,
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "😀" * 50,
    "",
]


class Fields(HTMLParser):
    """The names of the fields of the page's POST forms, and where each form posts."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, set[str]]] = []
        self._current: set[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and (attributes.get("method") or "").lower() == "post":
            self._current = set()
            self.forms.append((attributes.get("action") or "", self._current))
        elif tag in ("input", "textarea", "select") and self._current is not None:
            name = attributes.get("name")
            if name and name != "csrfmiddlewaretoken":
                self._current.add(name)

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def who_and_where(spec, cast):
    """(person, url arguments) for someone allowed to use the URL."""
    if isinstance(
        spec, OwnerOnly | ItemPage | OwnRecord | PartOfItemPage | OwnRecordForFacilitators
    ):
        return cast.owner, spec.args(spec.make(cast.owner, Secret()))
    if isinstance(spec, ResearchProjectPage):
        return cast.researcher, spec.make(cast, Secret())
    if isinstance(spec, FacilitatorsOnly):
        return cast.facilitator, spec.args(cast)
    if isinstance(spec, ResearchersOnly):
        return cast.researcher, spec.args(cast)
    if isinstance(spec, GroupOnly | SignedIn):
        return cast.member, spec.args(cast)
    if isinstance(spec, ListPage):
        return cast.owner, spec.args(spec.make(cast.owner, Secret()))
    if isinstance(spec, SignedInAction):
        return cast.member, []
    if isinstance(spec, Public):
        return None, None
    return None, None


POSTING = sorted(name for name, spec in CLASSIFIED.items() if not isinstance(spec, Public))


def raw_post(client: Client, url: str, fields: dict[str, str], broken: bool):
    body = urlencode(fields, doseq=True)
    if broken:
        # Bytes that are not UTF-8 at all: a lone surrogate's encoding, and stray bytes.
        body += "&" + "&".join(f"{name}=%ED%A0%80%FF%C0" for name in fields)
    return client.post(url, data=body, content_type="application/x-www-form-urlencoded")


@pytest.fixture
def target(url_name, cast):
    """Who may use the URL, signed in, and the forms to post to, found once per URL (every
    example then posts into the same forms)."""
    spec = CLASSIFIED[url_name]
    person, args = who_and_where(spec, cast)
    assert person is not None, f"Say who may use {url_name} in who_and_where()"
    client = Client(raise_request_exception=False)
    sign_in_recently(client, person)
    url = reverse(url_name, args=args)
    targets: list[tuple[str, set[str]]] = []
    if getattr(spec, "method", "get") == "get":
        page = client.get(url)
        assert page.status_code < 500, (url, page.status_code)
        if "text/html" in page.get("Content-Type", ""):
            parser = Fields()
            parser.feed(page.content.decode())
            targets = [(action or url, names) for action, names in parser.forms]
    if not targets:
        targets = [(url, set(GENERIC_FIELDS) | set(getattr(spec, "data", {}) or {}))]
    return client, [
        (action, names or set(GENERIC_FIELDS))
        for action, names in targets
        if action.startswith("/") and not action.startswith("/accounts/")
    ]


@pytest.mark.parametrize("url_name", POSTING)
@settings(
    max_examples=6,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    typed=st.one_of(st.sampled_from(TRICKY), st.text(max_size=300)),
    broken=st.booleans(),
)
def test_posting_anything_into_any_form_never_gives_a_server_error(target, typed, broken):
    client, targets = target
    for action, names in targets:
        response = raw_post(client, action, dict.fromkeys(names, typed), broken)
        assert response.status_code < 500, (action, response.status_code)


# The sign-in library's forms, and who fills each in: signed out (None), or signed in.
SIGN_IN_FORMS = {
    "account_login": None,
    "account_reset_password": None,
    "account_email": "member",
    "account_change_password": "member",
    "account_reauthenticate": "member",
    "mfa_activate_totp": "member",
    "mfa_generate_recovery_codes": "gp",
    "mfa_deactivate_totp": "gp",
}


@pytest.mark.parametrize(("url_name", "who"), sorted(SIGN_IN_FORMS.items()))
@pytest.mark.parametrize("broken", [False, True])
def test_posting_anything_into_the_sign_in_forms_never_gives_a_server_error(
    cast, url_name, who, broken
):
    client = Client(raise_request_exception=False)
    url = reverse(url_name)
    for typed in TRICKY:
        if who is not None:
            sign_in_recently(client, getattr(cast, who))  # a post may have signed her out
        page = client.get(url)
        assert page.status_code < 500, (url, page.status_code)
        parser = Fields()
        parser.feed(page.content.decode())
        assert parser.forms, f"{url} has no form to post into"
        names = set().union(*(names for _, names in parser.forms))
        response = raw_post(client, url, dict.fromkeys(names, typed), broken)
        assert response.status_code < 500, (url, repr(typed[:10]), response.status_code)
