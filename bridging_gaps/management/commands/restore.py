"""manage.py restore FILE: rebuild an empty database and files folder from a backup."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from bridging_gaps.backup import BackupError, restore
from bridging_gaps.encryption import EncryptedStorageMixin


class Command(BaseCommand):
    help = "Restore a backup into an empty database and an empty private files folder."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("archive", type=Path, help="The backup to restore.")

    def handle(self, *args: Any, **options: Any) -> None:
        storage = storages["default"]
        if not isinstance(storage, EncryptedStorageMixin):
            raise CommandError("The private storage is not the encrypted one.")
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
            )
            (tables,) = cursor.fetchone()
        if tables:
            raise CommandError("The database is not empty: restore into an empty database.")
        connection.close()
        try:
            manifest = restore(
                archive=options["archive"],
                database=connection.settings_dict,
                storage=storage,
                keys=storage.keys,
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored the database and {manifest['files']} files.")
