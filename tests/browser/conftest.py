"""Browser tests: Playwright driving Debian's Chromium against a live server, with axe-core.

Every page a capability adds gets a visit here and an axe check with no violations.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import import_module

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.signals import request_finished, request_started
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from people.models import User

# Playwright's sync API runs an event loop in this thread; the ORM calls made by
# the test itself (creating people, checking rows) are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
# Without these Chromium hangs on this closed network trying to reach Google.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
NEUTRAL_PAGE = "<!doctype html><html lang='en'><title>Weather</title><h1>Weather</h1></html>"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
    # The browser tests are the longest: handed out first, they do not leave one worker
    # finishing a long test while the other has nothing left to do.
    items.sort(key=lambda item: "tests/browser/" not in str(item.fspath))


class InFlight:
    """Requests the live server is still answering (an autosave, a beacon sent as a page
    closed). The database is emptied after each browser test; emptying it under a request
    still running deadlocks, so each test waits for them first."""

    def __init__(self) -> None:
        self.count = 0
        self.lock = threading.Lock()

    def started(self, **kwargs: object) -> None:
        with self.lock:
            self.count += 1

    def finished(self, **kwargs: object) -> None:
        with self.lock:
            self.count -= 1

    def wait(self, seconds: float = 10, quiet: float = 0.15) -> None:
        """Until no request has run for `quiet` seconds: one sent as a page closed may reach
        the server a moment after the test ends."""
        deadline = time.monotonic() + seconds
        quiet_since = time.monotonic()
        while time.monotonic() < deadline:
            if self.count > 0:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= quiet:
                return
            time.sleep(0.02)


@pytest.fixture(autouse=True)
def requests_finish_before_the_database_is_emptied(live_server) -> Iterator[None]:
    # Set up after live_server (and its database), so torn down before them.
    in_flight = InFlight()
    request_started.connect(in_flight.started, dispatch_uid="tests.in_flight.started")
    request_finished.connect(in_flight.finished, dispatch_uid="tests.in_flight.finished")
    yield
    in_flight.wait()
    request_started.disconnect(dispatch_uid="tests.in_flight.started")
    request_finished.disconnect(dispatch_uid="tests.in_flight.finished")


class _NeutralSite(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        body = NEUTRAL_PAGE.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def neutral_site() -> Iterator[str]:
    """A stand-in for the neutral site Exit this page leaves for, served for real on another
    site than the live server (127.0.0.1 beside its localhost), as the real one is. Answered
    by a route instead, the first request after the exit's Clear-Site-Data failed and
    Chromium showed its error page and asked again a second later, in every exit."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NeutralSite)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/weather"
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _exit_leaves_for_the_stand_in(settings, neutral_site) -> None:
    settings.QUICK_EXIT_URL = neutral_site


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def context(browser: Browser, live_server) -> Iterator[BrowserContext]:
    # A phone-sized window: most members use the workspace on a phone.
    context = browser.new_context(viewport={"width": 360, "height": 740}, base_url=live_server.url)
    context.set_default_timeout(10_000)

    def route(request_route) -> None:  # type: ignore[no-untyped-def]
        url = request_route.request.url
        if url.startswith((live_server.url, settings.QUICK_EXIT_URL)):
            request_route.continue_()
        else:
            request_route.abort()

    context.route("**/*", route)
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def sign_in_as(context: BrowserContext, live_server, user: User) -> None:
    """Give the browser a signed-in session cookie, as if the person had signed in
    (with two-step sign-in where their role needs it)."""
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.session_key or "",
                "url": live_server.url,
            }
        ]
    )


_axe = Axe()
# Pages checked already in this run, by their markup with ids, tokens and numbers taken out:
# the same page in the same state at the same width gives axe the same answer, so it is
# checked once (a page visited again in another test costs nothing).
_checked: set[str] = set()
_VARYING = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    r"|name=\"csrfmiddlewaretoken\" value=\"[^\"]*\""
    r"|data-csrf=\"[^\"]*\""
    r"|\d+"
)


def assert_accessible(page: Page) -> None:
    """axe-core finds no violations on the page as it is now."""
    page.wait_for_load_state()
    markup = page.evaluate("document.documentElement ? document.documentElement.outerHTML : ''")
    size = page.viewport_size or {}
    key = hashlib.sha256(
        f"{size.get('width')}x{size.get('height')}\n{_VARYING.sub('#', markup)}".encode()
    ).hexdigest()
    if key in _checked:
        return
    results = _axe.run(page)
    assert results.violations_count == 0, results.generate_report()
    _checked.add(key)


def left_for_the_neutral_site(page) -> None:
    """The neutral site is showing."""
    expect(page).to_have_title("Weather")
    assert page.url.startswith(settings.QUICK_EXIT_URL)
