"""Deleting an account once its cooling-off period is over.

Every app's `erase(person, pseudonym)` hook removes what the person wrote and what is held
about them. The account row itself stays, as a tombstone: the consent ledger, the access
log, role changes and the interview ledgers are append-only and refer to people by that
row, so they go on answering what was shared and done, and when, under a pseudonym. The
tombstone has no roles, cannot sign in (no usable email or password, inactive) and says
nothing of the person. See docs/data-rights.md.
"""

from __future__ import annotations

import logging
import secrets
import uuid
from datetime import datetime

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from consent.policy import owned
from consent.registry import all_kinds
from consent.services import item_delete
from datarights.hooks import hooks
from datarights.models import Departure
from datarights.sharing import withdraw_everything_unchecked
from mentions.finding import name_replacer
from people.models import RoleChange, User

logger = logging.getLogger(__name__)

ERASED_REASON = "The account was deleted."
# No 0/O, 1/I/L: a facilitator may read a pseudonym out to the finance team.
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
# One word with the code, never words of their own: the research anonymiser treats every
# account's name as a name to take out, and "Deleted account" would take out "account".
PSEUDONYM_PREFIX = "DeletedAccount-"
UNUSABLE_EMAIL_DOMAIN = "deleted.invalid"


def new_pseudonym() -> str:
    code = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(6))
    return f"{PSEUDONYM_PREFIX}{code}"


def is_tombstone(person: User) -> bool:
    return person.email.endswith(f"@{UNUSABLE_EMAIL_DOMAIN}")


def pending_due(now: datetime) -> list[Departure]:
    return list(
        Departure.objects.filter(
            kind=Departure.Kind.DELETION,
            cancelled_at__isnull=True,
            erased_at__isnull=True,
            erase_after__lte=now,
        ).order_by("erase_after")
    )


@transaction.atomic
def account_erase(*, departure: Departure, now: datetime | None = None) -> bool:
    """Delete the account of a deletion request whose cooling-off period is over.
    False (and nothing done) if it was cancelled, is done already, or is not due yet."""
    now = now or timezone.now()
    locked = Departure.objects.select_for_update().filter(pk=departure.pk).first()
    if locked is None or not locked.is_pending_deletion:
        return False
    assert locked.erase_after is not None
    if locked.erase_after > now:
        return False
    person = User.objects.select_for_update().get(pk=locked.person_id)
    pseudonym = new_pseudonym()
    # Her name leaves what others wrote, first, while every name she goes by is still known:
    # the anonymiser would no longer find it there once her account is gone.
    replace = name_replacer(person, pseudonym)
    for names_leave in hooks("names_leave"):
        names_leave(replace)
    for erase in hooks("erase"):
        erase(person, pseudonym)
    # Every item she still owns, of every kind, goes: one way for all of them.
    for kind in all_kinds():
        if kind.erase_with_account:
            for item in owned(kind.model._default_manager.all(), person):
                item_delete(item=item, by=person, reason=ERASED_REASON)
    # Shares of the items kept on purpose (the passages that name her).
    withdraw_everything_unchecked(person=person, reason=ERASED_REASON)
    _tombstone(person, pseudonym)
    locked.erased_at = now
    locked.save(update_fields=["erased_at"])
    logger.info("Account deleted after its cooling-off period: %s", pseudonym)
    return True


def erase_due(now: datetime) -> int:
    """Delete every account whose cooling-off period is over, each in its own transaction."""
    return sum(account_erase(departure=departure, now=now) for departure in pending_due(now))


def _tombstone(person: User, pseudonym: str) -> None:
    # A queryset update: no save signals, so the old name is not kept as an "earlier
    # name" by the research app (which keeps earlier names for the anonymiser).
    User.objects.filter(pk=person.pk).update(
        display_name=pseudonym,
        pronouns="",
        email=f"{uuid.uuid4().hex}@{UNUSABLE_EMAIL_DOMAIN}",
        password=make_password(None),
        roles=[],
        is_facilitator=False,
        is_staff=False,
        is_superuser=False,
        is_active=False,
        neutral_titles=False,
        last_login=None,
    )
    person.groups.clear()
    person.user_permissions.clear()
    RoleChange.objects.create(
        person_id=person.pk,
        changed_by_id=person.pk,
        roles=[],
        is_facilitator=False,
        is_active=False,
    )
    person.refresh_from_db()
