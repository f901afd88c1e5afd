from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers, patch_cache_control

from consent.mfa import mfa_satisfied

Middleware = Callable[[HttpRequest], HttpResponse]

# Paths a person who still has to set up two-step sign-in may reach.
MFA_SETUP_ALLOWED_PREFIXES = ("/accounts/", "/static/", "/healthz", "/exit/")


def private_pages(get_response: Middleware) -> Middleware:
    """Pages for signed-in people are never stored by the browser or a proxy.

    Someone picking up the phone after "Exit this page" or sign-out must not
    find the page in the back/forward cache or the browser's disk cache.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        response = get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
            patch_cache_control(response, private=True)
        return response

    return middleware


def require_mfa_for_privileged_roles(get_response: Middleware) -> Middleware:
    """GPs, researchers, support workers, facilitators and staff set up two-step
    sign-in before they reach anything else. The consent policy checks the same
    rule again, so a view that forgot this middleware still shows nothing."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if (
            request.user.is_authenticated
            and not request.path.startswith(MFA_SETUP_ALLOWED_PREFIXES)
            and not mfa_satisfied(request.user)
        ):
            messages.info(
                request,
                "Your role needs two-step sign-in. "
                "Set it up with an authenticator app to carry on.",
            )
            return redirect("mfa_activate_totp")
        return get_response(request)

    return middleware
