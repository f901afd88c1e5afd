"""The project's own tables: only what no app owns (bridging_gaps/idempotency.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class Submission(models.Model):
    """A form sent and done: the key its page chose, and where it led. A retried submission
    with the same key (a double tap, a phone that lost its signal and sent again) leads there
    again instead of making a second copy. Kept for a day (bridging_gaps/data_rights.py)."""

    id = models.BigAutoField(primary_key=True)
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.UUIDField()
    location = models.CharField(max_length=500)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["person", "key"], name="one_submission_per_key")
        ]

    def __str__(self) -> str:
        return "A form sent"
