"""Who can see an item, in plain words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.db.models import Q

from consent.models import VIEWING_AUDIENCES, Audience, Share
from consent.policy import anonymous_label

if TYPE_CHECKING:
    from consent.items import ShareableItem
    from people.models import User

AUDIENCE_WORDS = {
    Audience.GROUP: "everyone in the group",
    Audience.MEMBERS: "members",
    Audience.GPS: "GPs",
    Audience.RESEARCHERS: "researchers",
    Audience.SUPPORT_WORKERS: "support workers",
    Audience.FACILITATORS: "facilitators",
}


def join_words(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def _capitalise(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def describe(
    wanted: Mapping[str, bool], *, owner: User, research_use: bool = False, future: bool = False
) -> list[str]:
    """Sentences for an owner: who sees this (audience -> anonymous), with or
    without their name. `future` gives the preview shown before saving."""
    ordered = [audience for audience in VIEWING_AUDIENCES if audience in wanted]
    named = [AUDIENCE_WORDS[Audience(a)] for a in ordered if not wanted[a]]
    unnamed = [AUDIENCE_WORDS[Audience(a)] for a in ordered if wanted[a]]
    verb = "will see" if future else "can see"
    sentences = []
    if not ordered:
        sentences.append(
            "Only you will be able to see this." if future else "Only you can see this."
        )
    if named:
        sentences.append(_capitalise(f"{join_words(named)} {verb} this with your name."))
    if unnamed:
        label = anonymous_label(owner)
        sentences.append(
            _capitalise(f"{join_words(unnamed)} {verb} this without your name: they see “{label}”.")
        )
    if research_use:
        sentences.append(
            "Researchers may include it in research exports, with every name taken out."
            if not future
            else "Researchers will be able to include it in research exports, "
            "with every name taken out."
        )
    return sentences


def describe_shares(shares: Iterable[Share], *, owner: User) -> list[str]:
    wanted = {s.audience: s.anonymous for s in shares if s.audience != Audience.RESEARCH_USE}
    research_use = any(s.audience == Audience.RESEARCH_USE for s in shares)
    return describe(wanted, owner=owner, research_use=research_use)


def readers_in_words(item: ShareableItem) -> str:
    """Who reads an item now besides its owner, in plain words: "everyone in the group",
    "facilitators", or "nobody else yet"."""
    audiences = [
        share.audience
        for share in Share.objects.current().for_item(item)
        if share.audience != Audience.RESEARCH_USE
    ]
    if Audience.GROUP in audiences:
        return AUDIENCE_WORDS[Audience.GROUP]
    ordered = [AUDIENCE_WORDS[Audience(a)] for a in VIEWING_AUDIENCES if a in audiences]
    return join_words(ordered) if ordered else "nobody else yet"


def people_reached(wanted: Mapping[str, bool], *, owner: User) -> dict[str, Any]:
    """For the check before saving: for each audience chosen, the people it means today (by
    the names they show), and how many people in all, each counted once. The owner is left
    out. Two queries (people, and who has two-step sign-in), however many people."""
    from allauth.mfa.models import Authenticator
    from django.contrib.auth import get_user_model

    from consent.policy import ROLE_AUDIENCE
    from consent.roles import Role

    User = get_user_model()

    chosen = [audience for audience in VIEWING_AUDIENCES if audience in wanted]
    if not chosen:
        return {"groups": [], "total": 0}
    people = list(User.objects.filter(is_active=True).exclude(roles=[]).exclude(pk=owner.pk))
    with_mfa = set(
        Authenticator.objects.filter(user__in=people, type=Authenticator.Type.TOTP).values_list(
            "user_id", flat=True
        )
    )
    groups = []
    reached: set[Any] = set()
    for audience in chosen:
        names = []
        for person in people:
            if person.requires_mfa and person.pk not in with_mfa:
                continue  # sees nothing shared until two-step sign-in is set up
            audiences: set[str] = {
                ROLE_AUDIENCE[Role(role)] for role in person.roles if role in ROLE_AUDIENCE
            }
            audiences.add(Audience.GROUP)
            if person.is_facilitator:
                audiences.add(Audience.FACILITATORS)
            if audience in audiences:
                names.append(person.display_name)
                reached.add(person.pk)
        groups.append({"label": _capitalise(AUDIENCE_WORDS[Audience(audience)]), "people": names})
    return {"groups": groups, "total": len(reached)}


def sharing_tags(items: Iterable[ShareableItem], viewer: User) -> dict[Any, list[str]]:
    """Short tags saying who can see each of the viewer's own items, for lists ("Only you",
    "Whole group, with your name", "GPs, without your name", "Research: yes"). Items she
    does not own get none. One query for the whole list."""
    from consent.registry import kind_of

    own = [item for item in items if getattr(item, "owner_id", None) == viewer.pk]
    if not own:
        return {}
    condition = Q(pk__in=[])
    for item in own:
        condition |= Q(item_kind=kind_of(item).key, item_id=item.pk)
    shares: dict[Any, list[Any]] = {item.pk: [] for item in own}
    for share in Share.objects.current().filter(condition):
        shares.setdefault(share.item_id, []).append(share)
    return {pk: _tags(found) for pk, found in shares.items()}


def _tags(shares: list[Share]) -> list[str]:
    viewing = [s for s in shares if s.audience != Audience.RESEARCH_USE]
    tags: list[str] = []
    if not viewing:
        tags.append("Only you")
    for anonymous in (False, True):
        audiences = [s.audience for s in viewing if s.anonymous == anonymous]
        if not audiences:
            continue
        ordered = [a for a in VIEWING_AUDIENCES if a in audiences]
        words = (
            ["Whole group"]
            if Audience.GROUP in ordered
            else [AUDIENCE_WORDS[Audience(a)] for a in ordered]
        )
        name = "without your name" if anonymous else "with your name"
        tags.append(_capitalise(f"{join_words(words)}, {name}"))
    if any(s.audience == Audience.RESEARCH_USE for s in shares):
        tags.append("Research: yes")
    return tags


def attach_sharing_tags(items: Iterable[ShareableItem], viewer: User) -> None:
    """Put each of the viewer's own items' tags on it, for `{% sharing_tags item %}`."""
    items = list(items)
    tags = sharing_tags(items, viewer)
    for item in items:
        setattr(item, "sharing_tags", tags.get(item.pk, []))  # noqa: B010 (read by a template tag)


def who_can_see(person: User, kind_key: str) -> dict[Any, str]:
    """For each of the person's items of one kind that is shared now: who can see it, in
    the words of the share panel. One query; items not in it are seen by the owner only."""
    by_item: dict[Any, list[Share]] = {}
    for share in Share.objects.current().filter(owner=person, item_kind=kind_key):
        by_item.setdefault(share.item_id, []).append(share)
    return {
        item_id: " ".join(describe_shares(shares, owner=person))
        for item_id, shares in by_item.items()
    }
