from __future__ import annotations

from typing import Any

from django import template

from mentions.display import shown_field

register = template.Library()


@register.filter
def shown(obj: Any, field: str) -> str:
    """A field of a text that may name people, as the view prepared it for this reader."""
    return shown_field(obj, field)
