"""The private files on any S3-compatible object store (STORAGE_BACKEND=s3), encrypted by the
workspace before they leave it (bridging_gaps/encryption.py). Nothing is public: every object is
private, and every download goes through the workspace's policy and is streamed by it."""

from __future__ import annotations

from storages.backends.s3 import S3Storage

from bridging_gaps.encryption import EncryptedStorageMixin


class EncryptedS3Storage(EncryptedStorageMixin, S3Storage):
    default_acl = "private"
    querystring_auth = True
    file_overwrite = False
