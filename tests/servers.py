"""Real web servers started by a test (gunicorn on a loopback port), and a small browser that
talks to them over HTTP: for what only separate processes show (two servers sharing a
database, a database going away under load)."""

from __future__ import annotations

import http.cookiejar
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import import_module
from pathlib import Path

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parent.parent
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


@contextmanager
def gunicorn_servers(
    environment: dict[str, str],
    count: int = 1,
    *,
    workers: int = 1,
    threads: int = 2,
    log_to: Path | None = None,
) -> Iterator[list[str]]:
    """`count` gunicorn servers with `environment`, answering /healthz before this yields
    their addresses; killed at the end. What they print goes to `log_to` when given, for a
    test to read after."""
    ports = [free_port() for _ in range(count)]
    # What a server prints goes to a file: a pipe nobody reads fills up and stops the server
    # (a database outage makes it print a traceback per request).
    log = log_to.open("w+b") if log_to else tempfile.TemporaryFile()  # noqa: SIM115 - closed below
    servers = [
        subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "bridging_gaps.wsgi:application"),
                *("--bind", f"127.0.0.1:{port}", "--workers", str(workers)),
                *("--threads", str(threads)),
            ],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        for port in ports
    ]
    addresses = [f"http://127.0.0.1:{port}" for port in ports]

    def printed() -> str:
        log.seek(0)
        return log.read().decode(errors="replace")[-3000:]

    try:
        deadline = time.monotonic() + 30
        while not all(_answers(f"{address}/healthz") for address in addresses):
            if any(server.poll() is not None for server in servers):
                pytest.fail(f"a server stopped: {printed()}")
            if time.monotonic() > deadline:
                pytest.fail(f"the servers did not start within 30 seconds: {printed()}")
            time.sleep(0.2)
        yield addresses
    finally:
        for server in servers:
            server.kill()
            server.wait()
        log.close()


def hashed_as_the_servers_hash(person) -> None:
    """The tests' own password hasher is a fast one the servers do not know."""
    hasher = PBKDF2PasswordHasher()
    person.password = hasher.encode(PASSWORD, hasher.salt())
    person.save(update_fields=["password"])


class _Kept(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        return None  # the redirect is the answer


class Browser:
    """One person's browser: one cookie jar for every server (cookies do not depend on the
    port). `follow=False` gives a redirect back as the answer."""

    def __init__(self, *, follow: bool = True) -> None:
        self.cookies = http.cookiejar.CookieJar()
        handlers: list[urllib.request.BaseHandler] = [
            urllib.request.HTTPCookieProcessor(self.cookies)
        ]
        if not follow:
            handlers.append(_Kept())
        self.opener = urllib.request.build_opener(*handlers)

    def _open(self, request: urllib.request.Request | str, timeout: float) -> tuple:
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.url, response.read()
        except urllib.error.HTTPError as error:
            url = request if isinstance(request, str) else request.full_url
            return error.code, error.headers.get("Location") or url, error.read()

    def get(self, url: str, timeout: float = 10) -> tuple[int, str, bytes]:
        return self._open(url, timeout)

    def post(
        self, url: str, body: bytes, content_type: str, timeout: float = 30
    ) -> tuple[int, str, bytes]:
        request = urllib.request.Request(  # noqa: S310 - loopback
            url, data=body, headers={"Content-Type": content_type}, method="POST"
        )
        return self._open(request, timeout)

    def post_form(self, url: str, fields: dict[str, str], timeout: float = 30) -> tuple:
        body = urllib.parse.urlencode(fields).encode()
        return self.post(url, body, "application/x-www-form-urlencoded", timeout)

    def token(self, url: str) -> str:
        status, _, page = self.get(url)
        assert status == 200, url
        found = TOKEN.search(page.decode())
        assert found is not None, f"no form on {url}"
        return found.group(1)

    def signed_in_as(self, address: str, person) -> None:
        """A session kept in the database, as signing in with an authenticator app makes
        (that sign-in is tested in tests/test_accounts.py)."""
        store = import_module("django.contrib.sessions.backends.db").SessionStore()
        store[SESSION_KEY] = str(person.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = person.get_session_auth_hash()
        store.save()
        host = urllib.parse.urlsplit(address).hostname or ""
        self.cookies.set_cookie(
            http.cookiejar.Cookie(
                0, "sessionid", store.session_key, None, False, host, False, False,
                "/", True, False, None, False, None, None, {},
            )
        )  # fmt: skip

    def sign_in(self, address: str, email: str) -> tuple[int, str, bytes]:
        return self.post_form(
            f"{address}/accounts/login/",
            {
                "csrfmiddlewaretoken": self.token(f"{address}/accounts/login/"),
                "login": email,
                "password": PASSWORD,
            },
        )
