"""Sessions that end: after a time without use (idle), and after an absolute lifetime.

The idle limit is SESSION_IDLE_MINUTES (30 by default); a member may choose a longer one for a
phone only she uses (`User.idle_minutes`). The absolute lifetime is SESSION_COOKIE_AGE (12 hours):
a session ends then however busy it is. A form posted after the idle limit is not lost: what it
held is kept for her (safety.models.FormDraft) and shown on that page after she signs in again.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from people.models import User
from safety import drafts

Middleware = Callable[[HttpRequest], HttpResponse]
LAST_ACTIVITY = "last_activity"
SIGNED_IN_AT = "signed_in_at"
# Writing the session on every request costs a database write; a minute's precision is enough.
TOUCH_EVERY_SECONDS = 60
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def idle_seconds(user: User) -> int:
    minutes = getattr(user, "idle_minutes", None) or settings.SESSION_IDLE_MINUTES
    return int(minutes) * 60


def start_clock(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    now = time.time()
    request.session[SIGNED_IN_AT] = now
    request.session[LAST_ACTIVITY] = now
    # Pages look for a kept draft only while she has one (one query at sign-in, not per page).
    request.session[drafts.HAS_DRAFTS] = drafts.has_any(user)
    # "Where you are signed in" lists this session, however she signed in (allauth records
    # its own sign-ins; this covers the others). A request without a client address (a
    # test's forced sign-in) has nothing to record.
    from allauth.usersessions.models import UserSession

    with contextlib.suppress(PermissionDenied):
        UserSession.objects.create_from_request(request, user=user)


def session_lifetime(get_response: Middleware) -> Middleware:
    def middleware(request: HttpRequest) -> HttpResponse:
        user = request.user
        if not user.is_authenticated:
            return get_response(request)
        session = request.session
        now = time.time()
        signed_in_at = session.setdefault(SIGNED_IN_AT, now)
        last = session.get(LAST_ACTIVITY, now)
        idle = now - last > idle_seconds(user)
        too_old = now - signed_in_at > settings.SESSION_COOKIE_AGE
        if idle or too_old:
            return _end(request, idle=idle)
        if now - last >= TOUCH_EVERY_SECONDS or LAST_ACTIVITY not in session:
            session[LAST_ACTIVITY] = now
        return get_response(request)

    return middleware


def _end(request: HttpRequest, *, idle: bool) -> HttpResponse:
    kept = False
    user = request.user
    if isinstance(user, User) and request.method == "POST" and request.content_type in FORM_TYPES:
        kept = drafts.keep_posted(person=user, path=request.path, data=request.POST)
    logout(request)
    minutes = settings.SESSION_IDLE_MINUTES
    text = (
        f"You were signed out because the workspace was not used for a while (about {minutes} "
        "minutes or more), to keep your things safe."
        if idle
        else "You were signed out because you signed in a long time ago, to keep your things safe."
    )
    if kept:
        text += " What you were typing is kept: you will find it on that page when you sign in."
    messages.info(request, text)
    return redirect(f"{reverse('account_login')}?{urlencode({'next': request.path})}")


def keep_alive_seconds(request: HttpRequest) -> int | None:
    """For the page's script: seconds until this session ends if nothing is done."""
    if not request.user.is_authenticated:
        return None
    return idle_seconds(request.user)


def kept_drafts_used(get_response: Middleware) -> Middleware:
    """A form sent again from the page where a kept draft was: the draft has done its work."""

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if (
            request.method == "POST"
            and request.user.is_authenticated
            and request.session.get(drafts.HAS_DRAFTS)
            and response.status_code in (301, 302, 303)
        ):
            drafts.forget(person=request.user, path=request.path)
            request.session[drafts.HAS_DRAFTS] = drafts.has_any(request.user)
        return response

    return middleware
