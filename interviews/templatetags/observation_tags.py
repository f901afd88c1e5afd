"""Observation notes on the meeting page: `{% observation_notes_for_meeting meeting %}`.

The meetings app does not know about observation notes; its page only loads this tag.
"""

from __future__ import annotations

from typing import Any

from django import template

from interviews.models import ObservationNote

register = template.Library()


@register.inclusion_tag("interviews/includes/meeting_observation_notes.html", takes_context=True)
def observation_notes_for_meeting(context: dict[str, Any], meeting: Any) -> dict[str, Any]:
    """How many notes about the meeting this person may read (one query), and, for the
    named observer, the way to write one. Nothing at all for anyone else."""
    user = context["request"].user
    return {
        "meeting": meeting,
        "count": ObservationNote.objects.visible_to(user).filter(meeting=meeting).count(),
        "is_observer": meeting.observer_id is not None and meeting.observer_id == user.pk,
    }
