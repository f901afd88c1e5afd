"""The admin manages structure only: who is in the group, and helping someone sign in.

Contact details, notes, transcripts and observation notes are not registered here and never
will be: the admin is not a back door around people's consent. Roles are not editable here
either (nobody, admins included, widens a view behind the group's back: roles change on
*Manage → People*, through `people.services.person_set_roles`, which the whole group sees),
and deleting a person goes through account deletion, never the admin's cascade.
"""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from people.models import Invitation, RoleChange, User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["display_name", "role_list", "is_facilitator", "is_active", "is_staff"]
    list_filter = ["is_active", "is_facilitator", "is_staff"]
    search_fields = ["display_name"]
    # Email is a login, shown so that an admin can help someone sign in, never changed here:
    # whoever held a new address could reset the password and read all that is hers (she
    # changes it herself, confirming the new one). Phone numbers and other contact details are
    # consented items and are not here.
    fields = [
        "email",
        "display_name",
        "pronouns",
        "role_list",
        "is_facilitator",
        "is_active",
        "is_staff",
        "is_superuser",
        "date_joined",
        "last_login",
    ]
    readonly_fields = [
        "email",
        "role_list",
        "is_facilitator",
        "is_active",
        "is_staff",
        "is_superuser",
        "date_joined",
        "last_login",
    ]

    @admin.display(description="Roles")
    def role_list(self, obj: User) -> str:
        return ", ".join(obj.role_labels)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Accounts are made only by accepting an invitation.
        return False

    def get_deleted_objects(self, objs: Any, request: HttpRequest) -> Any:
        """What the confirmation page lists: the accounts, by name, and nothing they wrote
        or that is written about them (Django would list every related row by its str)."""
        people = [f"Account: {person.display_name}" for person in objs]
        return people, {"accounts": len(people)}, set(), []

    def delete_model(self, request: HttpRequest, obj: User) -> None:
        self._delete_accounts(request, [obj])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        self._delete_accounts(request, list(queryset))

    def _delete_accounts(self, request: HttpRequest, people: list[User]) -> None:
        from datarights.services import deletion_request

        for person in people:
            if not person.is_active:
                continue
            deletion_request(person=person, by=request.user)  # type: ignore[arg-type]
        messages.info(
            request,
            "The account is closed now and deleted at the end of the cooling-off period, "
            "exactly as when someone deletes their own account.",
        )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "created_at", "expires_at", "accepted_at", "revoked_at"]
    # Roles are given by facilitators' invitations (and seen by the group), not here; and to
    # the address the facilitator typed: sent elsewhere, they would go to whoever holds that
    # one (to change it, revoke the invitation and invite again).
    readonly_fields = [
        "email",
        "display_name",
        "roles",
        "is_facilitator",
        "invited_by",
        "created_at",
        "accepted_at",
        "accepted_by",
    ]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(RoleChange)
class RoleChangeAdmin(admin.ModelAdmin):
    list_display = ["person", "changed_by", "changed_at", "roles", "is_facilitator", "is_active"]

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


# allauth's own Authenticator admin shows the stored secret of each person's
# authenticator app: whoever read it could make their codes. Admins may see
# that someone has two-step sign-in and remove it when a phone is lost (the
# person then sets it up again), never the secret.
admin.site.unregister(Authenticator)
# allauth's addresses admin adds an address to anyone's account, marks it verified and primary,
# and deletes one: a password reset goes to any verified address, so whoever held the new one
# could set her password and read all that is hers. Admins see which addresses an account has
# and whether each is confirmed, to help someone sign in; she changes hers herself.
admin.site.unregister(EmailAddress)
# allauth's sessions admin lists every session's IP address and browser: where someone signs
# in from is hers alone ("Where you are signed in" shows her the device, never an address).
admin.site.unregister(UserSession)


@admin.register(Authenticator)
class AuthenticatorAdmin(admin.ModelAdmin):
    list_display = ["user", "type", "created_at", "last_used_at"]
    list_filter = ["type"]
    fields = ("user", "type", "created_at", "last_used_at")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(EmailAddress)
class EmailAddressAdmin(admin.ModelAdmin):
    list_display = ["email", "user", "primary", "verified"]
    list_filter = ["primary", "verified"]
    search_fields = ["email"]
    fields = ("user", "email", "primary", "verified")
    readonly_fields = fields
    actions = None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
