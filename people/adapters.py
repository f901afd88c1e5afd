"""django-allauth, adapted: sign-up only through an invitation, neutral emails."""

from __future__ import annotations

from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django.contrib import messages
from django.http import HttpRequest, HttpResponse

from people import services
from people.models import Invitation, User

SESSION_KEY = "invitation_id"


def invitation_in_session(request: HttpRequest) -> Invitation | None:
    invitation_id = request.session.get(SESSION_KEY)
    if not invitation_id:
        return None
    invitation = Invitation.objects.filter(id=invitation_id).first()
    if invitation is None or not invitation.is_usable:
        return None
    return invitation


class AccountAdapter(DefaultAccountAdapter):
    # The sign-in library's messages, in the workspace's words.
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": "That email address and password do not go together. "
        "Check both, and type your password again.",
        "email_taken": "Someone in the workspace already uses this email address.",
        "enter_current_password": "Type your current password.",
        "incorrect_password": "That is not your password. Type it again.",
        "invalid_login": "That email address and password do not go together. "
        "Check both, and type your password again.",
        "password_mismatch": "The two passwords are not the same. Type them again.",
        "too_many_login_attempts": "Too many tries for now. Wait five minutes, then try again.",
        "unknown_email": "No account uses this email address.",
        "account_inactive": "This account is closed.",
        "cannot_remove_primary_email": "You cannot remove your main email address.",
        "duplicate_email": "You added this email address already.",
        "max_email_addresses": "You cannot add more email addresses.",
        "incorrect_code": "That code is not right. Check it and type it again.",
        "invalid_or_expired_key": "This link has expired or was used already. Ask for a new one.",
        "invalid_password_reset": "This link has expired or was used already. Ask for a new one.",
        "unverified_primary_email": "Confirm this email address first.",
        "select_only_one": "Choose one.",
        "same_as_current": "This is the address you use already.",
        "rate_limited": "Too many tries for now. Wait a few minutes, then try again.",
    }

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        # There is no open sign-up: only someone holding a valid invitation
        # (put in the session by people.views.accept_invitation) may sign up.
        return invitation_in_session(request) is not None

    def save_user(self, request: HttpRequest, user: Any, form: Any, commit: bool = True) -> Any:
        invitation = invitation_in_session(request)
        if invitation is None:  # pragma: no cover - is_open_for_signup guards the view
            raise PermissionError("Sign-up needs a valid invitation.")
        user = super().save_user(request, user, form, commit=False)
        services.invitation_accept(invitation=invitation, user=user)
        request.session.pop(SESSION_KEY, None)
        return user

    def clean_password(self, password: str, user: Any = None) -> str:
        # At sign-up allauth checks the password against a blank account holding only the
        # address: give it the name she is choosing on the same form, so that a password
        # like it is refused there too (people.passwords.NotLikeYou).
        request = context.request
        if user is not None and user._state.adding and request is not None:
            user.display_name = str(request.POST.get("display_name", ""))[:80]
        return super().clean_password(password, user=user)

    def format_email_subject(self, subject: str) -> str:
        # Notifications on a shared phone show the subject: keep it plain.
        return f"Your workspace: {subject}"

    def pre_login(self, request: HttpRequest, user: Any, **kwargs: Any) -> HttpResponse | None:
        # Someone who asked for their account to be deleted may sign in during the
        # cooling-off period: that stops the deletion (in `login`, once every step of
        # signing in, two-step included, is done).
        from datarights.services import pending_deletion

        if not user.is_active and pending_deletion(user) is not None:
            return None
        return super().pre_login(request, user, **kwargs)

    def login(self, request: HttpRequest, user: Any) -> None:
        from datarights.services import deletion_cancel

        if deletion_cancel(person=user) is not None:
            messages.info(
                request,
                "You asked to delete your account. We have stopped it. Your things are "
                "here, seen only by you: share again what you want others to see.",
            )
        super().login(request, user)

    def get_login_redirect_url(self, request: HttpRequest) -> str:
        # The first time: a welcome, then the page about staying safe, then home.
        if request.user.is_authenticated:
            from django.urls import reverse

            if request.user.welcomed_at is None:
                return reverse("welcome")
            if request.user.safety_seen_at is None:
                return reverse("safety")
        return super().get_login_redirect_url(request)


def display_name_for(user: User) -> str:
    return user.display_name
