"""Forms for making an export: what to choose, and the researcher's own redactions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone

from research.granted import research_kinds


class DateInput(forms.DateInput):
    input_type = "date"


class ExportForm(forms.Form):
    kinds = forms.MultipleChoiceField(
        label="Which kinds of item?",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one kind of item."},
    )
    date_from = forms.DateField(label="From (optional)", required=False, widget=DateInput)
    date_to = forms.DateField(label="Until (optional)", required=False, widget=DateInput)
    meetings: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label="Only items from these meetings (optional)",
        required=False,
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text="Minutes and other items that belong to a meeting. Leave empty for all.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from meetings.models import Meeting

        kinds: Any = self.fields["kinds"]
        kinds.choices = [(kind.key, kind.label.capitalize()) for kind in research_kinds()]
        meetings: Any = self.fields["meetings"]
        meetings.queryset = Meeting.objects.filter(
            Q(starts_at__lte=timezone.now()) & Q(cancelled_at__isnull=True)
        ).order_by("-starts_at")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("date_from"), data.get("date_to")
        if first and last and first > last:
            self.add_error("date_to", "The last day must come after the first.")
        return data


class RedactionForm(forms.Form):
    words = forms.CharField(
        label="A word or phrase to take out",
        max_length=120,
        help_text=(
            "It becomes [REDACTED] in every item of this export. Capital letters do not "
            "matter, except for everyday words (hope, may): those go only with a capital."
        ),
    )

    def clean_words(self) -> str:
        words = " ".join(self.cleaned_data["words"].split())
        if len(words) < 2:
            raise forms.ValidationError("Write at least two letters.")
        return words
