from __future__ import annotations

from typing import Any

from django import forms

from consent.models import Audience
from consent.registry import ItemKind

NOT_SHARED = ""
NAMED = "named"
ANONYMOUS = "anonymous"


class ShareForm(forms.Form):
    """One question per audience: not shared, shared with my name, or without it."""

    def __init__(self, *args: Any, kind: ItemKind, item: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        # Only the audiences the item may be shared with now are offered.
        self.audience_choices = kind.audience_choices_for(item)
        for audience, label in self.audience_choices:
            choices = [(NOT_SHARED, "No"), (NAMED, "Yes, with my name")]
            if kind.allow_anonymous:
                choices.append((ANONYMOUS, "Yes, without my name"))
            self.fields[f"audience_{audience}"] = forms.ChoiceField(
                label=f"Can {label} see it?",
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
            )
        if kind.allow_research_use:
            self.fields["research_use"] = forms.BooleanField(
                label="Researchers may include it in research exports, with every name taken out",
                required=False,
                help_text="This does not let researchers read it here. "
                "You can take this back at any time.",
            )

    @classmethod
    def initial_from(cls, shares: list[Any]) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for share in shares:
            if share.audience == Audience.RESEARCH_USE:
                initial["research_use"] = True
            else:
                initial[f"audience_{share.audience}"] = ANONYMOUS if share.anonymous else NAMED
        return initial

    def wanted(self) -> dict[str, bool]:
        result = {}
        for audience, _label in self.audience_choices:
            value = self.cleaned_data.get(f"audience_{audience}")
            if value in (NAMED, ANONYMOUS):
                result[audience] = value == ANONYMOUS
        return result

    def research_use(self) -> bool | None:
        if not self.kind.allow_research_use:
            return None
        return bool(self.cleaned_data.get("research_use"))
