from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone

from meetings.models import Meeting
from proposals.models import Comment, Proposal, ProposalAction

MAX_OPTIONS = 12
OPTION_LENGTH = 200  # as long as the database keeps an option


class MeetingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{timezone.localtime(obj.starts_at):%-d %B %Y, %H:%M}"


class ProposalForm(forms.Form):
    question = forms.CharField(label="What should the group decide?", max_length=300)
    details = forms.CharField(
        label="More about it (optional)", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    kind = forms.ChoiceField(
        label="How do people answer?", choices=Proposal.Kind.choices, widget=forms.RadioSelect
    )
    options = forms.CharField(
        label="The options (for a choice of several, or a ranking)",
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
    meeting = MeetingChoiceField(
        label="Talked about at a meeting (optional)",
        queryset=Meeting.objects.none(),
        required=False,
        empty_label="No meeting",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        now = timezone.now()
        field = self.fields["meeting"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Meeting.objects.filter(
            starts_at__gte=now - timedelta(days=30), starts_at__lte=now + timedelta(days=90)
        ).order_by("starts_at")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        lines = [line.strip() for line in cleaned.get("options", "").splitlines() if line.strip()]
        if cleaned.get("kind") in {Proposal.Kind.CHOICE, Proposal.Kind.RANKING}:
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

    def ranking(self) -> list[str]:
        return []


class RankingForm(forms.Form):
    """A ranking without JavaScript: a place (1, 2, 3...) for each option."""

    def __init__(self, *args: Any, proposal: Proposal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.options = list(proposal.options)
        places = [("", "Choose a place")] + [
            (str(place), _place(place)) for place in range(1, len(self.options) + 1)
        ]
        for number, option in enumerate(self.options):
            self.fields[f"place_{number}"] = forms.TypedChoiceField(
                label=f"Place for “{option}”", choices=places, coerce=int
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        places = [cleaned.get(f"place_{number}") for number in range(len(self.options))]
        if None not in places and len(set(places)) != len(places):
            raise forms.ValidationError("Give every option a different place.")
        return cleaned

    def ranking(self) -> list[str]:
        places = {
            self.cleaned_data[f"place_{number}"]: option
            for number, option in enumerate(self.options)
        }
        return [places[place] for place in sorted(places)]


def _place(place: int) -> str:
    return {1: "1st (first choice)", 2: "2nd", 3: "3rd"}.get(place, f"{place}th")


class CommentForm(forms.Form):
    text = forms.CharField(
        label="Your comment (everyone in the group will read it, with your name)",
        max_length=Comment.MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OutcomeForm(forms.Form):
    decision = forms.CharField(
        label="What the group decided",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Shown on “You said, we did”.",
    )
    outcome = forms.CharField(
        label="What came of it (optional, you can add it later)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class ActionForm(forms.Form):
    description = forms.CharField(label="What will be done", max_length=500)
    who = forms.CharField(label="Who will do it (optional)", max_length=80, required=False)
    due_on = forms.DateField(
        label="By when (optional)",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class ActionStatusForm(forms.Form):
    action = forms.UUIDField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label="How it is going", choices=ProposalAction.Status.choices)


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
