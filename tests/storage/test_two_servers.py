"""Two web servers, one database and one object store: what one server did, the other knows.

Two real gunicorn servers are started on loopback ports against the test database and a real S3
server (SeaweedFS). A member signs in on one and is signed in on the other; a researcher uploads
a recording through one, and the member plays it through the other. (Two task workers sharing
one queue: tests/integrity/test_two_workers.py; one daily chain however many servers ask:
tests/integrity/test_daily_once.py.)
"""

from __future__ import annotations

import http.cookiejar
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Iterator
from importlib import import_module
from pathlib import Path

import pytest
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from interviews.models import Recording, Status
from people.models import Role
from tests.factories import PASSWORD, UserFactory
from tests.factories_interviews import interview_at, wav_bytes
from tests.integrity.test_two_workers import worker_environment
from tests.storage.conftest import ACCESS_KEY, BUCKET, SECRET_KEY, s3_client

ROOT = Path(__file__).resolve().parent.parent.parent
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - loopback
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


@pytest.fixture
def two_servers(transactional_db, s3_server, tmp_path) -> Iterator[list[str]]:
    environment = {
        **worker_environment(tmp_path),
        "STORAGE_BACKEND": "s3",
        "S3_BUCKET": BUCKET,
        "S3_ENDPOINT_URL": s3_server,
        "S3_REGION": "us-east-1",
        "S3_ACCESS_KEY_ID": ACCESS_KEY,
        "S3_SECRET_ACCESS_KEY": SECRET_KEY,
    }
    ports = [_free_port(), _free_port()]
    servers = [
        subprocess.Popen(
            [
                *(sys.executable, "-m", "gunicorn", "bridging_gaps.wsgi:application"),
                *("--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "2"),
            ],
            cwd=ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for port in ports
    ]
    addresses = [f"http://127.0.0.1:{port}" for port in ports]
    try:
        deadline = time.monotonic() + 30
        while not all(_answers(f"{address}/healthz") for address in addresses):
            for server in servers:
                if server.poll() is not None:
                    pytest.fail(server.stderr.read().decode()[-2000:] if server.stderr else "")
            if time.monotonic() > deadline:
                pytest.fail("the two servers did not start within 30 seconds")
            time.sleep(0.2)
        yield addresses
    finally:
        # Stopped before the test database is emptied.
        for server in servers:
            server.kill()
            server.wait()
            if server.stderr:
                server.stderr.close()


class Browser:
    """One person's browser: one cookie jar for every server (cookies do not depend on the
    port), redirects followed."""

    def __init__(self) -> None:
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def get(self, url: str) -> tuple[int, str, bytes]:
        try:
            with self.opener.open(url, timeout=10) as response:
                return response.status, response.url, response.read()
        except urllib.error.HTTPError as error:
            return error.code, url, error.read()

    def post(self, url: str, body: bytes, content_type: str) -> tuple[int, str, bytes]:
        request = urllib.request.Request(  # noqa: S310 - loopback
            url, data=body, headers={"Content-Type": content_type}, method="POST"
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.url, response.read()
        except urllib.error.HTTPError as error:
            return error.code, url, error.read()

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


def multipart(fields: dict[str, str], name: str, filename: str, content: bytes) -> tuple:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"'
        f"\r\nContent-Type: audio/wav\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def test_signed_in_on_one_server_is_signed_in_on_the_other(two_servers):
    first, second = two_servers
    ruth_account = UserFactory(
        email="ruth@example.org", display_name="Ruth Example", roles=[Role.MEMBER]
    )
    # Hashed as the servers hash (the tests' own hasher is a fast one the servers do not know).
    hasher = PBKDF2PasswordHasher()
    ruth_account.password = hasher.encode(PASSWORD, hasher.salt())
    ruth_account.save(update_fields=["password"])
    ruth = Browser()
    form = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": ruth.token(f"{first}/accounts/login/"),
            "login": "ruth@example.org",
            "password": PASSWORD,
        }
    ).encode()
    status, landed, _ = ruth.post(
        f"{first}/accounts/login/", form, "application/x-www-form-urlencoded"
    )
    assert status == 200
    assert "/accounts/login/" not in landed

    status, landed, page = ruth.get(f"{second}/")
    assert status == 200
    assert "/accounts/login/" not in landed
    assert "Ruth Example" in page.decode()


def test_a_recording_uploaded_through_one_server_plays_through_the_other(two_servers, s3_server):
    first, second = two_servers
    interview = interview_at(Status.CONDUCTED)
    researcher, ruth = Browser(), Browser()
    researcher.signed_in_as(first, interview.interviewer)
    ruth.signed_in_as(second, interview.interviewee)
    sound = wav_bytes(b"\x80" * 40_000)

    upload_page = f"{first}/interviews/{interview.pk}/recording/"
    body, content_type = multipart(
        {"csrfmiddlewaretoken": researcher.token(upload_page)}, "file", "talk.wav", sound
    )
    status, landed, _ = researcher.post(upload_page, body, content_type)
    assert status == 200, landed
    recording = Recording.objects.get(interview=interview)
    assert landed.endswith(f"/interviews/recordings/{recording.pk}/")

    # Kept in the object store both servers share (encrypted), not on either one's disk.
    stored = s3_client(s3_server).get_object(Bucket=BUCKET, Key=recording.file.name)
    assert stored["Body"].read()[:4] != b"RIFF"

    status, _, heard = ruth.get(f"{second}/interviews/recordings/{recording.pk}/audio/")
    assert status == 200
    assert heard == sound
