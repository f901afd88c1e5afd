"""Types shared by views."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest

if TYPE_CHECKING:
    from people.models import User


class AuthenticatedRequest(HttpRequest):
    """A request in a view that needs sign-in (all of them, unless login_not_required)."""

    user: User
