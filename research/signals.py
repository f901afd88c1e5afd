"""Keep the names people showed before: notes written then still use them."""

from __future__ import annotations

from typing import Any

from people.models import User
from research.models import OtherName


def remember_earlier_display_name(
    sender: type[User], instance: User, raw: bool = False, update_fields: Any = None, **kwargs: Any
) -> None:
    """When someone changes the name they show, keep the old one among their other names, so
    the anonymiser still takes it out of notes written under it. They see it, and may remove it,
    on their "Other names" page."""
    if raw or instance._state.adding or not instance.pk:
        return
    if update_fields is not None and "display_name" not in update_fields:
        return  # last_login and the like: no query
    previous = sender.objects.filter(pk=instance.pk).values_list("display_name", flat=True).first()
    if not previous or previous.strip().lower() == instance.display_name.strip().lower():
        return
    if not OtherName.objects.filter(person_id=instance.pk, name__iexact=previous.strip()).exists():
        OtherName.objects.create(
            person_id=instance.pk, name=previous.strip(), source=OtherName.Source.EARLIER
        )
