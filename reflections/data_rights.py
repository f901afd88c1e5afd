"""Reflective notes' part of data rights (datarights/hooks.py): every note with its
versions, answers and unsaved draft; deleting them; and how long drafts are kept."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Prefetch, Q

from consent.describe import who_can_see
from consent.kinds import Kind
from consent.policy import owned
from datarights.hooks import (
    ONLY_YOU,
    Entry,
    RetentionJob,
    Section,
    Text,
    facts,
    when,
)
from people.models import User
from reflections.markdown import render_markdown
from reflections.models import NoteAnswer, NoteDraft, NoteVersion, ReflectionPrompt, ReflectiveNote
from reflections.services import note_delete, notes_name_replace_unchecked


def _notes(person: User) -> list[ReflectiveNote]:
    return list(
        owned(ReflectiveNote.objects.all(), person)
        .select_related("meeting", "draft")
        .prefetch_related(
            Prefetch("answers", queryset=NoteAnswer.objects.select_related("prompt")),
            Prefetch("versions", queryset=NoteVersion.objects.order_by("number")),
        )
        .order_by("created_at")
    )


def _draft_answers(draft: NoteDraft, questions: dict[str, str]) -> list[Text]:
    answers = draft.data.get("answers") or {}
    if not isinstance(answers, dict):
        return []
    return [
        Text(questions.get(str(prompt_id), "A question"), str(text))
        for prompt_id, text in answers.items()
        if str(text).strip()
    ]


def _formatted(label: str, body: str) -> Text:
    # The note as its page shows it: *emphasis* and lists formatted, not raw stars.
    return Text(label, body, key="body", html=render_markdown(body) if body else "")


def _note_entry(note: ReflectiveNote, seen_by: str, questions: dict[str, str]) -> Entry:
    entry = Entry(
        id=note.pk,
        heading=note.display_title,
        facts=facts(
            ("Title", note.title),
            ("Started", note.created_at),
            (
                "Last saved",
                note.updated_at if not note.is_draft else None,
                "saved_at",
                "" if not note.is_draft else "never: a draft",
            ),
            ("About the meeting", str(note.meeting) if note.meeting else None, "meeting"),
            ("Content warning", note.warning_labels, "content_warnings"),
            ("Content warning in your words", note.content_warning_words),
            ("Who can see it", seen_by),
        ),
        texts=[Text(answer.prompt.text, answer.answer) for answer in note.answers.all()]
        + [_formatted("Your note", note.body)],
    )
    for version in note.versions.all():
        entry.parts.append(
            Entry(
                group="versions",
                heading=f"Version {version.number}, saved {when(version.saved_at)}",
                facts=facts(
                    ("Number", version.number),
                    ("Saved", version.saved_at, "saved_at"),
                    ("Title", version.title),
                    ("Content warning", version.warning_labels, "content_warnings"),
                    ("Content warning in your words", version.content_warning_words),
                ),
                texts=[Text(answer["question"], answer["answer"]) for answer in version.answers]
                + [_formatted("Text", version.body)],
            )
        )
    draft = note.pending_draft
    if draft is not None:
        data = draft.data
        entry.parts.append(
            Entry(
                group="unsaved_draft",
                heading=f"Not saved yet: what you typed by {when(draft.saved_at)}",
                facts=facts(
                    ("Typed", draft.saved_at, "saved_at"), ("Title", str(data.get("title", "")))
                ),
                texts=[
                    *_draft_answers(draft, questions),
                    Text("Text", str(data.get("body") or ""), key="body"),
                ],
            )
        )
    return entry


def collect(person: User) -> list[Section]:
    notes = _notes(person)
    seen_by = who_can_see(person, Kind.NOTE)
    questions = {str(pk): text for pk, text in ReflectionPrompt.objects.values_list("pk", "text")}
    return [
        Section(
            key="notes",
            title="Your reflective notes",
            intro="Every note you wrote, as it is now, with each version you saved and "
            "anything you typed and did not save yet.",
            entries=[_note_entry(n, seen_by.get(n.pk, ONLY_YOU), questions) for n in notes],
            empty="You have not written any notes.",
        )
    ]


def erase_preview(person: User) -> list[str]:
    count = owned(ReflectiveNote.objects.all(), person).count()
    if not count:
        return []
    notes = "note" if count == 1 else f"{count} notes"
    return [
        f"Your {notes}, with every earlier version, your answers and anything not saved, "
        "are deleted."
    ]


@transaction.atomic
def delete_old_drafts(now: datetime) -> int:
    """Drafts never saved, RETENTION_NOTE_DRAFTS_DAYS after they were last typed in: a
    note never finished goes altogether (it was never shared: only its author saw it);
    unsaved changes to a saved note go, and the saved note stays as it was."""
    cutoff = now - timedelta(days=settings.RETENTION_NOTE_DRAFTS_DAYS)
    removed = 0
    for note in _never_finished_unchecked(cutoff):
        note_delete(note=note, by=note.owner)
        removed += 1
    stale, _ = NoteDraft.objects.filter(note__is_draft=False, saved_at__lte=cutoff).delete()
    return removed + stale


def _never_finished_unchecked(cutoff: datetime) -> list[ReflectiveNote]:
    """Everyone's notes never saved and not typed in since `cutoff`. A retention job acting
    for the group's retention rule, not a reader: it deletes these notes (each through its
    author's own deletion service) and shows them to nobody."""
    return list(
        ReflectiveNote.objects.filter(is_draft=True)
        .filter(Q(draft__saved_at__lte=cutoff) | Q(draft__isnull=True, updated_at__lte=cutoff))
        .select_related("owner")
    )


def retention_jobs() -> list[RetentionJob]:
    return [
        RetentionJob(
            key="note_drafts",
            description="drafts of notes never saved (and unsaved changes), after the last typing",
            setting="RETENTION_NOTE_DRAFTS_DAYS",
            run=delete_old_drafts,
        )
    ]


def names_leave(replace: Callable[[str], str]) -> None:
    notes_name_replace_unchecked(replace=replace)
