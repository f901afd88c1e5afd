"""The action log: who did what to which object, and when. Appended only (the database
refuses updates and deletes, as for the consent ledger).

Consent's ledger (consent/models.py) records shares and reads; this log records every other
change a service makes. A row never holds what anyone wrote: its details are ids, numbers,
yes/no and short codes only (actionlog/services.py refuses anything else).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone


class LoggedAction(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    # Null when the workspace did it by itself (a daily job, an expiry).
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # A dotted code, "<app>.<object>.<verb>": "meetings.agenda_item.moved".
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=80)  # app_label.model_name
    object_id = models.CharField(max_length=64)
    # Whose thing it was, or whom it was about: her history and her account download read it.
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        indexes = [
            models.Index(fields=["object_type", "object_id", "-at"]),
            models.Index(fields=["person", "-at"]),
            models.Index(fields=["by", "-at"]),
        ]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type} {self.object_id}"
