from __future__ import annotations

from typing import Any

from django import forms

from meetings.forms import DateInput, PersonChoiceField, group_people
from meetings.minutes.services import MinutesAudience
from meetings.models import Action


class MinutesForm(forms.Form):
    body = forms.CharField(label="Minutes", widget=forms.Textarea(attrs={"rows": 14}))


class NewMinutesForm(MinutesForm):
    audience = forms.ChoiceField(
        label="Who will see these minutes?",
        choices=MinutesAudience.choices,
        initial=MinutesAudience.GROUP,
        widget=forms.RadioSelect,
        help_text="They see your name as the writer. You can change who sees them later.",
    )


class DecisionForm(forms.Form):
    text = forms.CharField(label="What the group decided", widget=forms.Textarea(attrs={"rows": 3}))


class DecisionOutcomeForm(forms.Form):
    outcome = forms.CharField(
        label="What came of it",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown on “You said, we did”.",
    )


class ActionForm(forms.Form):
    description = forms.CharField(
        label="What will be done", widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = PersonChoiceField(
        label="Who will do it",
        queryset=group_people(),
        required=False,
        empty_label="Someone not in the workspace",
    )
    owner_name = forms.CharField(
        label="Their name, if they are not in the workspace", required=False, max_length=80
    )
    due_on = forms.DateField(label="By when (optional)", required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("owner") and not cleaned.get("owner_name", "").strip():
            self.add_error("owner", "Choose who will do it, or write their name.")
        return cleaned


class ActionUpdateForm(forms.Form):
    status = forms.ChoiceField(
        label="Status", choices=Action.Status.choices, widget=forms.RadioSelect
    )
    outcome = forms.CharField(
        label="What happened (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown on “You said, we did”.",
    )
