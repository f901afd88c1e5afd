"""Reflective notes: written privately, shared by choice through the consent ledger."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from consent.models import ShareableItem
from consent.registry import ExportText


class ReflectiveNote(ShareableItem):
    title = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.title or f"Note of {timezone.localtime(self.created_at):%d %B %Y}"


def export_text(note: ReflectiveNote) -> ExportText:
    text = f"{note.title}\n\n{note.body}" if note.title else note.body
    return ExportText(text=text, date=timezone.localdate(note.created_at))
