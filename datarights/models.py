"""Data rights: a person's data downloads, and their leaving or deleting their account.

See docs/data-rights.md.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class DataDownload(models.Model):
    """A ZIP of everything the workspace holds about one person, made by a task.

    The file lives in the private default storage under a name nobody can guess, is
    served only to its person (after their password), and is deleted when it expires.
    """

    class State(models.TextChoices):
        WAITING = "waiting", "waiting to start"
        MAKING = "making", "being made"
        READY = "ready", "ready"
        FAILED = "failed", "could not be made"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_downloads"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.WAITING)
    # 0 to 100, and what is being gathered now, for the page that shows progress.
    progress = models.PositiveSmallIntegerField(default=0)
    step = models.CharField(max_length=100, blank=True)
    email_when_ready = models.BooleanField(default=False)
    file = models.CharField(max_length=200, blank=True)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    ready_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    downloaded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        indexes = [models.Index(fields=["person", "-requested_at"])]

    def __str__(self) -> str:
        return f"Data download of {self.requested_at:%Y-%m-%d}"

    @property
    def is_busy(self) -> bool:
        return self.state in (self.State.WAITING, self.State.MAKING)

    def is_ready(self, now: datetime | None = None) -> bool:
        """Ready, and the link has not expired."""
        return (
            self.state == self.State.READY
            and self.expires_at is not None
            and self.expires_at > (now or timezone.now())
        )


class Departure(models.Model):
    """A person left the group, or asked for their account to be deleted.

    Facilitators see these (who, what, when), never anything the person wrote. The row
    stays after the account is deleted: it then names the account by its pseudonym.
    """

    class Kind(models.TextChoices):
        LEFT = "left", "left the group"
        DELETION = "deletion", "asked to delete their account"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="departures"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    at = models.DateTimeField(default=timezone.now)
    # What the person chose for what they had shared (leaving) or what deleting does.
    kept_shared_anonymously = models.BooleanField(default=False)
    kept_research_use = models.BooleanField(default=False)
    # Deletion only: not before this moment (the cooling-off period), unless cancelled.
    erase_after = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    erased_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="left") | Q(erase_after__isnull=False),
                name="datarights_deletion_has_a_date",
            ),
            # One deletion waiting per person at a time.
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(kind="deletion", cancelled_at__isnull=True, erased_at__isnull=True),
                name="datarights_one_pending_deletion",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.at:%Y-%m-%d}"

    @property
    def is_pending_deletion(self) -> bool:
        return (
            self.kind == self.Kind.DELETION and self.cancelled_at is None and self.erased_at is None
        )
