"""Observation notes: what a researcher writes about a meeting she observes, with every change
kept, and the group's decision about whether facilitators may read them. The app label stays
"interviews" (interviews/models.py imports these)."""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from consent.items import ShareableItem, ShareableQuerySet
from consent.models import Audience
from consent.registry import ExportText


class ObservationNoteManager(models.Manager.from_queryset(ShareableQuerySet)):  # type: ignore[misc]
    # A note's title is its meeting's: load both in one query wherever notes are
    # listed (history, "who has seen my things", shared with me).
    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("meeting")


class ObservationNote(ShareableItem):
    """What a researcher wrote about a meeting they observed. The writer owns it.

    Written only by the meeting's observer once observation consent is collected
    (interviews/observation.py); those who said no are never described.
    """

    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.PROTECT, related_name="observation_notes"
    )
    text = models.TextField()
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects: ClassVar[ObservationNoteManager] = ObservationNoteManager()

    class Meta:
        ordering = ["-created_at"]


class ObservationNoteChange(models.Model):
    """A note was written, changed or deleted, by someone. Appended only.

    Points at the note without a database constraint: after a deletion the
    ledger still says the note existed, about which meeting, and who deleted
    it, and nothing of what it said.
    """

    class What(models.TextChoices):
        WRITTEN = "written", "written"
        CHANGED = "changed", "changed"
        DELETED = "deleted", "deleted"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    note = models.ForeignKey(
        ObservationNote, on_delete=models.DO_NOTHING, db_constraint=False, related_name="changes"
    )
    meeting = models.ForeignKey("meetings.Meeting", on_delete=models.PROTECT, related_name="+")
    what = models.CharField(max_length=10, choices=What.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"Observation note {self.get_what_display()} at {self.at:%Y-%m-%d}"


class ObservationSharingDecision(models.Model):
    """The group's decision: may facilitators read observation notes that researchers
    share with them? A facilitator records it; appended only, the newest counts."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    facilitators_may_read = models.BooleanField()
    how_agreed = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return f"Observation notes decision of {self.decided_at:%Y-%m-%d}"


def facilitators_may_read_observation_notes() -> bool:
    """The group's newest decision; "no" until the group has decided."""
    latest = ObservationSharingDecision.objects.values_list("facilitators_may_read", flat=True)
    return bool(latest.first())


def observation_note_audiences(note: ObservationNote) -> tuple[str, ...]:
    """Researchers always; facilitators only while the group agrees."""
    if facilitators_may_read_observation_notes():
        return (Audience.RESEARCHERS, Audience.FACILITATORS)
    return (Audience.RESEARCHERS,)


def observation_note_export_text(note: ObservationNote) -> ExportText:
    """For research exports (only with the writer's research-use grant). The passages that
    name someone who did not agree to research use of them, or that she took out, are left
    out by research (mentions.research)."""
    meeting = note.meeting
    return ExportText(
        text=note.text,
        date=timezone.localdate(meeting.starts_at),
        meeting_id=meeting.pk,
        meeting_label=str(meeting),
        mentions_field="text",
    )
