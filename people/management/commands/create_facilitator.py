"""Invite the first facilitator: the one way in before anyone can send invitations."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

from people import services
from people.models import Role, User


class Command(BaseCommand):
    help = "Invite a facilitator by email and print the invitation link."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("email")
        parser.add_argument("--name", default="", help="Name to show (they can change it).")
        parser.add_argument(
            "--role",
            action="append",
            choices=Role.values,
            help="Their role in the group; repeat for several (default: support_worker).",
        )
        parser.add_argument(
            "--site-url",
            default=settings.SITE_URL,
            help="The address people use to reach the workspace (default: $SITE_URL).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"]
        if User.objects.filter(email__iexact=email).exists():
            raise CommandError(f"Someone already uses {email}.")
        with transaction.atomic():
            invitation = services.invitation_create(
                email=email,
                display_name=options["name"],
                roles=options["role"] or [Role.SUPPORT_WORKER],
                is_facilitator=True,
                by=None,
                base_url=options["site_url"],
            )
        link = options["site_url"].rstrip("/") + reverse(
            "accept_invitation", args=[invitation.token]
        )
        self.stdout.write(
            f"Invitation sent to {email}. It works once, until "
            f"{invitation.expires_at:%d %B %Y}:\n{link}"
        )
