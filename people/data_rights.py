"""People's part of data rights (datarights/hooks.py): the account, roles over time,
contact details; deleting them; and how long expired invitations are kept."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q

from consent.describe import who_can_see
from consent.kinds import Kind
from consent.mfa import has_mfa
from consent.policy import owned
from datarights.hooks import (
    ONLY_YOU,
    Entry,
    RetentionJob,
    Section,
    Text,
    facts,
    joined,
    when,
)
from people.models import ContactDetail, Invitation, Notice, Role, RoleChange, User
from people.services import notices_name_replace


def _roles(roles: Iterable[str]) -> str:
    return joined(Role(role).label for role in roles if role in Role.values) or "none"


def _changer(change: RoleChange, person: User) -> str:
    return "you" if change.changed_by_id == person.pk else change.changed_by.display_name


def collect(person: User) -> list[Section]:
    emails = list(EmailAddress.objects.filter(user=person).order_by("-primary", "email"))
    invitation = Invitation.objects.filter(accepted_by=person).select_related("invited_by").first()
    account = Entry(
        heading="Your account",
        facts=facts(
            ("Name you show", person.display_name, "display_name"),
            ("Pronouns", person.pronouns),
            ("Email address", person.email, "email"),
            ("Joined", person.date_joined, "date_joined"),
            ("Last signed in", person.last_login, "last_login"),
            ("Roles", _roles(person.roles)),
            ("Facilitator", person.is_facilitator, "is_facilitator"),
            ("Plain page titles", person.neutral_titles, "neutral_titles"),
            ("Two-step sign-in", has_mfa(person), "two_step_sign_in"),
        ),
        parts=[
            Entry(
                group="emails",
                heading=f"Email address: {address.email}",
                facts=facts(
                    ("Address", address.email, "email"),
                    ("Checked", address.verified, "verified"),
                    ("Main address", address.primary, "primary"),
                ),
            )
            for address in emails
        ],
    )
    if invitation is not None:
        account.parts.append(
            Entry(
                group="invitation",
                heading="Your invitation",
                facts=facts(
                    ("Sent", invitation.created_at, "sent_at"),
                    ("By", invitation.invited_by.display_name if invitation.invited_by else None),
                    ("Name on the invitation", invitation.display_name),
                    ("Accepted", invitation.accepted_at, "accepted_at"),
                ),
            )
        )
    changes = list(
        RoleChange.objects.filter(person=person).select_related("changed_by").order_by("changed_at")
    )
    details = list(owned(ContactDetail.objects.all(), person).order_by("created_at"))
    seen_by = who_can_see(person, Kind.CONTACT)
    return [
        Section(
            key="account",
            title="Your account",
            intro="What the workspace knows about your account. Your password is never "
            "stored, only a code made from it, so it is not here.",
            entries=[account],
        ),
        Section(
            key="roles",
            title="Your roles over time",
            intro="Your roles now, and each time they changed, or your account was closed or "
            "opened again.",
            entries=[
                Entry(
                    group="now",
                    heading="Now",
                    facts=facts(
                        ("Roles", _roles(person.roles)),
                        ("Facilitator", person.is_facilitator, "is_facilitator"),
                    ),
                )
            ]
            + [
                Entry(
                    group="changes",
                    heading=when(change.changed_at),
                    facts=facts(
                        ("Changed", change.changed_at, "changed_at"),
                        ("Roles", _roles(change.roles)),
                        ("Facilitator", change.is_facilitator, "is_facilitator"),
                        ("Account open", change.is_active, "is_active"),
                        ("Changed by", _changer(change, person)),
                    ),
                )
                for change in changes
            ],
            groups=("now", "changes"),
        ),
        Section(
            key="contact_details",
            title="Your contact details",
            entries=[
                Entry(
                    id=detail.pk,
                    heading=detail.get_kind_display(),
                    facts=facts(
                        ("Kind", detail.get_kind_display()),
                        ("Detail", detail.value, "value"),
                        ("Note", detail.label, "label"),
                        ("Added", detail.created_at, "added_at"),
                        ("Who can see it", seen_by.get(detail.pk, ONLY_YOU)),
                    ),
                )
                for detail in details
            ],
            empty="You have not added any contact details.",
        ),
        Section(
            key="notices",
            title="What the workspace told you",
            intro="Each notice shown to you in Things to know, and when you read it.",
            entries=[
                Entry(
                    id=notice.pk,
                    heading=when(notice.created_at),
                    facts=facts(
                        ("Told", notice.created_at, "told_at"),
                        ("Read", notice.read_at, "read_at"),
                    ),
                    texts=[Text("What it said", notice.text, key="text")],
                )
                for notice in Notice.objects.filter(person=person).order_by("created_at")
            ],
            empty="The workspace has not told you anything yet.",
        ),
    ]


def erase_preview(person: User) -> list[str]:
    sentences = [
        "Your name, pronouns, email address, password and two-step sign-in are removed. "
        "Where the group's records need to show that someone was there (the record of who "
        "shared what, meetings you came to, vouchers already given to you), they show a "
        "code such as “DeletedAccount-K7QP2M” instead of your name."
    ]
    if owned(ContactDetail.objects.all(), person).exists():
        sentences.append("Your contact details are deleted.")
    return sentences


def names_leave(replace: Callable[[str], str]) -> None:
    notices_name_replace(replace=replace)


def erase(person: User, pseudonym: str) -> None:
    # Her contact details go with every other item she owns (datarights/erasure.py).
    # The invitation held the address and the name a facilitator typed.
    invitations = Invitation.objects.filter(Q(accepted_by=person) | Q(email__iexact=person.email))
    # The admin's history of them said the address, before invitations said only their id.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Invitation),
        object_id__in=[str(pk) for pk in invitations.values_list("pk", flat=True)],
    ).update(object_repr="Invitation")
    invitations.update(email="", display_name="")
    EmailAddress.objects.filter(user=person).delete()
    Authenticator.objects.filter(user=person).delete()
    # What the workspace told her: passages about her, what others did.
    Notice.objects.filter(person=person).delete()
    # The admin's history names the account as it was.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(person.pk)
    ).update(object_repr=pseudonym)


@transaction.atomic
def delete_old_invitations(now: datetime) -> int:
    """Invitations never accepted, some time after they expired or were withdrawn: the
    address of someone who never joined is not kept."""
    cutoff = now - timedelta(days=settings.RETENTION_INVITATIONS_DAYS)
    deleted, _ = (
        Invitation.objects.filter(accepted_at__isnull=True)
        .filter(Q(expires_at__lte=cutoff) | Q(revoked_at__lte=cutoff))
        .delete()
    )
    return deleted


def retention_jobs() -> list[RetentionJob]:
    return [
        RetentionJob(
            key="invitations",
            description="invitations never accepted, after they expired or were withdrawn",
            setting="RETENTION_INVITATIONS_DAYS",
            run=delete_old_invitations,
        )
    ]
