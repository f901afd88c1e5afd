"""Exit this page, where you are signed in, kept drafts, and the page that explains safety."""

from __future__ import annotations

import json
from typing import Any

from allauth.usersessions.internal.flows.sessions import end_other_sessions, end_sessions
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from bridging_gaps.text import is_storable
from bridging_gaps.types import AuthenticatedRequest
from safety import drafts
from safety.devices import describe_device

# Tells the browser to forget this site's cache, cookies and storage (a shared phone).
CLEAR_SITE_DATA = '"cache", "cookies", "storage"'


def _cleared(response: HttpResponse) -> HttpResponse:
    response["Clear-Site-Data"] = CLEAR_SITE_DATA
    add_never_cache_headers(response)
    return response


@login_not_required
def quick_exit(request: HttpRequest) -> HttpResponse:
    """Exit this page: ends the session on the server and leaves for a neutral site.

    Works as a plain link (GET), with no confirmation, signed in or not, as often as it is
    pressed. The page's script keeps what was being typed first (safety/js), then comes here.
    """
    logout(request)
    return _cleared(HttpResponseRedirect(settings.QUICK_EXIT_URL))


@require_POST
def keep_draft(request: AuthenticatedRequest) -> JsonResponse:
    """What a form held when its page was left (Exit this page, or about to be signed out),
    sent by the page's script: `path` and the form's fields."""
    path = request.POST.get("path", "")
    try:
        fields = json.loads(request.POST.get("fields", "{}"))
    except ValueError:
        return JsonResponse({"kept": False}, status=400)
    kept = isinstance(fields, dict) and drafts.keep_posted(
        person=request.user, path=path, data=_as_query(fields)
    )
    if kept:
        request.session[drafts.HAS_DRAFTS] = True
    return JsonResponse({"kept": kept})


def _as_query(fields: dict[str, Any]) -> Any:
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str):
                data.appendlist(str(name), item)
    return data


@require_POST
def draft_forget(request: AuthenticatedRequest) -> HttpResponse:
    path = request.POST.get("path", "")
    drafts.forget(person=request.user, path=path)
    request.session[drafts.HAS_DRAFTS] = drafts.has_any(request.user)
    messages.success(request, "Deleted.")
    return redirect(path if path.startswith("/") and not path.startswith("//") else "dashboard")


@require_POST
def keep_alive(request: AuthenticatedRequest) -> JsonResponse:
    """'Stay signed in' on the warning before the idle limit: the request itself counts as
    use (safety.sessions)."""
    from safety.sessions import LAST_ACTIVITY, idle_seconds

    request.session[LAST_ACTIVITY] = timezone.now().timestamp()
    return JsonResponse({"seconds": idle_seconds(request.user)})


def sessions(request: AuthenticatedRequest) -> HttpResponse:
    """Where you are signed in: each session's device and when it was last used (never an
    address), and signing out of the others, or of everywhere."""
    if request.method == "POST" and "everywhere" in request.POST:
        end_sessions(request, list(UserSession.objects.filter(user_id=request.user.pk)))
        logout(request)
        return _cleared(redirect("account_login"))
    if request.method == "POST":
        end_other_sessions(request, request.user)
        messages.success(request, "You are signed out everywhere else.")
        return redirect("sessions")
    rows = [
        {
            "device": describe_device(session.user_agent),
            "current": session.is_current(),
            "since": session.created_at,
        }
        for session in sorted(
            UserSession.objects.purge_and_list(request.user),
            key=lambda s: s.created_at,
            reverse=True,
        )
    ]
    return render(request, "safety/sessions.html", {"rows": rows})


def safety(request: AuthenticatedRequest) -> HttpResponse:
    """What Exit this page and Shift do and do not do, and that everything starts private.
    Shown once at the first sign-in; opened again from My account."""
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if (
        not next_url.startswith("/")
        or not is_storable(next_url)
        or not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()})
    ):
        next_url = ""
    if request.method == "POST":
        from people.services import safety_seen

        safety_seen(person=request.user)
        return redirect(next_url or "dashboard")
    return render(
        request,
        "safety/safety.html",
        {"next": next_url, "first_time": request.user.safety_seen_at is None},
    )


def welcome(request: AuthenticatedRequest) -> HttpResponse:
    """The first sign-in: what the workspace is for, in a few words. Then the safety page."""
    from people.services import welcomed

    if request.method == "POST":
        welcomed(person=request.user)
        if request.user.safety_seen_at is None:
            return redirect("safety")
        return redirect("dashboard")
    return render(request, "safety/welcome.html")
