from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from reflections.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str) -> SafeString:
    """A note's Markdown as sanitised HTML (reflections.markdown)."""
    return render_markdown(text)
