from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import template

from consent import policy
from consent.describe import describe_shares
from consent.models import Share
from consent.registry import kind_of

if TYPE_CHECKING:
    from consent.items import ShareableItem

register = template.Library()


@register.simple_tag(takes_context=True)
def author_label(context: dict[str, Any], item: ShareableItem) -> str:
    """The owner as the viewer may see them. Never call item.owner.display_name
    in a template: an anonymous share must not leak the name, not even in an attribute."""
    return policy.author_label(item, context["request"].user)


@register.inclusion_tag("consent/includes/share_panel.html", takes_context=True)
def share_panel(context: dict[str, Any], item: ShareableItem) -> dict[str, Any]:
    """ "Who can see this", for the owner. Others see nothing of it."""
    user = context["request"].user
    manages = policy.can_manage(user, item)
    shares = list(Share.objects.current().for_item(item)) if manages else []
    kind = kind_of(item)
    return {
        "manages": manages,
        "item": item,
        "kind": kind,
        "sentences": describe_shares(shares, owner=item.owner) if manages else [],
        "is_shared": bool(shares),
        "csrf_token": context.get("csrf_token"),
    }
