from __future__ import annotations

import sys

from django.contrib.auth.decorators import login_not_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from bridging_gaps.types import AuthenticatedRequest
from people.access import facilitator_required


def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    from bridging_gaps.dashboard import dashboard_context

    return render(request, "dashboard.html", dashboard_context(request.user))


@login_not_required
def not_offered(request: HttpRequest) -> HttpResponse:
    """A page of the sign-in library that the workspace does not offer: a 404 for everyone,
    as an address that does not exist is, before any sign-in is asked for."""
    raise Http404


@facilitator_required
def manage(request: AuthenticatedRequest) -> HttpResponse:
    """Every facilitator tool in one place, so the main menu stays short on a phone."""
    return render(request, "manage.html")


@login_not_required
@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def database_unavailable(exception: BaseException | None) -> bool:
    """The database cannot be reached (down, restarting, every pooled connection busy): not a
    fault in what was asked, and it passes. psycopg's own errors count too (Django wraps only
    what its cursors and connections raise), and so does anything raised while handling one:
    what went wrong first is what the page says."""
    import psycopg

    lost = (OperationalError, InterfaceError, psycopg.OperationalError, psycopg.InterfaceError)
    seen: set[int] = set()
    while exception is not None and id(exception) not in seen:
        if isinstance(exception, lost):
            return True
        seen.add(id(exception))
        exception = exception.__cause__ or exception.__context__
    return False


def server_error(request: HttpRequest) -> HttpResponse:
    """The workspace's own 500 page, or its 503 page when the database cannot be reached.
    Rendered without the request (no database, no session: whatever failed may be failing
    still), with only what the page itself shows."""
    from django.conf import settings
    from django.template import loader

    context = {
        "HELP_CONTACT": settings.HELP_CONTACT,
        "SITE_NAME": settings.SITE_NAME,
        "QUICK_EXIT_URL": settings.QUICK_EXIT_URL,
    }
    # Django calls this while handling the exception, so it is still at hand.
    if database_unavailable(sys.exc_info()[1]):
        response = HttpResponse(loader.get_template("503.html").render(context), status=503)
        response["Retry-After"] = "30"
        return response
    return HttpResponse(loader.get_template("500.html").render(context), status=500)
