"""Writes about mentions: keeping them in step with a text, her answers, her research choice."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from actionlog.services import log_action
from mentions import sources
from mentions.access import live_mentions_of_sources, mentions_of_unchecked_state
from mentions.finding import Found, anonymiser_for, find, group_roster
from mentions.leaving import sentence_rewrite, twin_keep_one
from mentions.models import Mention, ResearchChoice, sentence_key
from people.models import Notice, User
from people.services import notice_send

EMAIL_SUBJECT = "Your workspace: something mentions you"
ANSWERS = (Mention.State.FINE, Mention.State.NAME_OUT, Mention.State.PASSAGE_OUT)


@transaction.atomic
def mentions_sync(
    *, source_kind: str, source_id: Any, texts: Mapping[str, str], writer: User
) -> list[Mention]:
    """Keep a text's mentions in step with what it says now, after the writer saved it.

    A sentence that names someone and was there before keeps its answer; a new or changed one
    asks her again (pending: until she answers, others read "a member"); one no longer in the
    text is marked gone. Each person newly named is told inside the workspace. Returns the new
    mentions."""
    anonymiser = anonymiser_for(group_roster())
    found: dict[tuple[str, str, str], Found] = {}
    for field, text in texts.items():
        for hit in find(text or "", anonymiser=anonymiser, leave_out=[writer.pk]):
            found[(field, hit.person_id, sentence_key(hit.sentence))] = hit
    live = {
        (mention.field, str(mention.owner_id), mention.sentence_key): mention
        for mention in live_mentions_of_sources([(source_kind, source_id)])
        if mention.field in texts
    }
    now = timezone.now()
    for place, mention in live.items():
        if place not in found:
            mention.gone_at = now
            mention.updated_at = now
            mention.save(update_fields=["gone_at", "updated_at"])
    created: list[Mention] = []
    for (field, person_id, key), hit in found.items():
        if (kept := live.get((field, person_id, key))) is not None:
            # The same words, spaced differently: the same passage, keeping its answer. Readers
            # and research find it by its exact sentence, so it must be the one in the text now.
            if kept.sentence != hit.sentence:
                kept.sentence, kept.updated_at = hit.sentence, now
                kept.save(update_fields=["sentence", "updated_at"])
            continue
        created.append(
            Mention.objects.create(
                owner_id=person_id,
                writer=writer,
                source_kind=source_kind,
                source_id=source_id,
                field=field,
                sentence=hit.sentence,
                sentence_key=key,
                words=list(hit.words),
            )
        )
    source = sources.get(source_kind)
    label = source.label if source else "something"
    for person_id in sorted({str(mention.owner_id) for mention in created}):
        notice_send(
            person=User.objects.get(pk=person_id),
            text=f"{writer.display_name} wrote {label} that names you. You decide what others "
            "read of it. Until you answer, they see “a member” instead of your name.",
            url=reverse("mentions_mine"),
            email_subject=EMAIL_SUBJECT,
        )
    return created


@transaction.atomic
def mention_answer(
    *,
    mention: Mention,
    state: str,
    by: User,
    reason: str = "",
    reason_for_writer: bool = False,
) -> Mention:
    """Her answer: that's fine, take my name out, or take this passage out. She can change it
    at any time; it takes effect at once for every reader."""
    if mention.owner_id != by.pk:
        raise PermissionDenied("Only the person named decides about this passage.")
    if state not in ANSWERS:
        raise ValidationError("Choose one of the answers.")
    if mention.state == Mention.State.ERASED:
        raise ValidationError("This passage no longer names you.")
    before = mention.state
    mention.state = state
    mention.reason = reason.strip() if state == Mention.State.PASSAGE_OUT else ""
    mention.reason_for_writer = bool(reason_for_writer and mention.reason)
    mention.answered_at = mention.updated_at = timezone.now()
    mention.save(
        update_fields=["state", "reason", "reason_for_writer", "answered_at", "updated_at"]
    )
    if state == Mention.State.PASSAGE_OUT and before != Mention.State.PASSAGE_OUT:
        text = _taken_out_notice(mention.sentence)
        if mention.reason_for_writer:
            text += f" Why: {mention.reason}"
        notice_send(person=mention.writer, text=text[:500], url=_source_url(mention))
    log_action(by=by, action="mentions.mention.answered", obj=mention, data={"state": str(state)})
    return mention


def _taken_out_notice(sentence: str) -> str:
    """What the writer is told when a passage is taken out (and why, if she chose to say)."""
    return (
        "Someone your words name asked that this passage be shown to nobody but you and "
        f"them, until you change it: “{sentence}”"
    )


def _reason_leaves_notice(mention: Mention, sentences: Iterable[str]) -> None:
    """Her reason leaves the notice the writer was sent (its passage, by then without her
    name, stays: the writer still needs to know it is hidden)."""
    for sentence in set(sentences):
        head = _taken_out_notice(sentence)[:500]
        told = Notice.objects.filter(person=mention.writer_id, text__startswith=f"{head} Why: ")
        told.update(text=head)


def _source_url(mention: Mention) -> str:
    source = sources.get(mention.source_kind)
    return (source.url(mention.source_id) if source else None) or ""


@transaction.atomic
def research_choice_set(*, person: User, research_use: bool) -> ResearchChoice:
    choice, _ = ResearchChoice.objects.update_or_create(
        person=person, defaults={"research_use": research_use, "decided_at": timezone.now()}
    )
    log_action(
        by=person,
        action="mentions.research_choice.set",
        obj=choice,
        data={"research_use": research_use},
    )
    return choice


@transaction.atomic
def mentions_erase(*, person: User, pseudonym: str) -> int:
    """Her account is deleted: her name leaves every passage about her, in the text itself
    and in the passages kept in history (her pseudonym takes its place), and passages she
    took out stay out. Her reasons go."""
    changed = 0
    for mention in mentions_of_unchecked_state(person):
        # One of hers met by an earlier one in this loop may have been marked gone since.
        mention.refresh_from_db(fields=["gone_at"])
        sentence = mention.sentence
        for word in mention.words:
            sentence = sentence.replace(word, pseudonym)
        if mention.reason_for_writer and mention.reason:
            _reason_leaves_notice(mention, [mention.sentence, sentence])
        if mention.is_live and sentence != mention.sentence:
            sentence_rewrite(mention, sentence)
            twin_keep_one(mention, sentence_key(sentence))
        mention.sentence, mention.sentence_key = sentence, sentence_key(sentence)
        mention.words = [pseudonym]
        mention.reason = ""
        mention.reason_for_writer = False
        if mention.is_live and mention.state != Mention.State.PASSAGE_OUT:
            mention.state = Mention.State.ERASED
        mention.updated_at = timezone.now()
        mention.save()
        changed += 1
    ResearchChoice.objects.filter(person=person).delete()
    return changed


@transaction.atomic
def mentions_forget_source(*, source_kind: str, source_id: Any) -> int:
    """The text was deleted: its passages no longer name anyone (her history keeps them)."""
    now = timezone.now()
    gone = 0
    for mention in live_mentions_of_sources([(source_kind, source_id)]):
        mention.gone_at = mention.updated_at = now
        mention.save(update_fields=["gone_at", "updated_at"])
        gone += 1
    return gone
