"""Writes to reflective notes and prompts. Each in one transaction, recorded with who did it.

Sharing is not here: it goes through consent.services, like every other item.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from actionlog.services import log_action
from bridging_gaps.text import fitted
from consent.policy import item_rows, lock_item
from consent.services import item_delete
from people.models import User
from reflections.markdown import excerpt, render_markdown
from reflections.models import (
    NoteAnswer,
    NoteDraft,
    NoteVersion,
    ReflectionPrompt,
    ReflectiveNote,
)


@dataclass(frozen=True)
class NoteContent:
    """What the author saves: the note's text and its details."""

    body: str = ""
    title: str = ""
    meeting: Any = None
    content_warnings: Sequence[str] = ()
    content_warning_words: str = ""
    # (prompt, answer) in the order shown; empty answers are left out.
    answers: Sequence[tuple[ReflectionPrompt, str]] = field(default_factory=tuple)


def _excerpt_of(content: NoteContent) -> str:
    return excerpt(*(answer for _prompt, answer in content.answers), content.body)


def _apply(note: ReflectiveNote, content: NoteContent, by: User) -> ReflectiveNote:
    answers = [(prompt, text.strip()) for prompt, text in content.answers if text.strip()]
    # Rendered once, here, for every later view (and each version keeps its own).
    html = [str(render_markdown(text)) for _prompt, text in answers]
    note.title = content.title
    note.body = content.body
    note.body_html = render_markdown(note.body) if note.body else ""
    note.meeting = content.meeting
    note.content_warnings = list(content.content_warnings)
    note.content_warning_words = content.content_warning_words
    note.is_draft = False
    note.version += 1
    note.updated_at = timezone.now()
    note.excerpt = _excerpt_of(content)
    note.save()
    note.answers.all().delete()
    NoteAnswer.objects.bulk_create(
        NoteAnswer(
            note=note,
            prompt=prompt,
            answer=text,
            answer_html=html[index],
            position=index,
        )
        for index, (prompt, text) in enumerate(answers)
    )
    NoteVersion.objects.create(
        note=note,
        number=note.version,
        title=note.title,
        body=note.body,
        body_html=note.body_html,
        answers=[
            {"question": prompt.text, "answer": text, "html": html[index]}
            for index, (prompt, text) in enumerate(answers)
        ],
        content_warnings=note.content_warnings,
        content_warning_words=note.content_warning_words,
        saved_at=note.updated_at,
        saved_by=by,
    )
    NoteDraft.objects.filter(note=note).delete()
    item_rows(note).refresh_search_vectors()  # type: ignore[attr-defined]
    return note


class NoteIdTaken(Exception):
    """The id a writing page chose belongs to someone else's note."""


def _new_note(owner: User, note_id: Any = None) -> ReflectiveNote:
    """A note not saved yet. It takes the id the writing page chose, if any, so
    that autosave and "Save" from one page always reach the same note."""
    chosen = {"id": note_id} if note_id else {}
    try:
        with transaction.atomic():
            return ReflectiveNote.objects.create(owner=owner, is_draft=True, **chosen)
    except IntegrityError:
        # The id is taken by someone else's note: the view answers as for anything not yours.
        raise NoteIdTaken from None


@transaction.atomic
def note_create(
    *,
    owner: User,
    content: NoteContent,
    note_id: Any = None,
    existing: ReflectiveNote | None = None,
) -> ReflectiveNote:
    """Save a new note (or finish one that so far was only a draft). Private:
    no share rows means only the author sees it."""
    note = _apply(existing or _new_note(owner, note_id), content, owner)
    log_action(by=owner, action="reflections.note.created", obj=note)
    return note


@transaction.atomic
def note_save(*, note: ReflectiveNote, content: NoteContent, by: User) -> ReflectiveNote:
    """Save an edit: it becomes the text every reader sees, and a new version."""
    done = _apply(lock_item(note), content, by)
    log_action(by=by, action="reflections.note.saved", obj=done)
    return done


class DraftOutdated(Exception):
    """The note was saved elsewhere (another tab, the Save button) after this
    page was opened; storing this page's draft would bring back older text."""


@transaction.atomic
def note_draft_save(
    *,
    owner: User,
    data: dict[str, Any],
    note: ReflectiveNote | None = None,
    note_id: Any = None,
    base_version: int | None = None,
) -> NoteDraft:
    """Keep what was typed without saving it as the note's text.

    Readers keep seeing the last saved text. A new note is made (as a draft
    only its author sees) the first time its draft is kept.
    """
    note = _new_note(owner, note_id) if note is None else lock_item(note)
    if base_version is not None and base_version < note.version:
        raise DraftOutdated
    draft, _created = NoteDraft.objects.update_or_create(
        note=note,
        defaults={
            "data": data,
            "saved_at": timezone.now(),
            "base_version": note.version if base_version is None else base_version,
        },
    )
    return draft


@transaction.atomic
def note_draft_discard(*, note: ReflectiveNote, by: User) -> bool:
    """Throw away unsaved changes. A note that was never saved goes altogether.
    Returns True when the whole note was removed."""
    if note.is_draft:
        note_delete(note=note, by=by)
        return True
    NoteDraft.objects.filter(note=note).delete()
    log_action(by=by, action="reflections.note.draft_discarded", obj=note)
    return False


@transaction.atomic
def note_delete(*, note: ReflectiveNote, by: User) -> None:
    """Remove the note, its answers, its draft and every version.

    The consent ledger and access log keep only that a note existed (its kind
    and id, when it was shared and withdrawn, who read it): every current share
    is withdrawn here, in the same transaction, with who did it.
    """
    item_delete(item=note, by=by, reason="The note was deleted.")


@transaction.atomic
def prompt_create(*, text: str, position: int, by: User) -> ReflectionPrompt:
    done = ReflectionPrompt.objects.create(
        text=text, position=position, created_by=by, updated_by=by
    )
    log_action(by=by, action="reflections.prompt.created", obj=done)
    return done


@transaction.atomic
def prompt_update(
    *, prompt: ReflectionPrompt, text: str, position: int, is_active: bool, by: User
) -> ReflectionPrompt:
    prompt.text = text
    prompt.position = position
    prompt.is_active = is_active
    prompt.updated_by = by
    prompt.updated_at = timezone.now()
    prompt.save()
    log_action(by=by, action="reflections.prompt.changed", obj=prompt)
    return prompt


@transaction.atomic
def notes_name_replace_unchecked(*, replace: Callable[[str], str]) -> int:
    """Every note's words passed through `replace` (a person's account is deleted: her name
    leaves what others wrote): the title, the text, each answer, every earlier version and
    unsaved draft, with their safe HTML rendered again. No new version: the words are the
    same but for her name. Returns how many notes changed.

    A deliberate bypass of the policy: it reads every note, whoever may see it, only to put a
    deleted person's pseudonym where her name was. Nothing it reads is shown or leaves."""
    changed = 0
    reindex = []
    notes = ReflectiveNote.objects.prefetch_related("answers", "versions").select_related("draft")
    for note in notes.iterator(chunk_size=200):
        touched = False
        title, body = fitted(ReflectiveNote, "title", replace(note.title)), replace(note.body)
        answers = list(note.answers.all())
        for answer in answers:
            text = replace(answer.answer)
            if text != answer.answer:
                answer.answer, answer.answer_html = text, str(render_markdown(text))
                answer.save(update_fields=["answer", "answer_html"])
                touched = True
        if touched or (title, body) != (note.title, note.body):
            note.title, note.body = title, body
            note.body_html = render_markdown(body) if body else ""
            note.excerpt = excerpt(*(answer.answer for answer in answers), body)
            note.save(update_fields=["title", "body", "body_html", "excerpt"])
            touched = True
        if touched:
            reindex.append(note.pk)  # the search index held her name too
        for version in note.versions.all():
            touched |= _version_name_replace(version, replace)
        draft = getattr(note, "draft", None)
        if draft is not None:
            data = _replaced_in(draft.data, replace)
            if data != draft.data:
                draft.data = data
                draft.save(update_fields=["data"])
                touched = True
        changed += touched
    ReflectiveNote.objects.filter(pk__in=reindex).refresh_search_vectors()
    return changed


def _version_name_replace(version: NoteVersion, replace: Callable[[str], str]) -> bool:
    title, body = fitted(NoteVersion, "title", replace(version.title)), replace(version.body)
    answers = [
        {**answer, "answer": replace(answer["answer"])}
        if isinstance(answer, dict) and isinstance(answer.get("answer"), str)
        else answer
        for answer in version.answers
    ]
    for new, old in zip(answers, version.answers, strict=True):
        if new != old:
            new["html"] = str(render_markdown(new["answer"]))
    if (title, body, answers) == (version.title, version.body, version.answers):
        return False
    version.title, version.body, version.answers = title, body, answers
    version.body_html = render_markdown(body) if body else ""
    version.save(update_fields=["title", "body", "body_html", "answers"])
    return True


def _replaced_in(value: Any, replace: Callable[[str], str]) -> Any:
    """Every string in a draft's typed values (strings, lists and dicts of them)."""
    if isinstance(value, str):
        return replace(value)
    if isinstance(value, list):
        return [_replaced_in(item, replace) for item in value]
    if isinstance(value, dict):
        return {key: _replaced_in(item, replace) for key, item in value.items()}
    return value
