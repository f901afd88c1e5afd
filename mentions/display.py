"""What each reader sees of a text that names people.

The writer and the person named always read the passage as written. Anyone else reads:
- the passage as written, if she said "that's fine";
- the passage with "a member" in place of her name, until she answers and if she asked for
  her name to be taken out;
- "[A passage is not shown.]" if she asked for the passage to be taken out.

Views `prepare` the objects a page shows (one query for all of them, and each read of a
passage naming someone written to her access log); templates then show a field with
`{{ object|shown:"field" }}`. A template that shows a field no view prepared fails loudly,
never by showing the passage as written.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from consent.kinds import Kind
from consent.models import AccessEvent
from consent.policy import record_access
from mentions.access import live_mentions_of_sources
from mentions.models import Mention

if TYPE_CHECKING:
    from people.models import User

A_MEMBER = "a member"
HIDDEN = "[A passage is not shown.]"
KIND = Kind.MENTION


class NotPrepared(LookupError):
    """A template showed a text that names people without its view preparing it."""


def _replace_words(sentence: str, words: Iterable[str]) -> str:
    for word in sorted(set(words), key=len, reverse=True):
        sentence = re.sub(rf"(?<!\w){re.escape(word)}(?!\w)", A_MEMBER, sentence)
    return sentence


def shown_text(text: str, mentions: Sequence[Mention], viewer: User) -> str:
    """The text as this viewer may read it, given the live mentions of this field."""
    if not text or not mentions:
        return text
    viewer_id = getattr(viewer, "pk", None)
    by_sentence: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        if mention.writer_id == viewer_id or mention.owner_id == viewer_id:
            continue
        by_sentence[mention.sentence].append(mention)
    for sentence, found in by_sentence.items():
        if any(mention.hidden_from_readers for mention in found):
            shown = HIDDEN
        else:
            shown = _replace_words(
                sentence,
                [
                    word
                    for mention in found
                    if mention.name_hidden_from_readers
                    for word in mention.words
                ],
            )
        if shown != sentence:
            text = text.replace(sentence, shown)
    return text


def prepare(
    viewer: User, objects: Iterable[Any], *, source_kind: str, fields: Sequence[str]
) -> None:
    """Work out, for each object, what this viewer reads of each field (`object|shown:"f"`),
    and log each read of a passage naming someone else in her "Who has seen my things"."""
    prepare_many(viewer, [(list(objects), source_kind, fields)])


def prepare_many(viewer: User, groups: Sequence[tuple[list[Any], str, Sequence[str]]]) -> None:
    """`prepare` for several kinds of text on one page, in one query."""
    groups = [
        ([obj for obj in objects if obj is not None], kind, fields)
        for objects, kind, fields in groups
    ]
    sources = [(kind, obj.pk) for objects, kind, _ in groups for obj in objects]
    if not sources:
        return
    found: dict[tuple[str, Any, str], list[Mention]] = defaultdict(list)
    for mention in live_mentions_of_sources(sources):
        found[(mention.source_kind, mention.source_id, mention.field)].append(mention)
    read: list[Mention] = []
    viewer_id = getattr(viewer, "pk", None)
    for objects, kind, fields in groups:
        for obj in objects:
            # One object may hold texts of several kinds (a proposal: its question, and what
            # was decided): each kind adds its fields.
            shown: dict[str, str] = getattr(obj, "_mentions_shown", None) or {}
            for field in fields:
                mentions = found.get((kind, obj.pk, field), [])
                shown[field] = shown_text(getattr(obj, field) or "", mentions, viewer)
                read += [
                    mention
                    for mention in mentions
                    if not mention.hidden_from_readers
                    and viewer_id not in (mention.owner_id, mention.writer_id)
                ]
            obj._mentions_shown = shown
    if read and viewer_id is not None:
        record_access(viewer=viewer, items=read, how=AccessEvent.How.VIEWED)


def shown_field(obj: Any, field: str) -> str:
    shown = getattr(obj, "_mentions_shown", None)
    if shown is None or field not in shown:
        raise NotPrepared(
            f"{type(obj).__name__}.{field} may name people: prepare it in the view "
            "(mentions.display.prepare) before showing it."
        )
    return shown[field]
