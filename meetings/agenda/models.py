"""What people in the group would like a meeting to talk about: proposed by anyone in the
group, accepted, declined and put in order by a facilitator."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone

from meetings.models import Meeting


class AgendaItem(models.Model):
    """Something a person in the group would like the meeting to talk about."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Waiting for a facilitator"
        ACCEPTED = "accepted", "On the agenda"
        DECLINED = "declined", "Not this time"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(max_length=200)
    details = models.TextField(blank=True)
    show_name = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PROPOSED)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["position", "created_at"]

    def __str__(self) -> str:
        # A suggestion may name people: never in logs or error reports.
        return f"Agenda item {str(self.pk)[:8]}"
