"""What someone was typing when she left (Exit this page) or was signed out (idle): kept for
her, for the page she was on, until she sends that form again or deletes it."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class FormDraft(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="form_drafts"
    )
    # The page the form was on (a path inside the workspace, never a query string).
    path = models.CharField(max_length=300)
    # {field name: value or [values]} as typed; never a password.
    fields = models.JSONField(default=dict)
    saved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-saved_at"]
        constraints = [
            models.UniqueConstraint(fields=["person", "path"], name="safety_one_draft_per_page")
        ]

    def __str__(self) -> str:
        return f"Kept form {str(self.pk)[:8]}"
