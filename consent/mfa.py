"""Whether a person has two-step sign-in, cached for the length of a request. Part of the
visibility rule: someone whose role needs two-step sign-in sees nothing shared with her until
she has it."""

from __future__ import annotations

from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser


def has_mfa(user: AbstractBaseUser | AnonymousUser) -> bool:
    if not user.is_authenticated:
        return False
    cached: bool | None = getattr(user, "_has_mfa", None)
    if cached is None:
        cached = is_mfa_enabled(user)
        user._has_mfa = cached  # type: ignore[attr-defined]
    return cached


def mfa_satisfied(user: AbstractBaseUser | AnonymousUser) -> bool:
    """True when the person may see things shared with them, as far as MFA goes."""
    if not user.is_authenticated:
        return False
    return not getattr(user, "requires_mfa", True) or has_mfa(user)
