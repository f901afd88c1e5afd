"""Who can see an item, in plain words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from consent.models import VIEWING_AUDIENCES, Audience
from consent.policy import anonymous_label

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
    wanted: Mapping[str, bool], *, owner: Any, research_use: bool = False, future: bool = False
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


def describe_shares(shares: Iterable[Any], *, owner: Any) -> list[str]:
    wanted = {s.audience: s.anonymous for s in shares if s.audience != Audience.RESEARCH_USE}
    research_use = any(s.audience == Audience.RESEARCH_USE for s in shares)
    return describe(wanted, owner=owner, research_use=research_use)


def readers_in_words(item: Any) -> str:
    """Who reads an item now besides its owner, in plain words: "everyone in the group",
    "facilitators", or "nobody else yet"."""
    from consent.models import Share

    audiences = [
        share.audience
        for share in Share.objects.current().for_item(item)
        if share.audience != Audience.RESEARCH_USE
    ]
    if Audience.GROUP in audiences:
        return AUDIENCE_WORDS[Audience.GROUP]
    ordered = [AUDIENCE_WORDS[Audience(a)] for a in VIEWING_AUDIENCES if a in audiences]
    return join_words(ordered) if ordered else "nobody else yet"
