"""The authorization matrix, generated from the URL configuration.

Every named URL of the project must be classified in tests/authz/. Pages that
show, list or change items are tried as every viewer (member, GP, researcher,
support worker, facilitator, superuser, deactivated, outsider, anonymous) in
every consent state (private, shared with one role by name, shared with the
group anonymously, withdrawn, research use only). A page passes when:

- a viewer the rules allow gets 200 and the item's text; where the share is
  anonymous the owner's name appears nowhere in the response;
- everyone else gets 404 (403 for role-gated tools; a redirect to sign-in when
  signed out or deactivated) and not one character of the item's text; and the
  same page, asked the same queries, as for an id no item has (tests/missing_items.py);
- a field of a related object (a recording's interview) holds a secret of its own
  (`Secret.related`): the related object stays private, so nobody but the owner ever
  finds that secret, whatever the state of the item itself.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from consent import services
from consent.models import AccessEvent, Audience
from consent.registry import kind_of
from reflections.ids import parse_ids
from tests.authz import all_classified
from tests.authz.specs import (
    STATES,
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
    expected_named,
    expected_visible,
)
from tests.conftest import VIEWER_NAMES
from tests.missing_items import assert_answers_like_a_missing_item

pytestmark = pytest.mark.django_db

FRAMEWORK_MODULES = ("allauth.", "django.contrib.admin")
CLASSIFIED = all_classified()


def project_urls(patterns=None) -> Iterator[URLPattern]:
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.urlconf_module and getattr(pattern, "app_name", None) == "admin":
                continue
            yield from project_urls(pattern.url_patterns)
        elif pattern.name and not pattern.callback.__module__.startswith(FRAMEWORK_MODULES):
            yield pattern


def test_every_url_is_classified():
    names = {pattern.name for pattern in project_urls()}
    unclassified = names - set(CLASSIFIED)
    assert not unclassified, f"Say who may use these URLs in tests/authz/: {sorted(unclassified)}"
    stale = set(CLASSIFIED) - names
    assert not stale, f"Classified URLs that no longer exist: {sorted(stale)}"


def names_of(kind):
    return sorted(name for name, spec in CLASSIFIED.items() if isinstance(spec, kind))


def cases_of(kind) -> list[tuple[str, str]]:
    """Every page of this kind in every state its items can be in: only cases that exist."""
    return [
        (name, state)
        for name in names_of(kind)
        for state in STATES
        if state in CLASSIFIED[name].states
    ]


def put_in_state(item, state: str) -> None:
    owner = item.owner
    if state == "withdrawn":
        # Shared with the group, or with the first audience a kind allows if not the group.
        audiences = kind_of(item).audiences_for(item)
        audience = Audience.GROUP if Audience.GROUP in audiences else audiences[0]
        services.shares_set(item=item, wanted={audience: False}, by=owner)
        services.shares_withdraw_all(item=item, by=owner)
    elif state == "research_only":
        services.shares_set(item=item, wanted={}, research_use=True, by=owner)
    elif STATES[state]:
        services.shares_set(
            item=item, wanted={Audience(a): anon for a, anon in STATES[state].items()}, by=owner
        )


def client_for(cast, viewer: str) -> Client:
    client = Client()
    person = cast.owner if viewer == "owner" else cast.by_name(viewer)
    if person is not None:
        client.force_login(person)
    return client


def request(client: Client, method: str, url: str, data=None):
    return getattr(client, method)(url, data or {})


def signed_out(viewer: str) -> bool:
    # A deactivated account is signed out by Django on its next request.
    return viewer in ("anonymous", "deactivated")


def first_refused(state: str) -> str | None:
    """A signed-in viewer the item is hidden from in this state (asked again with a made-up id)."""
    return next(
        (v for v in VIEWER_NAMES if not signed_out(v) and not expected_visible(v, state)), None
    )


def body_text(response) -> str:
    """The response's text; a streamed file (an interview recording) is read whole."""
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    return raw.decode("utf-8", errors="replace")


def assert_no_related_secret(body: str, secret: Secret, viewer: str) -> None:
    for related in secret.related_secrets:
        assert related not in body, f"{viewer} sees {related.split('-')[1]} of a related object"


def reads_logged(cast, viewer: str) -> int:
    """How many reads of the owner's things by this viewer her access log holds."""
    person = cast.by_name(viewer)
    if person is None:
        return 0
    return AccessEvent.objects.filter(owner=cast.owner, viewer=person).count()


def assert_refused(response, viewer: str, secret: str, refusal: int = 404) -> None:
    if signed_out(viewer):
        assert response.status_code == 302, viewer
        assert "/accounts/login/" in response["Location"], viewer
    else:
        assert response.status_code == refusal, (viewer, response.status_code)
    assert secret not in body_text(response), viewer


@pytest.mark.parametrize(("url_name", "state"), cases_of(ItemPage))
def test_item_pages_show_an_item_only_to_those_it_is_shared_with(cast, url_name, state):
    spec = CLASSIFIED[url_name]
    secret = Secret()
    item = spec.make(cast.owner, secret)
    put_in_state(item, state)
    url = reverse(url_name, args=spec.args(item))
    shown = spec.shows(item, secret)

    owner_view = request(client_for(cast, "owner"), spec.method, url)
    assert owner_view.status_code == 200
    assert shown in body_text(owner_view)

    for viewer in VIEWER_NAMES:
        before = reads_logged(cast, viewer)
        response = request(client_for(cast, viewer), spec.method, url)
        body = body_text(response)
        assert_no_related_secret(body, secret, viewer)
        if expected_visible(viewer, state):
            assert response.status_code == 200, (viewer, response.status_code)
            assert shown in body, viewer
            assert reads_logged(cast, viewer) > before, f"{viewer}'s read is not in her log"
            if not expected_named(viewer, state):
                assert cast.owner.display_name not in body, f"{viewer} sees the owner's name"
        else:
            assert_refused(response, viewer, shown)
    refused = first_refused(state)
    if refused is not None:
        assert_answers_like_a_missing_item(client_for(cast, refused), spec.method, url, item.pk)


@pytest.mark.parametrize(("url_name", "state"), cases_of(PartOfItemPage))
def test_parts_of_items_are_shown_only_where_their_item_is(cast, url_name, state):
    spec = CLASSIFIED[url_name]
    secret = Secret()
    part = spec.make(cast.owner, secret)
    put_in_state(spec.item_of(part), state)
    url = reverse(url_name, args=spec.args(part))

    owner_view = client_for(cast, "owner").get(url)
    assert owner_view.status_code == 200
    assert secret in body_text(owner_view)

    for viewer in VIEWER_NAMES:
        before = reads_logged(cast, viewer)
        response = client_for(cast, viewer).get(url)
        if not expected_visible(viewer, state):
            assert_refused(response, viewer, secret)
        elif viewer in spec.role_holders:
            assert response.status_code == 200, (viewer, response.status_code)
            assert secret in body_text(response), viewer
            assert reads_logged(cast, viewer) > before, f"{viewer}'s read is not in her log"
        else:
            assert_refused(response, viewer, secret, refusal=403)
    refused = first_refused(state)
    if refused is not None:
        assert_answers_like_a_missing_item(client_for(cast, refused), "get", url, part.pk)


@pytest.mark.parametrize(("url_name", "state"), cases_of(ListPage))
def test_list_pages_list_an_item_only_for_those_it_is_shared_with(cast, url_name, state):
    spec = CLASSIFIED[url_name]
    secret = Secret()
    item = spec.make(cast.owner, secret)
    put_in_state(item, state)
    url = reverse(url_name, args=spec.args(item))

    owner_view = client_for(cast, "owner").get(url)
    assert owner_view.status_code == 200
    assert (secret in owner_view.content.decode()) == spec.own

    for viewer in VIEWER_NAMES:
        before = reads_logged(cast, viewer)
        response = client_for(cast, viewer).get(url)
        if signed_out(viewer):
            assert response.status_code == 302, viewer
            continue
        if spec.group_only and viewer in ("superuser", "outsider"):
            assert response.status_code == 403, viewer
            assert secret not in response.content.decode()
            continue
        assert response.status_code == 200, (viewer, response.status_code)
        body = response.content.decode()
        assert_no_related_secret(body, secret, viewer)
        should_see = spec.shared and expected_visible(viewer, state)
        assert (secret in body) == should_see, (viewer, should_see)
        if should_see:
            assert reads_logged(cast, viewer) > before, f"{viewer}'s read is not in her log"
        if should_see and not spec.names_shown and not expected_named(viewer, state):
            assert cast.owner.display_name not in body, f"{viewer} sees the owner's name"


@pytest.mark.parametrize("state", ["private", "shared_with_group_anonymously"])
@pytest.mark.parametrize("url_name", names_of(OwnerOnly))
def test_owner_only_pages_answer_404_to_everyone_else(cast, url_name, state):
    spec = CLASSIFIED[url_name]
    secret = f"secret-{uuid.uuid4()}"
    item = spec.make(cast.owner, secret)
    if state != "private" and getattr(item, "pk", None) and kind_of(item).allow_anonymous:
        put_in_state(item, state)
    url = reverse(url_name, args=spec.args(item))
    for viewer in VIEWER_NAMES:
        response = request(client_for(cast, viewer), spec.method, url, spec.data)
        assert_refused(response, viewer, secret)
    if str(getattr(item, "pk", "")) in url:
        assert_answers_like_a_missing_item(client_for(cast, "gp"), spec.method, url, item.pk)
    assert type(item).objects.filter(pk=item.pk).exists(), "someone else changed the item"
    owner_response = request(client_for(cast, "owner"), spec.method, url, spec.data)
    assert owner_response.status_code in (200, 302)


@pytest.mark.parametrize("url_name", names_of(OwnRecord))
def test_own_records_answer_404_to_everyone_else(cast, url_name):
    spec = CLASSIFIED[url_name]
    secret = f"secret-{uuid.uuid4()}"
    record = spec.make(cast.owner, secret)
    url = reverse(url_name, args=spec.args(record))
    for viewer in VIEWER_NAMES:
        assert_refused(client_for(cast, viewer).get(url), viewer, secret)
    for record_id in parse_ids(spec.args(record)):
        assert_answers_like_a_missing_item(client_for(cast, "gp"), "get", url, record_id)
    # The owner gets it, or is first asked for their password again.
    assert client_for(cast, "owner").get(url).status_code in (200, 302)


@pytest.mark.parametrize("url_name", names_of(OwnRecordForFacilitators))
def test_records_facilitators_handle_answer_404_to_everyone_else(cast, url_name):
    spec = CLASSIFIED[url_name]
    secret = f"secret-{uuid.uuid4()}"
    record = spec.make(cast.owner, secret)
    url = reverse(url_name, args=spec.args(record))
    for viewer in VIEWER_NAMES:
        if viewer == "facilitator":
            assert client_for(cast, viewer).get(url).status_code == 200
        else:
            assert_refused(client_for(cast, viewer).get(url), viewer, secret)
    for record_id in parse_ids(spec.args(record)):
        assert_answers_like_a_missing_item(client_for(cast, "gp"), "get", url, record_id)
    assert client_for(cast, "owner").get(url).status_code == 200


@pytest.mark.parametrize("url_name", names_of(FacilitatorsOnly))
def test_facilitator_tools_refuse_everyone_else(cast, url_name):
    spec = CLASSIFIED[url_name]
    for viewer in VIEWER_NAMES:
        url = reverse(url_name, args=spec.args(cast))
        response = request(client_for(cast, viewer), spec.method, url)
        if viewer == "facilitator":
            assert response.status_code in (200, 302), response.status_code
        elif signed_out(viewer):
            assert response.status_code == 302
        else:
            assert response.status_code == 403, (viewer, response.status_code)


@pytest.mark.parametrize("url_name", names_of(ResearchersOnly))
def test_researcher_tools_refuse_everyone_else(cast, url_name):
    spec = CLASSIFIED[url_name]
    url = reverse(url_name, args=spec.args(cast))
    for viewer in VIEWER_NAMES:
        response = client_for(cast, viewer).get(url)
        if viewer == "researcher":
            assert response.status_code == 200, response.status_code
        elif signed_out(viewer):
            assert response.status_code == 302
            assert "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == 403, (viewer, response.status_code)


@pytest.mark.parametrize("url_name", names_of(GroupOnly))
def test_group_pages_refuse_people_outside_the_group(cast, url_name):
    spec = CLASSIFIED[url_name]
    for viewer in VIEWER_NAMES:
        url = reverse(url_name, args=spec.args(cast))
        response = request(client_for(cast, viewer), spec.method, url)
        if signed_out(viewer):
            assert response.status_code == 302, viewer
            assert "/accounts/login/" in response["Location"], viewer
        elif viewer in ("superuser", "outsider"):
            assert response.status_code == 403, (viewer, response.status_code)
        else:
            assert response.status_code in (200, 302), (viewer, response.status_code)


@pytest.mark.parametrize("url_name", names_of(SignedIn))
def test_signed_in_pages_need_an_active_account(cast, url_name):
    spec = CLASSIFIED[url_name]
    url = reverse(url_name, args=spec.args(cast))
    for viewer in VIEWER_NAMES:
        response = client_for(cast, viewer).get(url)
        if signed_out(viewer):
            assert response.status_code == 302
            assert "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == 200, (viewer, response.status_code)


@pytest.mark.parametrize("url_name", names_of(SignedInAction))
def test_signed_in_actions_need_an_active_account(cast, url_name):
    spec = CLASSIFIED[url_name]
    url = reverse(url_name)
    for viewer in VIEWER_NAMES:
        response = client_for(cast, viewer).post(url, spec.data)
        if signed_out(viewer):
            assert response.status_code == 302, viewer
            assert "/accounts/login/" in response["Location"], viewer
        else:
            assert response.status_code in (200, 302), (viewer, response.status_code)


@pytest.mark.parametrize("url_name", names_of(Public))
def test_public_urls_are_reachable_signed_out(url_name):
    pattern = next(p for p in project_urls() if p.name == url_name)
    args = ["x" * 8 for _ in pattern.pattern.converters]
    response = Client().get(reverse(url_name, args=args))
    assert response.status_code != 302 or "/accounts/login/" not in response["Location"]


@pytest.mark.parametrize("url_name", names_of(ResearchProjectPage))
def test_research_project_pages_are_only_for_the_project_s_researchers(cast, url_name):
    from people.models import Role
    from tests.factories import UserFactory

    spec = CLASSIFIED[url_name]
    secret = f"secret-{uuid.uuid4()}"
    args = spec.make(cast, secret)
    url = reverse(url_name, args=args)
    for viewer in VIEWER_NAMES:
        if viewer != "researcher":
            response = request(client_for(cast, viewer), spec.method, url, spec.data)
            assert_refused(response, viewer, secret, refusal=403)

    # Another researcher: not in the project, it does not exist for her.
    colleague = UserFactory(display_name="Cora Colleague", roles=[Role.RESEARCHER])
    other = Client()
    other.force_login(colleague)
    assert_refused(request(other, spec.method, url, spec.data), "other researcher", secret)
    for arg in parse_ids(args):
        assert_answers_like_a_missing_item(other, spec.method, url, arg)
    # In the project, she sees its pages, but never another researcher's export.
    spec.join(args, colleague)
    if spec.creator_only:
        assert_refused(request(other, spec.method, url, spec.data), "colleague", secret)
        assert_answers_like_a_missing_item(other, spec.method, url, parse_ids(args)[-1])
    elif spec.method == "get":
        assert request(other, spec.method, url).status_code in (200, 302)

    response = request(client_for(cast, "researcher"), spec.method, url, spec.data)
    assert response.status_code in (200, 302), response.status_code
