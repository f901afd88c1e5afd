"""Logs carry a request id and, in production, are JSON lines; an error report carries where it
happened and never what anyone wrote."""

from __future__ import annotations

import json
import logging

import pytest
import sentry_sdk
from django.test import Client
from django.urls import path

from bridging_gaps import urls as project_urls
from bridging_gaps.observability import JsonFormatter, RequestIdFilter, error_reporting, scrub

SECRET_WORDS = "I was shouted at by name at the front desk"


def test_every_response_carries_a_request_id_and_a_safe_one_given_is_kept(db):
    made = Client().get("/healthz")
    assert len(made["X-Request-ID"]) == 32
    kept = Client().get("/healthz", headers={"X-Request-ID": "abc12345-trace"})
    assert kept["X-Request-ID"] == "abc12345-trace"
    replaced = Client().get("/healthz", headers={"X-Request-ID": "<script>"})
    assert replaced["X-Request-ID"] != "<script>"


def test_a_log_line_is_json_with_its_request_id():
    record = logging.LogRecord(
        "research", logging.ERROR, __file__, 1, "Export %s failed", ("x",), None
    )
    RequestIdFilter().filter(record)
    line = json.loads(JsonFormatter().format(record))
    assert line["message"] == "Export x failed"
    assert line["level"] == "ERROR"
    assert line["request_id"] == "-"  # outside a request


def crash(request):
    note = request.POST.get("body", "")
    raise ValueError(f"could not save {note}")


urlpatterns = [path("crash/", crash), *project_urls.urlpatterns]
handler500 = project_urls.handler500


class Captured(sentry_sdk.transport.Transport):
    def __init__(self, options=None):
        super().__init__(options)
        self.events = []

    def capture_envelope(self, envelope):
        for item in envelope.items:
            if item.type == "event":
                self.events.append(item.payload.json)


@pytest.fixture
def reports(settings):
    settings.ROOT_URLCONF = __name__
    transport = Captured()
    error_reporting("https://key@sentry.example.org/1", "test", transport=transport)
    yield transport.events
    # Off again, as before the test: `sentry_sdk.init()` would leave a client with Django's
    # integration turned on, and every later test in this process would pay for its spans.
    sentry_sdk.get_global_scope().set_client(None)


def test_a_crash_report_holds_where_it_happened_and_none_of_the_words(reports, cast):
    client = Client(raise_request_exception=False)
    client.force_login(cast.owner)
    response = client.post("/crash/?name=Olive", {"body": SECRET_WORDS, "email": cast.owner.email})
    assert response.status_code == 500
    sentry_sdk.flush()
    (event,) = reports
    text = json.dumps(event)
    assert "ValueError" in text
    assert "crash" in text  # the function where it happened
    for private in (SECRET_WORDS, "front desk", cast.owner.email, "Olive", "sessionid"):
        assert private not in text


def test_scrub_leaves_a_report_without_a_request_or_user_alone():
    event = {"exception": {"values": [{"type": "KeyError", "value": "Ruth"}]}}
    assert scrub(event, {})["exception"]["values"][0]["value"] == "KeyError"
