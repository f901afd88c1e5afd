from __future__ import annotations

from typing import Any

from allauth.core import context
from django import forms
from django.http import HttpRequest

from people.models import Role, User


class SignupDetailsForm(forms.Form):
    """Extra fields on the invitation sign-up page (allauth adds email and password)."""

    display_name = forms.CharField(
        label="Name to show",
        max_length=80,
        help_text="Others in the group see this name. It can be a chosen name or a nickname.",
    )
    pronouns = forms.CharField(
        label="Pronouns (optional)",
        max_length=40,
        required=False,
        help_text="For example: she/her.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from people.adapters import invitation_in_session

        invitation = invitation_in_session(context.request)
        if invitation is not None and invitation.display_name:
            self.fields["display_name"].initial = invitation.display_name

    def clean(self) -> dict[str, Any]:
        from people.adapters import invitation_in_session

        cleaned = super().clean() or {}
        invitation = invitation_in_session(context.request)
        email = cleaned.get("email")
        if invitation is not None and email and email.lower() != invitation.email.lower():
            self.add_error(
                "email",
                "This invitation was sent to a different email address. "
                "Use the address the invitation was sent to.",
            )
        return cleaned

    def signup(self, request: HttpRequest, user: User) -> None:
        # allauth calls this after the user is saved; the fields were set in
        # AccountAdapter.save_user through the invitation, so only copy ours.
        user.display_name = self.cleaned_data["display_name"]
        user.pronouns = self.cleaned_data.get("pronouns", "")
        user.save(update_fields=["display_name", "pronouns"])


ROLE_CHOICES = Role.choices


class InvitationForm(forms.Form):
    email = forms.EmailField(label="Their email address")
    display_name = forms.CharField(
        label="Name to show (optional)",
        max_length=80,
        required=False,
        help_text="They can change it when they accept.",
    )
    roles = forms.MultipleChoiceField(
        label="Roles",
        choices=ROLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick every role this person holds.",
    )
    is_facilitator = forms.BooleanField(label="Also a facilitator", required=False)

    def clean_email(self) -> str:
        email: str = self.cleaned_data["email"]
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("Someone in the workspace already uses this email address.")
        return email


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label="Roles",
        choices=ROLE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    is_facilitator = forms.BooleanField(label="Facilitator", required=False)


IDLE_CHOICES = [
    ("", "After 30 minutes without using it (best on a phone others may hold)"),
    ("120", "After 2 hours without using it"),
    ("240", "After 4 hours without using it (only on a phone nobody else uses)"),
]


class PreferencesForm(forms.ModelForm):
    idle_minutes = forms.TypedChoiceField(
        label="Sign me out",
        choices=IDLE_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        help_text="However you choose, you are signed out 12 hours after signing in.",
    )

    class Meta:
        model = User
        fields = ["display_name", "pronouns", "neutral_titles", "idle_minutes"]
