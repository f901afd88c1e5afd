"""Private files are encrypted at rest (bridging_gaps/encryption.py): nothing readable on disk,
byte ranges decrypt only what they cover, keys rotate, and a changed or cut file is refused."""

from __future__ import annotations

import pytest
from django.core.files.base import ContentFile

from bridging_gaps.encryption import (
    CHUNK,
    DecryptionError,
    EncryptedFileSystemStorage,
    new_key_text,
)

OLD, NEW = new_key_text("2025"), new_key_text("2026")
WORDS = b"She told us about the front desk. " * 9000  # over four chunks


@pytest.fixture
def storage(tmp_path):
    return EncryptedFileSystemStorage(location=tmp_path, keys=OLD)


def test_what_is_stored_cannot_be_read_on_disk_and_reads_back_whole(storage, tmp_path):
    name = storage.save("recording.wav", ContentFile(WORDS))
    on_disk = (tmp_path / name).read_bytes()
    assert b"front desk" not in on_disk
    assert storage.size(name) == len(WORDS)
    with storage.open(name) as stored:
        assert stored.read() == WORDS


@pytest.mark.parametrize("start", [0, 1, CHUNK - 3, CHUNK, 2 * CHUNK + 17, len(WORDS) - 5])
def test_any_byte_range_reads_the_same_bytes_as_the_plain_file(storage, start):
    name = storage.save("recording.wav", ContentFile(WORDS))
    with storage.open(name) as stored:
        stored.seek(start)
        assert stored.read(CHUNK + 10) == WORDS[start : start + CHUNK + 10]


def test_an_empty_file_is_an_empty_file(storage):
    name = storage.save("empty.txt", ContentFile(b""))
    assert storage.size(name) == 0
    with storage.open(name) as stored:
        assert stored.read() == b""


def test_after_a_new_key_old_files_stay_readable_and_new_ones_use_it(tmp_path):
    before = EncryptedFileSystemStorage(location=tmp_path, keys=OLD)
    old = before.save("old.txt", ContentFile(b"written last year"))
    after = EncryptedFileSystemStorage(location=tmp_path, keys=f"{NEW},{OLD}")
    new = after.save("new.txt", ContentFile(b"written this year"))
    with after.open(old) as stored:
        assert stored.read() == b"written last year"
    assert b"2026" in (tmp_path / new).read_bytes()[:16]
    with pytest.raises(DecryptionError, match="No key"):
        before.open(new)


def test_a_changed_or_shortened_file_is_refused(storage, tmp_path):
    name = storage.save("recording.wav", ContentFile(WORDS))
    path = tmp_path / name
    sealed = bytearray(path.read_bytes())
    sealed[200] ^= 1
    path.write_bytes(bytes(sealed))
    with pytest.raises(DecryptionError), storage.open(name) as stored:
        stored.read()
    name = storage.save("second.wav", ContentFile(WORDS))
    path = tmp_path / name
    # Cut at a chunk boundary: every chunk left is whole, but the last one is not marked last.
    header = len(path.read_bytes()) - (len(WORDS) + 16 * (-(-len(WORDS) // CHUNK)))
    path.write_bytes(path.read_bytes()[: header + 2 * (CHUNK + 16)])
    with pytest.raises(DecryptionError), storage.open(name) as stored:
        stored.read()


def test_files_stored_before_encryption_are_encrypted_in_place_once(settings, tmp_path):
    from django.core.files.storage import storages
    from django.core.management import call_command

    storage = storages["default"]
    old = tmp_path / "private" / "interview-recordings" / "old.wav"
    old.parent.mkdir(parents=True)
    old.write_bytes(b"recorded before the upgrade")
    call_command("encrypt_files")
    assert b"recorded" not in old.read_bytes()
    with storage.open("interview-recordings/old.wav") as stored:
        assert stored.read() == b"recorded before the upgrade"
    sealed = old.read_bytes()
    call_command("encrypt_files")
    assert old.read_bytes() == sealed  # already encrypted: left alone
