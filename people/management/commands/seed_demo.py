"""Seed a fictional group so the site is explorable at once.

Each app may have a `demo.py` with `seed(people)`; they run in the order below.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from people import demo
from people.models import User

APPS_WITH_DEMO_DATA = ["consent", "meetings", "reflections", "interviews", "research"]


class Command(BaseCommand):
    help = "Create a fictional demo group (names are invented)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when anyone already has an account.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if User.objects.exists():
            if options["if_empty"]:
                self.stdout.write("The database already has people in it: no demo data added.")
                return
            self.stderr.write("The database is not empty: the demo may clash with what is there.")
        with transaction.atomic():
            people = demo.seed()
            for app in APPS_WITH_DEMO_DATA:
                try:
                    module = importlib.import_module(f"{app}.demo")
                except ModuleNotFoundError as error:
                    if error.name != f"{app}.demo" and error.name != app:
                        raise
                    continue
                module.seed(people)
        self.stdout.write(
            f"Demo group created: {len(people)} people. "
            f"Sign in as ruth@{demo.DEMO_EMAIL_DOMAIN} with the password {demo.DEMO_PASSWORD}."
        )
