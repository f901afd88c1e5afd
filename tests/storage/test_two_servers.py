"""Two web servers, one database and one object store: what one server did, the other knows.

Two real gunicorn servers are started on loopback ports against the test database and a real S3
server (SeaweedFS). A member signs in on one and is signed in on the other; a researcher uploads
a recording through one, and the member plays it through the other. (Two task workers sharing
one queue: tests/integrity/test_two_workers.py; one daily chain however many servers ask:
tests/integrity/test_daily_once.py.)
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest

from interviews.models import Recording, Status
from people.models import Role
from tests.factories import UserFactory
from tests.factories_interviews import interview_at, wav_bytes
from tests.integrity.test_two_workers import worker_environment
from tests.s3 import ACCESS_KEY, BUCKET, SECRET_KEY, s3_client
from tests.servers import Browser, gunicorn_servers, hashed_as_the_servers_hash


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
    # Stopped (at the end of the block) before the test database is emptied.
    with gunicorn_servers(environment, count=2) as addresses:
        yield addresses


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
    hashed_as_the_servers_hash(ruth_account)
    ruth = Browser()
    status, landed, _ = ruth.sign_in(first, "ruth@example.org")
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
