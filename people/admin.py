"""The admin manages structure only: who is in the group and in which roles.

Contact details, notes, transcripts and observation notes are not registered
here and never will be: the admin is not a back door around people's consent.
"""

from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.http import HttpRequest

from people.models import Invitation, RoleChange, User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["display_name", "role_list", "is_facilitator", "is_active", "is_staff"]
    list_filter = ["is_active", "is_facilitator", "is_staff"]
    search_fields = ["display_name"]
    # Email is a login, shown so that an admin can help someone sign in; phone
    # numbers and other contact details are consented items and are not here.
    fields = [
        "email",
        "display_name",
        "pronouns",
        "roles",
        "is_facilitator",
        "is_active",
        "is_staff",
        "is_superuser",
        "date_joined",
        "last_login",
    ]
    readonly_fields = ["date_joined", "last_login"]

    @admin.display(description="Roles")
    def role_list(self, obj: User) -> str:
        return ", ".join(obj.role_labels)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "created_at", "expires_at", "accepted_at", "revoked_at"]
    readonly_fields = ["invited_by", "created_at", "accepted_at", "accepted_by"]


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
