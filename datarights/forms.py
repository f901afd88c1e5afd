from __future__ import annotations

from typing import Any

from allauth.account.adapter import get_adapter
from django import forms
from django.conf import settings

from people.models import User


class DownloadForm(forms.Form):
    email_when_ready = forms.BooleanField(
        label="Email me when it is ready",
        required=False,
        help_text="The email says only that a file is ready, and where to sign in to get it.",
    )


class LeaveForm(forms.Form):
    WITHDRAW = "withdraw"
    ANONYMOUS = "anonymous"

    shared = forms.ChoiceField(
        label="What happens to what you shared?",
        choices=[
            (WITHDRAW, "Stop sharing all of it now. Only I could see it."),
            (ANONYMOUS, "Keep sharing it, without my name."),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what happens to what you shared."},
    )
    keep_research_use = forms.BooleanField(
        label="Researchers may go on using what I allowed for research, with every name taken out",
        required=False,
        help_text="If you leave this unticked, researchers can no longer include any of your "
        "things in new research exports.",
    )

    @property
    def keep_shared_anonymously(self) -> bool:
        return self.cleaned_data["shared"] == self.ANONYMOUS


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label="Your password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To be sure it is you.",
    )
    understand = forms.BooleanField(
        error_messages={"required": "Tick the box to say you understand."},
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        days = settings.ACCOUNT_DELETION_COOLING_OFF_DAYS
        self.fields[
            "understand"
        ].label = (
            f"I understand: after {days} days my account, and what I wrote, are deleted for good"
        )

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        # allauth's own check: wrong passwords count towards the sign-in limit.
        if not get_adapter().reauthenticate(self.user, password):
            raise forms.ValidationError("That is not your password.")
        return password
