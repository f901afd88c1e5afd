"""Check (or rebuild) the projection of current shares against the consent ledger."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from consent.models import CurrentShare
from consent.projection import from_ledger, rebuild


class Command(BaseCommand):
    help = "Check that the current shares agree with the ledger; --rebuild makes them again."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--rebuild", action="store_true", help="Rebuild from the ledger.")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["rebuild"]:
            self.stdout.write(f"{rebuild()} current shares rebuilt from the ledger.")
            return
        wanted = {row.share_id for row in from_ledger()}
        held = set(CurrentShare.objects.values_list("share_id", flat=True))
        if wanted != held:
            raise CommandError(
                f"The current shares differ from the ledger: {len(wanted - held)} missing, "
                f"{len(held - wanted)} extra. Run with --rebuild."
            )
        self.stdout.write(f"{len(held)} current shares agree with the ledger.")
