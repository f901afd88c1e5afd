"""Encrypt the private files stored before encryption at rest (run once after upgrading):
every file in the private storage that is not yet encrypted is encrypted in place."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError

from bridging_gaps.encryption import MAGIC, EncryptedFileSystemStorage, encrypt


class Command(BaseCommand):
    help = "Encrypt private files stored before encryption at rest."

    def handle(self, *args: Any, **options: Any) -> None:
        storage = storages["default"]
        if not isinstance(storage, EncryptedFileSystemStorage):
            raise CommandError("The private storage is not the encrypted one.")
        root = Path(storage.location)
        done = 0
        for path in sorted(root.rglob("*")):
            if not path.is_file() or path.name.endswith(".encrypting"):
                continue
            with path.open("rb") as source:
                if source.read(len(MAGIC)) == MAGIC:
                    continue
                source.seek(0)
                sealed = path.with_name(path.name + ".encrypting")
                with sealed.open("wb") as target:
                    encrypt(source, target, storage.keys[0])
            os.replace(sealed, path)  # the plain file is never half replaced
            done += 1
        self.stdout.write(f"{done} file{'s' if done != 1 else ''} encrypted.")
