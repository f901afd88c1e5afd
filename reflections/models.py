"""Reflective notes: written privately, shared by choice through the consent ledger.

A note holds its latest saved text; that is what readers see and what research
exports take. Every save appends a `NoteVersion` (only the author sees them).
Unsaved work (autosave, "Save draft") lives in a `NoteDraft` beside the note, so
readers of a shared note never see half-typed text. A note the author has never
finished is `is_draft`: it has no saved text yet, only its draft.
See docs/notes.md.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import models
from django.db.models import OuterRef, StringAgg, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.safestring import mark_safe

from consent.items import ShareableItem, ShareableQuerySet
from consent.registry import ExportText

if TYPE_CHECKING:
    from people.models import User

# The text search configuration: the group writes in English.
SEARCH_CONFIG = "english"


# The questions a new group starts with (migration 0003 keeps its own copy).
DEFAULT_PROMPTS = [
    "What went well?",
    "What felt difficult?",
    "Did you feel safe to speak?",
    "What should change?",
]


class ContentWarning(models.TextChoices):
    """Warnings an author can tick. She can also write one in her own words."""

    VIOLENCE = "violence", "violence"
    ABUSE = "abuse", "abuse"
    SELF_HARM = "self_harm", "self-harm or suicide"
    SUBSTANCE_USE = "substance_use", "substance use"


def warning_labels(values: list[str]) -> list[str]:
    # A version may hold a warning that was later taken off the list: skip it.
    return [ContentWarning(value).label for value in values if value in ContentWarning.values]


class ReflectionPrompt(models.Model):
    """A question the group offers to reflect on ("What went well?").

    Facilitators keep the list. A prompt is never deleted once notes answer it:
    it is retired instead, so old answers keep their question.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    text = models.CharField("question", max_length=200, unique=True)
    position = models.PositiveSmallIntegerField(
        "order", default=0, help_text="Questions are offered in this order, smallest first."
    )
    is_active = models.BooleanField(
        "offered for new notes",
        default=True,
        help_text="Untick to stop offering it. Notes that answered it keep their answers.",
    )
    created_at = models.DateTimeField(default=timezone.now)
    # SET_NULL: a question belongs to the group, and outlives its writer's account.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["position", "text"]

    def __str__(self) -> str:
        return self.text


class NoteQuerySet(ShareableQuerySet):
    def refresh_search_vectors(self) -> int:
        """Recompute the full-text index of these notes from their saved text."""
        answers = (
            NoteAnswer.objects.filter(note=OuterRef("pk"))
            .values("note")
            .annotate(text=StringAgg("answer", delimiter=Value(" ")))
            .values("text")
        )
        return self.update(
            search_vector=SearchVector("title", weight="A", config=SEARCH_CONFIG)
            + SearchVector("body", weight="B", config=SEARCH_CONFIG)
            + SearchVector(
                Coalesce(Subquery(answers), Value(""), output_field=models.TextField()),
                weight="B",
                config=SEARCH_CONFIG,
            )
        )


class ReflectiveNote(ShareableItem):
    title = models.CharField(max_length=200, blank=True)
    # Markdown (a small subset), rendered and sanitised by reflections.markdown once, when
    # it is saved (`body_html`), not on every view.
    body = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)
    # Only Meeting.id, starts_at and str(meeting) are relied on here.
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    content_warnings = ArrayField(
        models.CharField(max_length=20, choices=ContentWarning.choices), default=list, blank=True
    )
    content_warning_words = models.CharField(
        "content warning in your own words", max_length=200, blank=True
    )
    # True until the author first presses "Save": the text is only in the draft.
    is_draft = models.BooleanField(default=False)
    # How many times the note was saved; the number of its latest version.
    version = models.PositiveIntegerField(default=0)
    # Plain text for lists, made when the note is saved.
    excerpt = models.CharField(max_length=300, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    objects: ClassVar[Any] = NoteQuerySet.as_manager()  # type: ignore[assignment, unused-ignore]

    class Meta:
        ordering = ["-updated_at"]
        indexes = [
            GinIndex(fields=["search_vector"], name="reflections_note_search"),
            models.Index(fields=["owner", "-updated_at"], name="reflections_note_owner"),
        ]

    def title_for(self, viewer: User) -> str:
        """The title in lists and logs. Readers other than the author see no words of a
        note behind a content warning there, not even its title."""
        if self.owner_id == getattr(viewer, "pk", None) or not self.has_warning:
            return self.display_title
        return self.neutral_title

    @property
    def neutral_title(self) -> str:
        return f"Note of {timezone.localtime(self.created_at):%-d %B %Y}"

    @property
    def display_title(self) -> str:
        return self.title or self.neutral_title

    @property
    def has_warning(self) -> bool:
        return bool(self.content_warnings or self.content_warning_words)

    @property
    def warning_labels(self) -> list[str]:
        return warning_labels(self.content_warnings)

    @property
    def pending_draft(self) -> NoteDraft | None:
        try:
            return self.draft
        except NoteDraft.DoesNotExist:
            return None


class NoteAnswer(models.Model):
    """The author's answer to one prompt, in the note's saved text."""

    note = models.ForeignKey(ReflectiveNote, on_delete=models.CASCADE, related_name="answers")
    prompt = models.ForeignKey(ReflectionPrompt, on_delete=models.PROTECT, related_name="answers")
    answer = models.TextField()
    answer_html = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["note", "prompt"], name="reflections_one_answer"),
        ]

    def __str__(self) -> str:
        return f"Answer to {self.prompt_id}"

    @property
    def question(self) -> str:
        return self.prompt.text

    @property
    def html(self) -> str:
        # Made safe by reflections.markdown when the note was saved.
        return mark_safe(self.answer_html)  # noqa: S308


class NoteVersion(models.Model):
    """The note as it was saved once. Only the author sees these."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    note = models.ForeignKey(ReflectiveNote, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField(blank=True)
    body_html = models.TextField(blank=True)
    # [{"question": the prompt as it was worded then, "answer": text}]
    answers = models.JSONField(default=list, blank=True)
    content_warnings = ArrayField(models.CharField(max_length=20), default=list, blank=True)
    content_warning_words = models.CharField(max_length=200, blank=True)
    saved_at = models.DateTimeField(default=timezone.now)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["note", "number"], name="reflections_version_number"),
        ]

    def __str__(self) -> str:
        return f"Version {self.number}"

    @property
    def warning_labels(self) -> list[str]:
        return warning_labels(self.content_warnings)


class NoteDraft(models.Model):
    """What the author typed and has not saved yet: exactly as typed, even if it
    would not pass the form's checks, so nothing is lost. One per note."""

    note = models.OneToOneField(
        ReflectiveNote, on_delete=models.CASCADE, primary_key=True, related_name="draft"
    )
    # The form's fields as typed: title, body, meeting, content_warnings,
    # content_warning_words, prompts, and answers ({prompt id: text}).
    data = models.JSONField(default=dict)
    saved_at = models.DateTimeField(default=timezone.now)
    # The note's version when the form was opened, to spot a save made elsewhere since.
    base_version = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"Draft of {self.note_id}"

    @property
    def title(self) -> str:
        return str(self.data.get("title", ""))


# Where research_use_granted_of_kind puts a note's answers (the kind's export_prefetch).
EXPORT_ANSWERS = "export_answers"


def export_text(note: ReflectiveNote) -> ExportText:
    """The note's latest saved text, for research exports (before anonymising)."""
    parts = [note.title] if note.title else []
    answers = getattr(note, EXPORT_ANSWERS, None)
    answers = note.answers.all() if answers is None else answers
    parts += [f"{answer.prompt.text}\n{answer.answer}" for answer in answers]
    if note.body:
        parts.append(note.body)
    meeting: Any = note.meeting
    return ExportText(
        text="\n\n".join(parts),
        date=timezone.localdate(note.created_at),
        meeting_id=meeting.pk if meeting is not None else None,
        meeting_label=str(meeting) if meeting is not None else "",
    )
