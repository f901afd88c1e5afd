"""The kinds of item the consent ledger covers.

An app registers its kind once, in its AppConfig.ready():

    register(ItemKind(key=Kind.NOTE, model=ReflectiveNote, label="reflective note",
                      url_name="reflections:note", ...))

and from then on the policy, the share panel, the access log, "shared with me"
and the exports know about it. No app writes visibility code of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import Model, Q
from django.urls import NoReverseMatch, reverse

from consent.roles import VIEWING_AUDIENCES, Audience

if TYPE_CHECKING:
    from consent.items import ShareableItem


@dataclass(frozen=True)
class ExportText:
    """What a research export takes from one item: identified text, before the
    anonymiser runs. Never shown to anyone but through research exports."""

    text: str
    date: date
    meeting_id: Any = None
    meeting_label: str = ""
    # Whose words these are (ids): their own names are theirs to give. Empty: the owner's.
    written_by: tuple[Any, ...] = ()
    # The field people named in it were asked about (mentions), for a kind whose texts are
    # checked as they are written: a passage she took out stays out of research too.
    mentions_field: str = ""
    # Passages left out because they name someone who did not agree to research use of
    # passages about her (mentions.research, for every kind).
    withheld: int = 0


@dataclass(frozen=True)
class ItemKind:
    key: str
    model: type[ShareableItem]
    # In plain words, singular: "reflective note", "phone number".
    label: str
    # URL name of the item's page, taking the item's id as its one argument (or none,
    # when every item of the kind is on one page).
    url_name: str | None = None
    # A short title of one item for one viewer who may see it: (item, viewer) -> str. It
    # reads the item's own fields only; a kind whose title shows a related item's field
    # (a recording's interview) gives `titles` instead, which asks the policy about the
    # related items. Never `str(item)`: __str__ says nothing (consent.models).
    title: Callable[[Any, Any], str] = lambda item, viewer: str(item)
    # The titles of many items of the kind for one viewer, in a fixed number of queries:
    # (items, viewer) -> {item.pk: title}. None: `title` for each.
    titles: Callable[[Sequence[Any], Any], dict[Any, str]] | None = None
    audiences: tuple[str, ...] = tuple(VIEWING_AUDIENCES)
    allow_anonymous: bool = True
    allow_research_use: bool = True
    # Who besides the owner always sees the item (an interview's interviewer).
    also_visible_to: Callable[[Any], Q] | None = None
    # Who besides the owner may change its shares (the interviewer, for an
    # outside participant who has no account).
    also_managed_by: Callable[[Any], Q] | None = None
    # Items shown in "shared with me" and the dashboard (contact details are not).
    in_shared_with_me: bool = True
    # When her account is deleted, every item she still owns goes with it
    # (datarights/erasure.py), unless its app keeps it on purpose (and says how in its hook).
    erase_with_account: bool = True
    # For research exports: the item's text and date (kinds without one are never exported).
    export: Callable[[Any], ExportText] | None = None
    # The audiences one item may be shared with now, when that depends on something
    # that changes (a group's decision): only those of `audiences` it returns are
    # offered and accepted. None: always every one of `audiences`.
    audiences_now: Callable[[Any], Iterable[str]] | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # "this reflective note", "these minutes": for sentences about one item.
    this: str = ""

    @property
    def this_label(self) -> str:
        return self.this or f"this {self.label}"

    def url_for(self, item: ShareableItem) -> str | None:
        if not self.url_name:
            return None
        try:
            return reverse(self.url_name, args=[item.pk])
        except NoReverseMatch:
            # A kind whose items all live on one page of their owner's (contact details).
            return reverse(self.url_name)

    @property
    def audience_choices(self) -> list[tuple[str, str]]:
        return [(value, Audience(value).label) for value in self.audiences]

    def audiences_for(self, item: ShareableItem | None) -> tuple[str, ...]:
        """The audiences this item may be shared with now."""
        if self.audiences_now is None or item is None:
            return self.audiences
        allowed = set(self.audiences_now(item))
        return tuple(audience for audience in self.audiences if audience in allowed)

    def audience_choices_for(self, item: ShareableItem | None) -> list[tuple[str, str]]:
        return [(value, Audience(value).label) for value in self.audiences_for(item)]


_KINDS: dict[str, ItemKind] = {}
_BY_MODEL: dict[type[Model], ItemKind] = {}


def register(kind: ItemKind) -> ItemKind:
    existing = _KINDS.get(kind.key)
    if existing is not None and existing.model is not kind.model:
        raise ValueError(f"Item kind {kind.key!r} is already registered for {existing.model}.")
    _KINDS[kind.key] = kind
    _BY_MODEL[kind.model] = kind
    return kind


def get_kind(key: str) -> ItemKind:
    return _KINDS[key]


def kind_for_model(model: type[Model]) -> ItemKind:
    try:
        return _BY_MODEL[model]
    except KeyError:
        raise LookupError(
            f"{model.__name__} is not a registered item kind: register it in its AppConfig.ready()."
        ) from None


def kind_of(item: Model) -> ItemKind:
    return kind_for_model(type(item))


def all_kinds() -> Iterable[ItemKind]:
    return list(_KINDS.values())
