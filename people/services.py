"""Writes about people. Small keyword-only functions, each in one transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from actionlog.services import log_action
from consent.services import item_delete
from people.models import ContactDetail, Invitation, Notice, Role, RoleChange, User

# What an email about a notice says: never what the notice says (someone else may read the
# phone's notifications).
NOTICE_EMAIL_SUBJECT = "Your workspace: something has changed"


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
    log_action(by=by, action="people.invitation.created", obj=invitation)
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
    log_action(by=user, action="people.invitation.accepted", obj=locked, person=user)
    return user


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by: User) -> None:
    Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    log_action(by=by, action="people.invitation.revoked", obj=invitation)


def _record(person: User, by: User) -> None:
    RoleChange.objects.create(
        person=person,
        changed_by=by,
        roles=person.roles,
        is_facilitator=person.is_facilitator,
        is_active=person.is_active,
    )


def roles_sentence(roles: Iterable[str], is_facilitator: bool) -> str:
    labels = [Role(role).label for role in roles if role in Role.values]
    if is_facilitator:
        labels.append("facilitator")
    return ", ".join(labels) if labels else "no role in the group"


@transaction.atomic
def person_set_roles(*, person: User, roles: Iterable[str], is_facilitator: bool, by: User) -> User:
    """The one way anyone's roles change in the workspace. Nobody changes their own:
    a wider view always needs someone else, and the whole group sees every change
    (*People → Changes to roles*)."""
    if by.pk == person.pk:
        raise PermissionDenied("Nobody can change their own roles. Ask another facilitator.")
    locked = User.objects.select_for_update().get(pk=person.pk)
    wanted = sorted(set(roles))
    if locked.roles == wanted and locked.is_facilitator == is_facilitator:
        return locked
    locked.roles = wanted
    locked.is_facilitator = is_facilitator
    locked.save(update_fields=["roles", "is_facilitator"])
    person.roles, person.is_facilitator = locked.roles, locked.is_facilitator
    _record(locked, by)
    notice_send(
        person=locked,
        text=f"{by.display_name} changed your roles. You are now: "
        f"{roles_sentence(wanted, is_facilitator)}.",
        url="/people/roles/",
    )
    log_action(
        by=by,
        action="people.person.roles_set",
        obj=person,
        person=person,
        data={"roles": [str(role) for role in roles], "is_facilitator": is_facilitator},
    )
    return person


@transaction.atomic
def notice_send(*, person: User, text: str, url: str = "", email_subject: str = "") -> Notice:
    """Tell someone something inside the workspace, with a neutral email that says only
    that there is something to see (`email_subject`, starting "Your workspace:")."""
    from people.tasks import send_notice_email

    notice = Notice.objects.create(person=person, text=text, url=url)
    subject = email_subject or NOTICE_EMAIL_SUBJECT
    if person.is_active:
        transaction.on_commit(lambda: send_notice_email.enqueue(str(person.pk), subject))
    return notice


@transaction.atomic
@transaction.atomic
def notices_name_replace(*, replace: Callable[[str], str]) -> int:
    """Every notice's words passed through `replace` (an account is deleted: her name leaves
    what others were told, "Faye changed your roles" and the passages quoted to a writer).
    Returns how many changed."""
    changed, longest = 0, Notice.text.field.max_length
    for pk, text in Notice.objects.values_list("pk", "text").iterator(chunk_size=500):
        if (new := replace(text)) != text:
            Notice.objects.filter(pk=pk).update(text=new[:longest])
            changed += 1
    return changed


def notices_mark_read(*, person: User) -> int:
    return Notice.objects.filter(person=person, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def person_set_active(*, person: User, active: bool, by: User) -> User:
    """Deactivate (or reactivate) an account.

    A deactivated person cannot sign in, and their open sessions stop working
    on the next request: Django's ModelBackend refuses inactive users.
    """
    person.is_active = active
    person.save(update_fields=["is_active"])
    _record(person, by)
    log_action(
        by=by,
        action=f"people.person.{'activated' if active else 'deactivated'}",
        obj=person,
        person=person,
    )
    return person


@transaction.atomic
def contact_detail_add(*, owner: User, kind: str, value: str, label: str = "") -> ContactDetail:
    detail = ContactDetail.objects.create(owner=owner, kind=kind, value=value, label=label)
    log_action(by=owner, action="people.contact_detail.added", obj=detail, data={"kind": kind})
    return detail


@transaction.atomic
def contact_detail_delete(*, detail: ContactDetail, by: User) -> None:
    # The ledger keeps that the detail was shared; the detail itself goes.
    item_delete(item=detail, by=by, reason="The detail was removed.")


@transaction.atomic
def welcomed(*, person: User) -> None:
    User.objects.filter(pk=person.pk, welcomed_at__isnull=True).update(welcomed_at=timezone.now())
    person.welcomed_at = person.welcomed_at or timezone.now()


@transaction.atomic
def safety_seen(*, person: User) -> None:
    """She has read the page about staying safe: it is not shown at sign-in again."""
    User.objects.filter(pk=person.pk, safety_seen_at__isnull=True).update(
        safety_seen_at=timezone.now()
    )
    person.safety_seen_at = person.safety_seen_at or timezone.now()
