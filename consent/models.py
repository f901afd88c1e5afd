"""The consent ledger and the access log.

Every shareable thing (a reflective note, an interview, minutes, a contact
detail...) is an *item* with an owner. The owner grants *shares*: item x
audience, named or anonymous. Withdrawing a share appends a withdrawal row;
nothing here is ever updated or deleted (the database refuses, see
migrations/0002_append_only.py). What is shared now is "every share with no
withdrawal". See docs/consent.md.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils import timezone

from consent.roles import VIEWING_AUDIENCES, Audience

if TYPE_CHECKING:
    from consent.items import ShareableItem

    pass


class ShareQuerySet(models.QuerySet["Share"]):
    def current(self) -> ShareQuerySet:
        """Shares in force now: granted and not withdrawn (read from the indexed projection,
        CurrentShare, not by looking for a withdrawal of every share ever granted)."""
        return self.filter(current__isnull=False)

    def as_of(self, moment: Any) -> ShareQuerySet:
        """Shares that were in force at a moment in the past."""
        return self.filter(granted_at__lte=moment).exclude(withdrawal__withdrawn_at__lte=moment)

    def for_item(self, item: ShareableItem) -> ShareQuerySet:
        from consent.registry import kind_of

        return self.filter(item_kind=kind_of(item).key, item_id=item.pk)


class Share(models.Model):
    """The owner let an audience see an item (or use it for research). Appended only."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item_kind = models.CharField(max_length=40)
    item_id = models.UUIDField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="shares_given"
    )
    audience = models.CharField(max_length=20, choices=Audience.choices)
    anonymous = models.BooleanField(
        help_text="The audience sees 'a member' (or the owner's role), never the owner's name."
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)

    objects = ShareQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["item_kind", "item_id", "audience"]),
            models.Index(fields=["owner", "granted_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.item_kind} {self.item_id} shared with {self.get_audience_display()}"


class ShareWithdrawal(models.Model):
    """A share ended. Appended only; the share row itself is never changed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    share = models.OneToOneField(Share, on_delete=models.PROTECT, related_name="withdrawal")
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Withdrawal of {self.share_id}"


class CurrentShare(models.Model):
    """The shares in force now: a projection of the ledger (a Share with no ShareWithdrawal),
    written in the same transaction as the ledger row that changes it (consent/projection.py),
    so that "shared with my audiences" is read from an index however long the ledger grows.
    `manage.py current_shares --rebuild` rebuilds it from the ledger; a test checks the two
    agree after every kind of change."""

    share = models.OneToOneField(
        Share, primary_key=True, on_delete=models.CASCADE, related_name="current"
    )
    item_kind = models.CharField(max_length=40)
    item_id = models.UUIDField()
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    audience = models.CharField(max_length=20, choices=Audience.choices)
    anonymous = models.BooleanField()
    granted_at = models.DateTimeField()
    # The item's own creation time (it never changes): "the newest shared with me" is read
    # backwards by it from an index, a page at a time, never by sorting every item shared.
    item_created_at = models.DateTimeField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["item_kind", "audience", "item_id"]),
            models.Index(fields=["item_kind", "item_id"]),
            models.Index(
                fields=["item_kind", "audience", "-item_created_at"], name="consent_current_newest"
            ),
        ]

    def __str__(self) -> str:
        return f"Current share {self.share_id}"


class AccessEvent(models.Model):
    """Someone other than the owner saw or exported an item. Appended only.

    The owner reads these on "Who has seen my things".
    """

    class How(models.TextChoices):
        VIEWED = "viewed", "read it"
        # A page about the item whose text stayed hidden behind the owner's content
        # warning: not a read. Revealing the text (with or without JavaScript) is one.
        OPENED = "opened", "opened its page; the text stayed hidden behind your warning"
        LISTED = "listed", "saw it in a list"
        EXPORTED = "exported", "included it in a research export"
        # The anonymised copy kept in a research project's analysis, read on a page.
        ANALYSED = "analysed", "read the anonymised copy in a research project"
        DOWNLOADED = "downloaded", "downloaded it"
        # Each piece of the file a player fetched (the byte range is the reference).
        PLAYED = "played", "listened to the recording"
        # An export file still on the server was deleted because research use was withdrawn.
        REMOVED_FROM_FILE = (
            "removed_from_file",
            "no longer has a research export file that held it: the file was deleted",
        )

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item_kind = models.CharField(max_length=40)
    item_id = models.UUIDField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_to_my_items"
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="access_events"
    )
    how = models.CharField(max_length=20, choices=How.choices)
    at = models.DateTimeField(default=timezone.now)
    # For exports: which export, so the owner sees each one; for a recording, the byte
    # range a player fetched; for a research project's copy, the project.
    reference = models.CharField(max_length=64, blank=True)

    class Meta:
        indexes = [models.Index(fields=["owner", "-at"])]

    def __str__(self) -> str:
        return f"{self.viewer_id} {self.how} {self.item_kind} {self.item_id}"


__all__ = [
    "VIEWING_AUDIENCES",
    "AccessEvent",
    "Audience",
    "CurrentShare",
    "Share",
    "ShareWithdrawal",
]
