"""Whether a person has two-step sign-in, cached for the length of a request."""

from __future__ import annotations

from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.models import AnonymousUser

from people.models import User


def has_mfa(user: User | AnonymousUser) -> bool:
    if not user.is_authenticated:
        return False
    cached: bool | None = getattr(user, "_has_mfa", None)
    if cached is None:
        cached = is_mfa_enabled(user)
        user._has_mfa = cached  # type: ignore[attr-defined]
    return cached


def mfa_satisfied(user: User | AnonymousUser) -> bool:
    """True when the person may see things shared with them, as far as MFA goes."""
    if not user.is_authenticated:
        return False
    assert isinstance(user, User)
    return not user.requires_mfa or has_mfa(user)
