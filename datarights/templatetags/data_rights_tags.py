from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import template

from datarights.models import Departure

if TYPE_CHECKING:
    from people.models import User

register = template.Library()


@register.inclusion_tag("datarights/includes/departure_note.html")
def departure_note(person: User) -> dict[str, Any]:
    """For facilitators managing someone: whether they left or asked for deletion, and
    when. Never anything they wrote."""
    return {"departure": Departure.objects.filter(person=person).select_related("person").first()}
