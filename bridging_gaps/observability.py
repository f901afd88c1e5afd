"""Logs and error reports that never carry what people wrote.

- Every request gets an id (`X-Request-ID`, made here unless a trusted proxy sent a safe one),
  put on each log line written while it is answered, and on the response.
- In production logs are JSON lines (`JsonFormatter`): time, level, logger, message, request id.
- Error reporting (sentry-sdk) is off unless SENTRY_DSN is set. `scrub` runs on every event
  before it leaves: no request body, cookies, query string or headers, no user but an id, no
  local variables, no breadcrumbs, and exception messages replaced by their type (a message can
  quote what was typed: a ValidationError, a database error with the row).
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from django.http import HttpRequest, HttpResponse

request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
_SAFE_ID = re.compile(r"[A-Za-z0-9\-]{8,64}")


def request_ids(get_response: Callable[[HttpRequest], HttpResponse]) -> Callable[..., Any]:
    def middleware(request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        token = request_id.set(given if _SAFE_ID.fullmatch(given) else uuid.uuid4().hex)
        try:
            response = get_response(request)
            response["X-Request-ID"] = request_id.get()
            return response
        finally:
            request_id.reset(token)

    return middleware


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        if record.exc_info and record.exc_info[0] is not None:
            line["exception"] = record.exc_info[0].__name__
        return json.dumps(line, ensure_ascii=False)


KEPT_HEADERS = frozenset({"Content-Type", "Content-Length", "X-Request-Id"})


def scrub(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any] | None:
    """What an error report may hold: where it happened, never what anyone wrote."""
    request = event.get("request")
    if isinstance(request, dict):
        event["request"] = {
            "method": request.get("method"),
            "url": str(request.get("url", "")).split("?")[0],
            "headers": {
                key: value
                for key, value in (request.get("headers") or {}).items()
                if key in KEPT_HEADERS
            },
        }
    user = event.get("user")
    event["user"] = {"id": user.get("id")} if isinstance(user, dict) and user.get("id") else {}
    event.pop("extra", None)
    event.pop("breadcrumbs", None)
    event["tags"] = {"request_id": request_id.get()}
    for exception in (event.get("exception") or {}).get("values", []):
        exception["value"] = exception.get("type", "Error")
        for frame in (exception.get("stacktrace") or {}).get("frames", []):
            frame.pop("vars", None)
            frame.pop("pre_context", None)
            frame.pop("context_line", None)
            frame.pop("post_context", None)
    if "logentry" in event:
        event["logentry"] = {"message": "(a log message, left out)"}
    event.pop("message", None)
    return event


def error_reporting(dsn: str, environment: str, **options: Any) -> None:
    """Turn on sentry-sdk, with nothing personal sent and every event scrubbed."""
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        integrations=[DjangoIntegration()],
        max_request_body_size="never",
        include_local_variables=False,
        include_source_context=False,
        max_breadcrumbs=0,
        before_send=scrub,  # type: ignore[arg-type]
        **options,
    )
