"""The group's meetings. (Series, RSVPs, attendance, agenda, minutes: see the meetings issue.)"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils import timezone


class Meeting(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    place = models.TextField(blank=True)
    online_url = models.URLField(blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancellation_message = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        # Neutral on purpose: titles show in calendars and on shared screens.
        return f"Group meeting, {timezone.localtime(self.starts_at):%-d %B %Y}"
