"""Minutes of a meeting, and the decisions and actions they record ("you said, we did").

Minutes are an item of the consent ledger: only those they are shared with read them,
and decisions and actions are seen wherever their minutes are.
"""

from __future__ import annotations

import uuid
from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone

from consent.items import ShareableItem, ShareableQuerySet
from meetings.models import Meeting

_MinutesBaseManager = models.Manager.from_queryset(ShareableQuerySet)


class MinutesManager(_MinutesBaseManager):
    """Minutes always come with their meeting: their title and export need it, and
    the consent pages list many at once."""

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("meeting")


class Minutes(ShareableItem):
    """What a meeting talked about and decided. Written by a facilitator (the
    owner) and shared through the consent ledger; the form offers the whole group.

    Each facilitator writes her own minutes of a meeting: one set per writer, so that
    minutes nobody else may read are never in another facilitator's way, and nobody
    learns that they exist."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="minutes")
    body = models.TextField()
    updated_at = models.DateTimeField(default=timezone.now)

    objects: ClassVar[MinutesManager] = MinutesManager()  # type: ignore[assignment, unused-ignore]

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "minutes"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "owner"], name="meetings_minutes_one_per_writer"
            )
        ]


class Decision(models.Model):
    """Something the group decided, and what came of it ("you said, we did")."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField()
    outcome = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        # What the group decided may name people: never in logs or error reports.
        return f"Decision {str(self.pk)[:8]}"


class Action(models.Model):
    """Something someone will do, by a date. Its status and outcome are kept up to date."""

    class Status(models.TextChoices):
        OPEN = "open", "To do"
        IN_PROGRESS = "in_progress", "Being done"
        DONE = "done", "Done"
        DROPPED = "dropped", "Not going ahead"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="actions")
    description = models.TextField()
    # Who will do it: a person in the workspace, or a name (the practice manager).
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_actions",
    )
    owner_name = models.CharField(max_length=80, blank=True)
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    outcome = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "created_at"]

    def __str__(self) -> str:
        return f"Action {str(self.pk)[:8]}"

    @property
    def who(self) -> str:
        if self.owner is not None:
            return self.owner.display_name
        return self.owner_name

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.DROPPED)
