from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone

from proposals.models import Proposal

MAX_OPTIONS = 12
OPTION_LENGTH = 200  # as long as the database keeps an option


class ProposalForm(forms.Form):
    question = forms.CharField(label="What should the group decide?", max_length=300)
    details = forms.CharField(
        label="More about it (optional)", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    kind = forms.ChoiceField(
        label="How do people answer?", choices=Proposal.Kind.choices, widget=forms.RadioSelect
    )
    options = forms.CharField(
        label="The options (only for a choice of several)",
        help_text="One option on each line.",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    electorate = forms.ChoiceField(
        label="Who can vote?", choices=Proposal.Electorate.choices, widget=forms.RadioSelect
    )
    secret = forms.ChoiceField(
        label="Is the vote secret?",
        choices=[
            ("yes", "Yes: nobody can see who chose what, not even the people who run the website"),
            ("no", "No: after the close, everyone sees who chose what"),
        ],
        widget=forms.RadioSelect,
    )
    results_hidden = forms.BooleanField(
        label="Hide the results until the vote closes", required=False, initial=True
    )
    days = forms.IntegerField(
        label="How many days is the vote open?", min_value=1, max_value=60, initial=7
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        lines = [line.strip() for line in cleaned.get("options", "").splitlines() if line.strip()]
        if cleaned.get("kind") == Proposal.Kind.CHOICE:
            if len(set(lines)) < 2:
                self.add_error("options", "Give at least two different options, one on each line.")
            elif len(lines) > MAX_OPTIONS:
                self.add_error("options", f"Give at most {MAX_OPTIONS} options.")
            elif any(len(line) > OPTION_LENGTH for line in lines):
                self.add_error(
                    "options", f"Keep each option to {OPTION_LENGTH} characters or fewer."
                )
        cleaned["option_list"] = lines
        return cleaned

    def closes_at(self) -> Any:
        return timezone.now() + timedelta(days=self.cleaned_data["days"])


class VoteForm(forms.Form):
    def __init__(self, *args: Any, proposal: Proposal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["choice"] = forms.ChoiceField(
            label="Your vote",
            choices=[(option, option) for option in proposal.options],
            widget=forms.RadioSelect,
        )


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label="What to do",
        choices=[
            (Proposal.Status.PAUSED, "Pause it"),
            (Proposal.Status.OPEN, "Open it again"),
            (Proposal.Status.CLOSED, "Close it now"),
        ],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label="Why (everyone in the group will read this)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
