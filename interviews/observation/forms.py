from __future__ import annotations

from django import forms

YES_NO = [("yes", "Yes"), ("no", "No")]


class ObservationNoteForm(forms.Form):
    text = forms.CharField(
        label="What you observed",
        strip=False,
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="Leave out everyone listed above: do not name or describe them.",
        error_messages={"required": "Write what you observed."},
    )


class ObservationSharingForm(forms.Form):
    facilitators_may_read = forms.ChoiceField(
        label="May facilitators read observation notes that researchers share with them?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes or no, as the group decided."},
    )
    how_agreed = forms.CharField(
        label="How the group decided (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example: agreed at the meeting on 4 March. Everyone in the group "
        "can read this.",
    )

    def may_read(self) -> bool:
        return self.cleaned_data["facilitators_may_read"] == "yes"
