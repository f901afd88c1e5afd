"""People, their roles in the group, and invitations.

A person may hold several roles (an academic GP is a GP and a researcher).
Facilitation is a capability on top of a role, not a role of its own, and it
gives no extra view of anyone's things: see consent/policy.py.
"""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import TYPE_CHECKING, Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.postgres.fields import ArrayField
from django.core import signing
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from consent.items import ShareableItem
from consent.roles import PRIVILEGED_ROLES, Role

if TYPE_CHECKING:
    from collections.abc import Iterable


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        if not email:
            raise ValueError("A person needs an email address.")
        user = self.model(email=self.normalize_email(email), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        fields.setdefault("display_name", "Site admin")
        return self.create_user(email, password, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField("email address", max_length=254, unique=True)
    display_name = models.CharField(
        "name to show",
        max_length=80,
        help_text="The name others in the group see. It can be a chosen name or a nickname.",
    )
    pronouns = models.CharField(max_length=40, blank=True)
    roles = ArrayField(
        models.CharField(max_length=20, choices=Role.choices),
        default=list,
        blank=True,
        help_text="One person can hold several roles.",
    )
    is_facilitator = models.BooleanField(
        default=False,
        help_text="Facilitators schedule meetings and invite people. "
        "They do not see anything more of other people's things.",
    )
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        default=False, help_text="Can use the admin site, which manages structure only."
    )
    neutral_titles = models.BooleanField(
        "plain page titles",
        # On by default: someone else holding the phone sees only "Workspace" in tabs and
        # history. A member may choose named titles.
        default=True,
        help_text="Show 'Workspace' as the title of every page, so browser tabs "
        "and history do not say what you were looking at.",
    )
    # Minutes without use before the session ends; empty: SESSION_IDLE_MINUTES.
    idle_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    # When she saw the page about staying safe (shown once, at the first sign-in).
    safety_seen_at = models.DateTimeField(null=True, blank=True)
    # When she saw the welcome (shown once, at the first sign-in, before the safety page).
    welcomed_at = models.DateTimeField(null=True, blank=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = ["display_name"]

    class Meta:
        ordering = ["display_name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="people_user_email_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.display_name

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name

    def has_role(self, role: str) -> bool:
        return role in self.roles

    @property
    def role_labels(self) -> list[str]:
        return [Role(role).label for role in self.roles if role in Role.values]

    @property
    def is_in_group(self) -> bool:
        """An active person with at least one role: who "the whole group" means."""
        return self.is_active and bool(self.roles)

    @property
    def requires_mfa(self) -> bool:
        return (
            self.is_facilitator
            or self.is_staff
            or self.is_superuser
            or any(role in PRIVILEGED_ROLES for role in self.roles)
        )


class RoleChange(models.Model):
    """Who changed whose roles, and when. Appended, never edited."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(User, on_delete=models.PROTECT, related_name="role_changes")
    changed_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)
    roles = ArrayField(models.CharField(max_length=20, choices=Role.choices), default=list)
    is_facilitator = models.BooleanField()
    is_active = models.BooleanField()

    class Meta:
        ordering = ["-changed_at"]

    def __str__(self) -> str:
        return f"Roles of {self.person} changed by {self.changed_by}"

    @property
    def role_labels(self) -> list[str]:
        return [Role(role).label for role in self.roles if role in Role.values]


_INVITATION_SIGNER = signing.Signer(salt="people.invitation")


def _default_expiry() -> Any:
    return timezone.now() + timedelta(days=settings.INVITATION_EXPIRY_DAYS)


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def open(self) -> InvitationQuerySet:
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """A one-time link a facilitator sends. The only way to make an account.

    The link's token is the invitation's id signed with the secret key, so no
    working link is stored anywhere (not in this table, not in the task queue):
    a task that emails it rebuilds it from the id.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    email = models.EmailField()
    display_name = models.CharField(max_length=80, blank=True)
    roles = ArrayField(models.CharField(max_length=20, choices=Role.choices), default=list)
    is_facilitator = models.BooleanField(default=False)
    invited_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(default=_default_expiry)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        # Never the address or the name: the admin's history keeps what this says.
        return f"Invitation {str(self.pk)[:8]}"

    @property
    def token(self) -> str:
        return _INVITATION_SIGNER.sign(str(self.id))

    @classmethod
    def from_token(cls, token: str) -> Invitation | None:
        try:
            invitation_id = _INVITATION_SIGNER.unsign(token)
            return cls.objects.filter(id=uuid.UUID(invitation_id)).first()
        except (signing.BadSignature, ValueError):
            return None

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and not self.is_expired

    @property
    def role_labels(self) -> Iterable[str]:
        return [Role(role).label for role in self.roles]


class ContactDetail(ShareableItem):
    """A phone number, email address or other way to reach someone.

    Each one is an item in the consent ledger: only the audiences its owner
    chooses see it, field by field. Nobody else does, the admin included.
    """

    class Kind(models.TextChoices):
        PHONE = "phone", "Phone number"
        EMAIL = "email", "Email address"
        ADDRESS = "address", "Postal address"
        OTHER = "other", "Other"

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="contact_details"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    label = models.CharField(
        max_length=60, blank=True, help_text="Optional, for example: 'mobile, texts only'."
    )
    value = models.CharField(max_length=200)

    class Meta:
        ordering = ["kind", "created_at"]


class Notice(models.Model):
    """Something the workspace tells one person: a role changed, a passage names her, an
    export file was withdrawn. Shown inside the workspace only (the dashboard and *Things
    to know*); an email, if any, says only that there is something to see."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notices")
    text = models.CharField(max_length=500)
    # Where to act on it, a path inside the workspace (or empty).
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["person", "read_at", "-created_at"])]

    def __str__(self) -> str:
        return f"Notice {str(self.pk)[:8]}"
