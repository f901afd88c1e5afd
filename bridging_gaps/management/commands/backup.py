"""manage.py backup FILE: one encrypted archive of the database and every private file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from bridging_gaps.backup import BackupError, backup
from bridging_gaps.encryption import EncryptedStorageMixin


class Command(BaseCommand):
    help = "Back up the database and the private files into one encrypted archive."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("output", type=Path, help="Where to write the archive.")

    def handle(self, *args: Any, **options: Any) -> None:
        storage = storages["default"]
        if not isinstance(storage, EncryptedStorageMixin):
            raise CommandError("The private storage is not the encrypted one.")
        try:
            manifest = backup(
                database=connection.settings_dict,
                storage=storage,
                output=options["output"],
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up the database and {manifest['files']} files to {options['output']}."
        )
