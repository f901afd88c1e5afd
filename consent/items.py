"""What every item is: an owner, a creation time, and a queryset whose `visible_to` is the one
visibility rule (consent/policy.py). Every shareable model subclasses ShareableItem."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from consent import policy

if TYPE_CHECKING:
    from people.models import User


class ShareableQuerySet(models.QuerySet[Any]):
    """Every shareable model's queryset. `visible_to` is the one visibility rule."""

    def visible_to(self, user: User | Any) -> QuerySet[Any]:
        return policy.visible(self, user)

    def newest_shared_with(self, user: User | Any, *, reach: int) -> QuerySet[Any]:
        """What others let `user` see, for a list newest first within `reach` rows."""
        return policy.newest_shared_with(self, user, reach=reach)

    def owned_by(self, user: User | Any) -> QuerySet[Any]:
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


# An item's id as it arrives (a UUID from a URL converter or the ledger, or its text).
type ItemId = uuid.UUID | str
