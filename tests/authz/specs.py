"""The kinds of URL, as the authorization matrix knows them."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

# Who is in which audience, written out by hand from domain.md: the matrix
# checks the policy against this table, not against the policy's own code.
AUDIENCES_OF: dict[str, set[str]] = {
    "member": {"members", "group"},
    "gp": {"gps", "group"},
    "researcher": {"researchers", "group"},
    "support_worker": {"support_workers", "group"},
    "facilitator": {"support_workers", "facilitators", "group"},
    "superuser": set(),
    "deactivated": set(),
    "outsider": set(),
    "anonymous": set(),
}

# The consent states every item page is tried in: audience -> anonymous?
STATES: dict[str, dict[str, bool]] = {
    "private": {},
    "shared_with_gps_named": {"gps": False},
    "shared_with_group_anonymously": {"group": True},
    "withdrawn": {},  # shared with the group by name, then withdrawn
    "research_only": {},  # only the research-use grant
    # For kinds that cannot be shared with GPs or the group (observation notes).
    "shared_with_researchers_named": {"researchers": False},
    "shared_with_facilitators_named": {"facilitators": False},
}

# The states every kind is tried in unless its spec says otherwise.
DEFAULT_STATES = (
    "private",
    "shared_with_gps_named",
    "shared_with_group_anonymously",
    "withdrawn",
    "research_only",
)


def expected_visible(viewer: str, state: str) -> bool:
    return bool(AUDIENCES_OF[viewer] & set(STATES[state]))


def expected_named(viewer: str, state: str) -> bool:
    return any(
        not anonymous
        for audience, anonymous in STATES[state].items()
        if audience in AUDIENCES_OF[viewer]
    )


class Secret(str):
    """The secret a spec's `make` puts in the item's own content; `related(field)` gives a
    distinct secret for a field of a related object (a recording's interview topic), which
    must reach nobody but the owner whatever the state of the item itself."""

    related_secrets: list[str]

    def __new__(cls) -> Secret:
        secret = super().__new__(cls, f"secret-{uuid.uuid4()}")
        secret.related_secrets = []
        return secret

    def related(self, field_name: str) -> str:
        value = f"related-{field_name}-{uuid.uuid4().hex[:12]}"
        self.related_secrets.append(value)
        return value


class Spec:
    pass


@dataclass
class Public(Spec):
    """Anyone, signed in or not (sign-in help, health check, invitation links)."""


@dataclass
class SignedIn(Spec):
    """Anyone signed in; shows only their own things. Anonymous visitors are sent to sign in."""

    args: Callable[[Any], list[Any]] = field(default=lambda cast: [])


@dataclass
class SignedInAction(Spec):
    """Posted by anyone signed in, about their own session or drafts only. Anonymous
    visitors are sent to sign in; it changes nothing of anyone else's."""

    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class GroupOnly(Spec):
    """People holding a role in the group. Others signed in get 403."""

    args: Callable[[Any], list[Any]] = field(default=lambda cast: [])
    method: str = "get"


@dataclass
class FacilitatorsOnly(Spec):
    """Facilitators' tools. Everyone else gets 403; nothing of anyone's items is shown."""

    args: Callable[[Any], list[Any]] = field(default=lambda cast: [])
    method: str = "get"


@dataclass
class ResearchersOnly(Spec):
    """Researchers' tools (planning an interview). Everyone else gets 403."""

    args: Callable[[Any], list[Any]] = field(default=lambda cast: [])


@dataclass
class ItemPage(Spec):
    """Shows or exports one item: tried for every viewer in every consent state.

    make(owner, secret) creates the item holding `secret` in its content;
    args(item) gives the URL arguments.
    """

    make: Callable[[Any, str], Any]
    args: Callable[[Any], list[Any]] = field(default=lambda item: [item.pk])
    method: str = "get"
    # The consent states the kind allows (a kind without anonymous sharing skips that one).
    states: tuple[str, ...] = DEFAULT_STATES
    # What a viewer allowed to see the item finds on the page: the secret, unless the
    # item's content is elsewhere (a recording's page links to its sound).
    shows: Callable[[Any, str], str] = field(default=lambda item, secret: secret)


@dataclass
class PartOfItemPage(Spec):
    """Shows and changes a part of an item (an action or decision in minutes): tried in every
    consent state of the item. Viewers who may read the item and hold the tool's role
    (`role_holders`) get 200 and the part's words; those who may read it without the role
    get 403 and none of its words; everyone else gets 404, as if there were no such part.

    make(owner, secret) creates the part holding `secret`, in an item of `owner`'s;
    item_of(part) gives the item.
    """

    make: Callable[[Any, str], Any]
    item_of: Callable[[Any], Any]
    args: Callable[[Any], list[Any]] = field(default=lambda part: [part.pk])
    role_holders: frozenset[str] = frozenset({"facilitator"})
    states: tuple[str, ...] = DEFAULT_STATES


@dataclass
class OwnerOnly(Spec):
    """Changes or manages one item: only its owner; everyone else gets 404."""

    make: Callable[[Any, str], Any]
    args: Callable[[Any], list[Any]] = field(default=lambda item: [item.pk])
    method: str = "get"
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Framework(Spec):
    """Provided and access-checked by Django or allauth (sign-in, admin)."""


@dataclass
class ListPage(Spec):
    """Lists items: tried for every viewer in every consent state, like ItemPage.

    own: the owner sees their own items here; shared: viewers see items shared
    with them; group_only: only people with a role reach the page;
    names_shown: the page lists people by name anyway (the directory);
    args(item) gives the URL arguments (a meeting's list of observation notes).
    """

    make: Callable[[Any, str], Any]
    own: bool = True
    shared: bool = True
    group_only: bool = False
    names_shown: bool = False
    states: tuple[str, ...] = DEFAULT_STATES
    args: Callable[[Any], list[Any]] = field(default=lambda item: [])


@dataclass
class ResearchProjectPage(Spec):
    """A research project's page: for the researchers in the project (the cast's researcher
    is); 403 for everyone without the researcher role; 404 for a researcher outside it.

    make(cast, secret) builds what the URL needs, holding `secret`, and gives the URL's
    arguments; join(args, person) puts another researcher into the same project.
    creator_only: only the researcher who made the export (a colleague in the project gets
    404 too).
    """

    make: Callable[[Any, str], list[Any]]
    join: Callable[[list[Any], Any], None]
    method: str = "get"
    data: dict[str, Any] = field(default_factory=dict)
    creator_only: bool = False


@dataclass
class OwnRecord(Spec):
    """Something of one person's that is not an item of the consent ledger (their data
    download): only that person reaches it; everyone else gets 404, as if it did not exist.

    make(person, secret) creates it holding `secret` where its page or file would show it;
    args(record) gives the URL arguments.
    """

    make: Callable[[Any, str], Any]
    args: Callable[[Any], list[Any]] = field(default=lambda record: [record.pk])


@dataclass
class OwnRecordForFacilitators(Spec):
    """Something of one person's that facilitators handle too (her expense claim and its
    receipt): she and facilitators reach it (a facilitator's read is in her history); everyone
    else gets 404, as if it did not exist.

    make(person, secret) creates it holding `secret`; args(record) gives the URL arguments.
    """

    make: Callable[[Any, str], Any]
    args: Callable[[Any], list[Any]] = field(default=lambda record: [record.pk])
