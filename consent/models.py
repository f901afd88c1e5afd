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
from django.db.models import QuerySet
from django.utils import timezone

if TYPE_CHECKING:
    from people.models import User


class Audience(models.TextChoices):
    MEMBERS = "members", "members"
    GPS = "gps", "GPs"
    RESEARCHERS = "researchers", "researchers"
    SUPPORT_WORKERS = "support_workers", "support workers"
    FACILITATORS = "facilitators", "facilitators"
    GROUP = "group", "the whole group"
    # Not a way of seeing: permission to include the item, anonymised, in research exports.
    RESEARCH_USE = "research_use", "research use"


VIEWING_AUDIENCES = [
    Audience.GROUP,
    Audience.MEMBERS,
    Audience.GPS,
    Audience.RESEARCHERS,
    Audience.SUPPORT_WORKERS,
    Audience.FACILITATORS,
]


class ShareQuerySet(models.QuerySet["Share"]):
    def current(self) -> ShareQuerySet:
        """Shares in force now: granted and not withdrawn."""
        return self.filter(withdrawal__isnull=True)

    def as_of(self, moment: Any) -> ShareQuerySet:
        """Shares that were in force at a moment in the past."""
        return self.filter(granted_at__lte=moment).exclude(withdrawal__withdrawn_at__lte=moment)

    def for_item(self, item: Any) -> ShareQuerySet:
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


class ShareableQuerySet(models.QuerySet[Any]):
    """Every shareable model's queryset. `visible_to` is the one visibility rule."""

    def visible_to(self, user: User | Any) -> QuerySet[Any]:
        from consent import policy

        return policy.visible(self, user)

    def owned_by(self, user: User | Any) -> QuerySet[Any]:
        from consent import policy

        return policy.managed(self, user)


class ShareableItem(models.Model):
    """Base for every item the consent ledger covers.

    Subclasses register their kind in their AppConfig.ready() (consent.registry).
    Default for everything new: only the owner sees it (no share rows).
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    objects = ShareableQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self) -> str:
        # Shown wherever Django names an object by itself (the admin's lists of related
        # objects, error messages, logs): never a title, a topic or a word of content.
        # Pages show titles computed for their viewer (consent.titles).
        return f"{str(self._meta.verbose_name).capitalize()} {str(self.pk)[:8]}"
