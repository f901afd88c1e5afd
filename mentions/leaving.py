"""When a person's account is deleted, her name leaves every text that can name people.

Readers are shown a passage, or not, by its exact sentence (mentions.display), so a text is
never rewritten under a live mention: a sentence a mention points at is rewritten whole, in
the text and in every live mention of it at once, and a passage someone took out stays out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from mentions import sources
from mentions.access import (
    every_mention_unchecked,
    live_mentions_of_sources,
    live_twin_unchecked,
)
from mentions.models import Mention, sentence_key


def sentences_move(mentions: Iterable[Mention], moved: Mapping[str, str]) -> None:
    """Each live mention whose sentence is rewritten (`moved`: old sentence → new) follows it.
    Two of one person's passages in a field that become the same sentence are one passage
    now: the one that hides more is kept."""
    now = timezone.now()
    kept: dict[tuple[Any, str], Mention] = {}
    for mention in sorted(mentions, key=_hides, reverse=True):
        new = moved.get(mention.sentence, mention.sentence)
        place = (mention.owner_id, sentence_key(new))
        if place in kept:
            mention.gone_at = now
        elif new == mention.sentence:
            kept[place] = mention
            continue
        else:
            kept[place] = mention
            mention.sentence, mention.sentence_key = new, place[1]
        mention.updated_at = now
        mention.save(update_fields=["sentence", "sentence_key", "gone_at", "updated_at"])


def _hides(mention: Mention) -> int:
    return 2 * mention.hidden_from_readers + mention.name_hidden_from_readers


def twin_keep_one(mention: Mention, key: str) -> None:
    """Her live mention is about to take the sentence `key`: if another of hers in the same
    field has it already (two passages that differed only by her name), they are one passage
    now, and the one that hides more is kept."""
    twin = live_twin_unchecked(mention, key)
    if twin is None:
        return
    now = timezone.now()
    if _hides(twin) >= _hides(mention):
        mention.gone_at = now
    else:
        twin.gone_at = twin.updated_at = now
        twin.save(update_fields=["gone_at", "updated_at"])


def sentence_rewrite(mention: Mention, new: str) -> None:
    """Her live mention's sentence becomes `new`, in its text and in every live mention of it."""
    source = sources.get(mention.source_kind)
    old = mention.sentence
    if source is not None:
        text = source.read(mention.source_id, mention.field)
        if text is not None and old in text:
            source.write(mention.source_id, mention.field, text.replace(old, new))
    others = [
        other
        for other in live_mentions_of_sources([(mention.source_kind, mention.source_id)])
        if other.field == mention.field and other.sentence == old and other.pk != mention.pk
    ]
    sentences_move(others, {old: new})
    mention.sentence, mention.sentence_key = new, sentence_key(new)


@transaction.atomic
def mention_texts_name_replace_unchecked(*, replace: Callable[[str], str]) -> int:
    """Every text of every kind that can name people passed through `replace` (an account is
    deleted: her name leaves what others wrote), not only the passages found naming her: a
    text written before she joined, or one she wrote herself, names her where nobody was
    asked. Then the passages kept in everyone's history lose her name too. Returns how many
    texts changed.

    A deliberate bypass of the policy: each kind's texts, and every mention, are read whoever
    may see them, only to put a deleted person's pseudonym where her name was. Nothing read
    is shown or leaves."""
    changed = 0
    for source in sources.every_source():
        for source_id, fields in source.every() if source.every else ():
            for field, text in fields.items():
                if text and replace(text) != text:
                    _text_name_replace(source, source_id, field, text, replace)
                    changed += 1
    now = timezone.now()
    for mention in every_mention_unchecked():
        sentence = replace(mention.sentence)
        words = [replace(word) for word in mention.words]
        if (sentence, words) != (mention.sentence, mention.words):
            mention.sentence, mention.sentence_key = sentence, sentence_key(sentence)
            mention.words, mention.updated_at = words, now
            mention.save(update_fields=["sentence", "sentence_key", "words", "updated_at"])
    return changed


def _text_name_replace(
    source: sources.Source, source_id: Any, field: str, text: str, replace: Callable[[str], str]
) -> None:
    mentions = [
        mention
        for mention in live_mentions_of_sources([(source.kind, source_id)])
        if mention.field == field and mention.sentence and mention.sentence in text
    ]
    moved = {mention.sentence: replace(mention.sentence) for mention in mentions}
    if moved:
        pattern = re.compile("|".join(map(re.escape, sorted(moved, key=len, reverse=True))))
        pieces, copied = [], 0
        for found in pattern.finditer(text):
            pieces += [replace(text[copied : found.start()]), moved[found.group()]]
            copied = found.end()
        text = "".join(pieces) + replace(text[copied:])
    else:
        text = replace(text)
    source.write(source_id, field, text)
    sentences_move(mentions, moved)
