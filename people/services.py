"""Writes about people. Small keyword-only functions, each in one transaction."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from people.models import ContactDetail, Invitation, RoleChange, User


class InvitationUnusable(Exception):
    """The invitation was used, revoked or has expired."""


@transaction.atomic
def invitation_create(
    *,
    email: str,
    roles: Iterable[str],
    is_facilitator: bool = False,
    display_name: str = "",
    by: User | None,
    base_url: str,
) -> Invitation:
    from people.tasks import send_invitation_email

    invitation = Invitation.objects.create(
        email=email,
        display_name=display_name,
        roles=sorted(set(roles)),
        is_facilitator=is_facilitator,
        invited_by=by,
    )
    transaction.on_commit(lambda: send_invitation_email.enqueue(str(invitation.id), base_url))
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user: User) -> User:
    """Give the new account the invitation's roles and use the invitation up.

    The row lock makes a double-submitted form (or two people sharing a link)
    create one account, not two.
    """
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not locked.is_usable:
        raise InvitationUnusable
    user.roles = list(locked.roles)
    user.is_facilitator = locked.is_facilitator
    user.save()
    locked.accepted_at = timezone.now()
    locked.accepted_by = user
    locked.save(update_fields=["accepted_at", "accepted_by"])
    RoleChange.objects.create(
        person=user,
        changed_by=locked.invited_by or user,
        roles=user.roles,
        is_facilitator=user.is_facilitator,
        is_active=True,
    )
    return user


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: User) -> None:
    Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def _record(person: User, by: User) -> None:
    RoleChange.objects.create(
        person=person,
        changed_by=by,
        roles=person.roles,
        is_facilitator=person.is_facilitator,
        is_active=person.is_active,
    )


@transaction.atomic
def person_set_roles(*, person: User, roles: Iterable[str], is_facilitator: bool, by: User) -> User:
    person.roles = sorted(set(roles))
    person.is_facilitator = is_facilitator
    person.save(update_fields=["roles", "is_facilitator"])
    _record(person, by)
    return person


@transaction.atomic
def person_set_active(*, person: User, active: bool, by: User) -> User:
    """Deactivate (or reactivate) an account.

    A deactivated person cannot sign in, and their open sessions stop working
    on the next request: Django's ModelBackend refuses inactive users.
    """
    person.is_active = active
    person.save(update_fields=["is_active"])
    _record(person, by)
    return person


@transaction.atomic
def contact_detail_add(*, owner: User, kind: str, value: str, label: str = "") -> ContactDetail:
    return ContactDetail.objects.create(owner=owner, kind=kind, value=value, label=label)


@transaction.atomic
def contact_detail_delete(*, detail: ContactDetail, by: User) -> None:
    from consent.services import shares_withdraw_unchecked

    # The ledger keeps that the detail was shared; the detail itself goes.
    shares_withdraw_unchecked(
        item_kind="contact", item_id=detail.pk, by=by, reason="The detail was removed."
    )
    detail.delete()
