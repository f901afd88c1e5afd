"""Private files on a real S3 server (SeaweedFS): encrypted before they leave the workspace,
never public, read back whole or by byte range, and a recording played through the policy."""

from __future__ import annotations

import io
import urllib.request

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from bridging_gaps.object_storage import EncryptedS3Storage
from interviews.models import Recording
from tests.conftest import TEST_FILE_KEYS
from tests.factories_interviews import add_recording, interview_at
from tests.s3 import ACCESS_KEY, SECRET_KEY, s3_client

WORDS = b"She told us about the front desk. " * 5000


def storage_for(endpoint: str, bucket: str, prefix: str) -> EncryptedS3Storage:
    return EncryptedS3Storage(
        bucket_name=bucket,
        location=prefix,
        endpoint_url=endpoint,
        access_key=ACCESS_KEY,
        secret_key=SECRET_KEY,
        region_name="us-east-1",
        keys=TEST_FILE_KEYS,
    )


def files_on_object_storage(settings, endpoint: str, bucket: str, prefix: str) -> None:
    """The workspace's private files on the S3 server, for this test."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "bridging_gaps.object_storage.EncryptedS3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "location": prefix,
                "endpoint_url": endpoint,
                "access_key": ACCESS_KEY,
                "secret_key": SECRET_KEY,
                "region_name": "us-east-1",
                "keys": TEST_FILE_KEYS,
            },
        },
    }


def test_a_file_stored_is_encrypted_in_the_bucket_and_reads_back(s3_server, bucket, prefix):
    storage = storage_for(s3_server, bucket, prefix)
    name = storage.save("interview-recordings/one.wav", ContentFile(WORDS))
    stored = s3_client(s3_server).get_object(Bucket=bucket, Key=f"{prefix}/{name}")["Body"].read()
    assert b"front desk" not in stored
    assert storage.size(name) == len(WORDS)
    with storage.open(name) as opened:
        opened.seek(70_000)
        assert opened.read(100) == WORDS[70_000:70_100]
    assert storage.exists(name)
    storage.delete(name)
    assert not storage.exists(name)


def test_nothing_in_the_bucket_can_be_fetched_without_the_workspace(s3_server, bucket, prefix):
    storage = storage_for(s3_server, bucket, prefix)
    name = storage.save("research-exports/x.zip", ContentFile(b"PK\x03\x04 secret"))
    # Even a signed link gives only what the workspace encrypted.
    with urllib.request.urlopen(storage.url(name), timeout=5) as signed:  # noqa: S310
        assert b"secret" not in signed.read()


def test_a_recording_on_object_storage_plays_through_the_policy(
    s3_server, bucket, prefix, settings, client, cast
):
    files_on_object_storage(settings, s3_server, bucket, prefix)
    from interviews.models import Status

    interview = interview_at(Status.CONDUCTED, interviewee=cast.owner)
    recording: Recording = add_recording(interview)
    client.force_login(cast.owner)
    response = client.get(
        reverse("recording_audio", args=[recording.pk]), headers={"Range": "bytes=0-99"}
    )
    assert response.status_code == 206
    body = b"".join(response.streaming_content)
    assert len(body) == 100
    assert body.startswith(b"RIFF")
    assert io.BytesIO(body).read(4) == b"RIFF"


@pytest.mark.parametrize("missing", ["S3_BUCKET"])
def test_production_on_object_storage_needs_a_bucket(missing):
    from tests.test_project import production_env, run_manage

    result = run_manage(
        "check",
        env=production_env(STORAGE_BACKEND="s3", S3_ENDPOINT_URL="http://x", **{missing: ""}),
    )
    assert result.returncode != 0
    assert f"{missing} must be set" in result.stderr


def test_a_backup_holds_the_files_on_object_storage_and_restores_them_into_an_empty_store(
    s3_server, bucket, prefix, tmp_path, django_db_blocker
):
    from bridging_gaps.backup import BackupError, backup, restore
    from tests.integrity.test_backup_restore import new_database

    storage = storage_for(s3_server, bucket, prefix)
    first = storage.save("interview-recordings/one.wav", ContentFile(WORDS))
    second = storage.save("research-exports/two.zip", ContentFile(b"PK\x03\x04 the export"))
    archive = tmp_path / "workspace.backup"
    with django_db_blocker.unblock():
        from django.db import connection

        manifest = backup(database=connection.settings_dict, storage=storage, output=archive)
        assert manifest["files"] == 2

        elsewhere = storage_for(s3_server, bucket, f"{prefix}-restored")
        with new_database() as fresh:
            restore(archive=archive, database=fresh, storage=elsewhere, keys=storage.keys)
        for name, content in ((first, WORDS), (second, b"PK\x03\x04 the export")):
            with elsewhere.open(name) as restored:
                assert restored.read() == content
        # As stored: sealed under the same key, not sealed again.
        raw = s3_client(s3_server)
        assert (
            raw.get_object(Bucket=bucket, Key=f"{prefix}-restored/{first}")["Body"].read()
            == raw.get_object(Bucket=bucket, Key=f"{prefix}/{first}")["Body"].read()
        )
        # Never over files already there.
        with new_database() as fresh, pytest.raises(BackupError, match="not empty"):
            restore(archive=archive, database=fresh, storage=elsewhere, keys=storage.keys)


def test_manage_py_backup_works_with_the_files_on_object_storage(
    s3_server, bucket, prefix, settings, tmp_path, db
):
    from io import StringIO

    from django.core.files.storage import storages
    from django.core.management import call_command

    files_on_object_storage(settings, s3_server, bucket, prefix)
    storages["default"].save("interview-recordings/one.wav", ContentFile(WORDS))
    out = StringIO()
    call_command("backup", str(tmp_path / "workspace.backup"), stdout=out)
    assert "Backed up the database and 1 files" in out.getvalue()
