"""Who may use the facilitator pages. Facilitation gives no view of anyone's things."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from people.models import User


def is_facilitator(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_facilitator)


def facilitator_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not is_facilitator(request.user):
            raise PermissionDenied("Only facilitators can use this page.")
        return view(request, *args, **kwargs)

    return wrapped


def group_member_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """People with at least one role in the group (not a bare site admin)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        user = request.user
        if not (isinstance(user, User) and user.is_in_group):
            raise PermissionDenied("This page is for people in the group.")
        return view(request, *args, **kwargs)

    return wrapped
