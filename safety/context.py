from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from safety import drafts
from safety.sessions import idle_seconds


def safety(request: HttpRequest) -> dict[str, Any]:
    """What every page needs to keep someone safe: the idle limit for the warning script, and
    what she was typing on this page when she last left it, if anything was kept."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "idle_seconds": idle_seconds(user),
        "kept_draft": drafts.kept_for(user, request.path)
        if request.method == "GET" and request.session.get(drafts.HAS_DRAFTS)
        else None,
    }
