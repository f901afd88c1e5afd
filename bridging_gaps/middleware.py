"""Middleware of the whole site."""

from __future__ import annotations

from collections.abc import Callable

import psycopg
from django.db import DatabaseError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from bridging_gaps.text import MESSAGE, is_storable

Middleware = Callable[[HttpRequest], HttpResponse]


def refuse_unstorable_text(get_response: Middleware) -> Middleware:
    """No request carrying text PostgreSQL cannot store reaches a view that would fail on it.

    - in the path (a token, an id): 404, as for any address that leads nowhere;
    - in a query or a posted form: forms say so next to the field (Django's text fields
      refuse NUL; posted bytes that are not UTF-8 are read as replacement characters), and
      what no form checks is answered by UnstorableTextAsBadRequest below, never a 500.
    """

    def middleware(request: HttpRequest) -> HttpResponse:
        if not is_storable(request.path):
            raise Http404("No such page.")
        return get_response(request)

    return middleware


def _refused(request: HttpRequest) -> HttpResponse:
    return render(request, "400.html", {"message": MESSAGE}, status=400)


class UnstorableTextAsBadRequest:
    """The last line: a database refusal of such text (a field no form checked) answers 400
    with a plain message, not a server error."""

    def __init__(self, get_response: Middleware) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if _is_unstorable_text_error(exception):
            return _refused(request)
        return None


def _is_unstorable_text_error(exception: BaseException) -> bool:
    seen: BaseException | None = exception
    while seen is not None:
        if isinstance(seen, UnicodeEncodeError) and "surrogate" in str(seen):
            return True
        # psycopg refuses NUL as a ValueError when it adapts a value, and as a DataError (not a
        # ValueError) when it sends one: both are the same refusal.
        if isinstance(seen, ValueError | DatabaseError | psycopg.DataError) and "NUL (0x00)" in str(
            seen
        ):
            return True
        seen = seen.__cause__ or seen.__context__
    return False
