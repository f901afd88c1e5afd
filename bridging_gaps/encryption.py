"""Private files encrypted at rest: recordings, transcripts, research exports, data downloads.

The construction is STREAM (Hoang, Reyhanitabar, Rogaway and Vizár, "Online
Authenticated-Encryption and its Nonce-Reuse Misuse-Resistance", CRYPTO 2015), as age and Tink's
streaming AEAD use it, over AES-256-GCM from `cryptography`:

- each file gets its own key, HKDF-SHA256 of the workspace's key with a random 16-byte salt;
- the plaintext is cut into 64 KiB chunks, each sealed with AES-GCM under the nonce
  `prefix (7 random bytes) || chunk number (4 bytes) || 1 if last else 0 (1 byte)`, so a chunk
  cannot be moved, dropped or the file cut short without the read failing;
- the header names the key (its id), so keys can be rotated: new files use the first key of
  FILE_ENCRYPTION_KEYS, older files are read with the key they name.

Files are encrypted and decrypted a chunk at a time: a 300 MB recording never sits whole in
memory, and a byte range of it decrypts only the chunks it covers.
"""

from __future__ import annotations

import base64
import io
import os
import struct
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.core.files import File
from django.core.files.storage import FileSystemStorage

MAGIC = b"BGE1"
CHUNK = 64 * 1024
TAG = 16
SALT = 16
PREFIX = 7
_SPOOL = 8 * 1024 * 1024


class DecryptionError(ValueError):
    """The file was changed, cut short, or sealed with a key the workspace does not have."""


@dataclass(frozen=True)
class Key:
    id: str
    secret: bytes


def parse_keys(value: str) -> list[Key]:
    """FILE_ENCRYPTION_KEYS: "id:base64-key,id:base64-key", the first for new files."""
    keys = []
    for part in value.split(","):
        if not part.strip():
            continue
        key_id, _, encoded = part.strip().partition(":")
        secret = base64.b64decode(encoded)
        if not key_id or len(key_id) > 32 or len(secret) != 32:
            raise ValueError("Each key is 'id:' and 32 bytes in base64 (an id of 1 to 32 chars).")
        keys.append(Key(key_id, secret))
    if not keys:
        raise ValueError("FILE_ENCRYPTION_KEYS holds no key.")
    return keys


def new_key_text(key_id: str) -> str:
    return f"{key_id}:{base64.b64encode(os.urandom(32)).decode()}"


def _file_cipher(secret: bytes, salt: bytes) -> AESGCM:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"bridging-gaps file")
    return AESGCM(hkdf.derive(secret))


def _nonce(prefix: bytes, number: int, last: bool) -> bytes:
    return prefix + struct.pack(">IB", number, 1 if last else 0)


def _chunks(source: IO[bytes]) -> Iterator[tuple[int, bytes, bool]]:
    """(number, plaintext, last) for each chunk, reading one chunk ahead to know the last."""
    number, current = 0, source.read(CHUNK)
    while True:
        following = source.read(CHUNK)
        yield number, current, not following
        if not following:
            return
        number, current = number + 1, following


def encrypt(source: IO[bytes], target: IO[bytes], key: Key) -> None:
    key_id = key.id.encode()
    salt, prefix = os.urandom(SALT), os.urandom(PREFIX)
    target.write(MAGIC + bytes([len(key_id)]) + key_id + salt + prefix)
    cipher = _file_cipher(key.secret, salt)
    for number, plain, last in _chunks(source):
        target.write(cipher.encrypt(_nonce(prefix, number, last), plain, None))


class DecryptedFile(io.RawIOBase):
    """A seekable, read-only view of the plaintext of an encrypted file."""

    def __init__(self, raw: IO[bytes], keys: Sequence[Key]) -> None:
        self.raw = raw
        if raw.read(len(MAGIC)) != MAGIC:
            raise DecryptionError("This file is not encrypted by the workspace.")
        id_length = raw.read(1)[0]
        key_id = raw.read(id_length).decode()
        salt, self.prefix = raw.read(SALT), raw.read(PREFIX)
        key = next((key for key in keys if key.id == key_id), None)
        if key is None:
            raise DecryptionError(f"No key {key_id!r} to read this file with.")
        self.cipher = _file_cipher(key.secret, salt)
        self.header = len(MAGIC) + 1 + id_length + SALT + PREFIX
        body = raw.seek(0, io.SEEK_END) - self.header
        self.count = max(1, -(-body // (CHUNK + TAG)))
        self.size = body - self.count * TAG
        self.position = 0
        self._cached: tuple[int, bytes] | None = None

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.position, io.SEEK_END: self.size}[whence]
        self.position = max(0, base + offset)
        return self.position

    def _chunk(self, number: int) -> bytes:
        if self._cached and self._cached[0] == number:
            return self._cached[1]
        self.raw.seek(self.header + number * (CHUNK + TAG))
        sealed = self.raw.read(CHUNK + TAG)
        last = number == self.count - 1
        try:
            plain = self.cipher.decrypt(_nonce(self.prefix, number, last), sealed, None)
        except Exception as error:
            raise DecryptionError("This file was changed or cut short.") from error
        self._cached = (number, plain)
        return plain

    def readinto(self, buffer: Any) -> int:
        if self.position >= self.size:
            return 0
        number, offset = divmod(self.position, CHUNK)
        piece = self._chunk(number)[offset : offset + len(buffer)]
        buffer[: len(piece)] = piece
        self.position += len(piece)
        return len(piece)

    def close(self) -> None:
        self.raw.close()
        super().close()


class EncryptedStorageMixin:
    """Encrypts on the way into any Django storage and decrypts on the way out: put it before
    the storage class (`class X(EncryptedStorageMixin, FileSystemStorage)`)."""

    keys: list[Key]

    def __init__(self, *args: Any, keys: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.keys = parse_keys(keys)

    def _save(self, name: str, content: Any) -> str:
        with tempfile.SpooledTemporaryFile(max_size=_SPOOL) as sealed:
            content.seek(0) if hasattr(content, "seek") else None
            encrypt(content, sealed, self.keys[0])
            sealed.seek(0)
            return super()._save(name, File(sealed))  # type: ignore[misc]

    def _open(self, name: str, mode: str = "rb") -> File:
        if "w" in mode or "a" in mode or "+" in mode:
            raise ValueError("Encrypted files are written with save(), never opened to write.")
        raw = super()._open(name, "rb")  # type: ignore[misc]
        try:
            return File(io.BufferedReader(DecryptedFile(raw.file, self.keys)), name)
        except Exception:
            raw.close()
            raise

    def size(self, name: str) -> int:
        with super()._open(name, "rb") as raw:  # type: ignore[misc]
            return DecryptedFile(raw.file, self.keys).size

    # A backup copies the files as stored, sealed, and a restore puts them back the same way:
    # they are never decrypted on the way, and read back with the keys they were sealed with.

    def sealed_names(self) -> Iterator[str]:
        """The name of every file in the store, folders walked."""

        def walk(folder: str) -> Iterator[str]:
            try:
                folders, files = self.listdir(folder)  # type: ignore[attr-defined]
            except FileNotFoundError:
                return  # a folder on disk not made yet: nothing stored
            for file in files:
                yield f"{folder}/{file}" if folder else file
            for sub in folders:
                yield from walk(f"{folder}/{sub}" if folder else sub)

        yield from walk("")

    def sealed_size(self, name: str) -> int:
        return int(super().size(name))  # type: ignore[misc]

    def open_sealed(self, name: str) -> File:
        return super()._open(name, "rb")  # type: ignore[misc]

    def save_sealed(self, name: str, content: File) -> None:
        saved = super()._save(name, content)  # type: ignore[misc]
        if saved != name:
            raise ValueError(f"{name} was stored as {saved}")


class EncryptedFileSystemStorage(EncryptedStorageMixin, FileSystemStorage):
    """The private files on a local disk (the default, and `make run`'s)."""
