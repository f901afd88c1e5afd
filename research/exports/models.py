"""Research exports: what a researcher chose, what went out, and when the file goes.

An export is every copy of anonymised text taken from the workspace's items: a ZIP file a
researcher downloads, or a copy added to a project's analysis here. Each is recorded with who
made it, when, which items (``ExportItem``), the time of the consent snapshot and the file's
SHA-256; each owner sees it in "Who has seen my things". See docs/research.md.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from research.analysis.models import ResearchProject


class Export(models.Model):
    class Purpose(models.TextChoices):
        FILE = "file", "an export file to download"
        ANALYSIS = "analysis", "a copy for the analysis in the workspace"

    class Status(models.TextChoices):
        SELECTING = "selecting", "finding the items"
        REVIEW = "review", "ready for you to check"
        QUEUED = "queued", "waiting to start"
        RUNNING = "running", "being made"
        DONE = "done", "done"
        FAILED = "failed", "failed"
        EXPIRED = "expired", "expired: the file is deleted"

    class Withdrawal(models.TextChoices):
        ITEM = "item", "research use of an item in it was withdrawn by its owner"
        NAMED = "named", "someone named in it said no to research use of passages about them"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    project = models.ForeignKey(ResearchProject, on_delete=models.PROTECT, related_name="exports")
    purpose = models.CharField(max_length=10, choices=Purpose.choices, default=Purpose.FILE)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SELECTING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="research_exports"
    )
    created_at = models.DateTimeField(default=timezone.now)

    # What the researcher chose.
    kinds = ArrayField(models.CharField(max_length=40))
    date_from = models.DateField(null=True, blank=True)
    date_to = models.DateField(null=True, blank=True)
    meeting_ids = ArrayField(models.UUIDField(), default=list, blank=True)
    # Words or phrases the researcher took out by hand: each becomes [REDACTED].
    redactions = ArrayField(models.CharField(max_length=120), default=list, blank=True)

    # How it went.
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(default=0)
    selected_at = models.DateTimeField(null=True, blank=True)
    snapshot_at = models.DateTimeField(
        null=True, blank=True, help_text="Items went in if their research-use grant held then."
    )
    finished_at = models.DateTimeField(null=True, blank=True)
    item_count = models.PositiveIntegerField(default=0)
    left_out_count = models.PositiveIntegerField(default=0)
    # Coded passages that could not be carried over to a text that changed since coding.
    passages_dropped = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)

    # The file (purpose FILE), in the private default storage.
    file_name = models.CharField(max_length=255, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.BigIntegerField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    file_deleted_at = models.DateTimeField(null=True, blank=True)
    # The file was deleted before it expired: an owner withdrew research use of an item in
    # it (research.exports.services.export_files_withdraw_item), or someone named in it said
    # no to research use of passages about them (research.exports.recheck).
    file_withdrawn_at = models.DateTimeField(null=True, blank=True)
    # Why its file was withdrawn (with file_withdrawn_at).
    file_withdrawn_because = models.CharField(
        max_length=10, choices=Withdrawal.choices, blank=True, default=""
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "expires_at"])]

    def __str__(self) -> str:
        return f"Export {self.reference}"

    @property
    def reference(self) -> str:
        """A short reference researchers and owners can quote (the start of the id)."""
        return str(self.id)[:8]

    @property
    def is_draft(self) -> bool:
        return self.status in (self.Status.SELECTING, self.Status.REVIEW)

    @property
    def is_working(self) -> bool:
        return self.status in (self.Status.SELECTING, self.Status.QUEUED, self.Status.RUNNING)

    @property
    def percent(self) -> int:
        if not self.progress_total:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, round(100 * self.progress_done / self.progress_total))

    def can_download(self, now: object = None) -> bool:
        moment = now or timezone.now()
        return bool(
            self.status == self.Status.DONE
            and self.file_name
            and self.expires_at is not None
            and self.expires_at > moment  # type: ignore[operator]
        )


class ExportItem(models.Model):
    """One item an export chose (SELECTED), and whether it went out (EXPORTED) or not.

    Holds no text: the kind and id of the item, and how it appears in the files (pseudonym,
    role, date, meeting, the source id the files use).
    """

    class State(models.TextChoices):
        SELECTED = "selected", "chosen, not yet exported"
        EXPORTED = "exported", "exported"
        LEFT_OUT = "left_out", "left out: research use was withdrawn before the export"

    id = models.BigAutoField(primary_key=True)
    export = models.ForeignKey(Export, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    item_kind = models.CharField(max_length=40)
    item_id = models.UUIDField()
    source_id = models.UUIDField()
    pseudonym = models.CharField(max_length=12)
    role = models.CharField(max_length=40)
    date = models.DateField()
    meeting_label = models.CharField(max_length=200, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.SELECTED)

    class Meta:
        ordering = ["date", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["export", "item_kind", "item_id"], name="research_exportitem_once"
            ),
        ]
        indexes = [
            models.Index(fields=["export", "date", "position"]),
            models.Index(fields=["item_kind", "item_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.pseudonym} {self.source_id}"
