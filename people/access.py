"""Who may use the pages of a role: facilitators' tools, researchers' tools, the group's
pages. A role's tools give no view of anyone's things: that is the consent policy's alone."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBase

from bridging_gaps.types import AuthenticatedRequest
from consent.mfa import mfa_satisfied
from people.models import Role, User

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


def is_facilitator(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_facilitator)


def facilitator_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    @wraps(view)
    def wrapped(request: AuthenticatedRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_facilitator(request.user):
            raise PermissionDenied("Only facilitators can use this page.")
        return view(request, *args, **kwargs)

    return wrapped


def group_member_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """People with at least one role in the group (not a bare site admin)."""

    @wraps(view)
    def wrapped(request: AuthenticatedRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        user = request.user
        if not (isinstance(user, User) and user.is_in_group):
            raise PermissionDenied("This page is for people in the group.")
        return view(request, *args, **kwargs)

    return wrapped


def is_researcher(user: User | AnonymousUser) -> bool:
    """An active researcher with the two-step sign-in the role needs."""
    return bool(
        isinstance(user, User)
        and user.is_active
        and user.has_role(Role.RESEARCHER)
        and mfa_satisfied(user)
    )


def researcher_required(view: Callable[..., HttpResponseBase]) -> Callable[..., HttpResponseBase]:
    """Researchers' tools: planning interviews, research projects (403 for everyone else)."""

    @wraps(view)
    def wrapped(request: AuthenticatedRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_researcher(request.user):
            raise PermissionDenied("This page is for researchers.")
        return view(request, *args, **kwargs)

    return wrapped
