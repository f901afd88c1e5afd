"""Changing who can see something: one clear question per choice (GOV.UK's radios and
checkboxes), never overlapping options.

1. Who can see it? Only me / everyone in the group / only some people (then: which).
2. With my name or without it? (for kinds that can be shared without a name)
3. Research: may researchers include it, anonymised, in exports? (for kinds that allow it)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms

from consent.models import Audience
from consent.registry import ItemKind

if TYPE_CHECKING:
    from consent.items import ShareableItem

ONLY_ME = "only_me"
GROUP = "group"
SOME = "some"
NAMED = "named"
ANONYMOUS = "anonymous"

AUDIENCE_CHOICE_LABELS = {
    Audience.MEMBERS: "Members with lived experience",
    Audience.GPS: "GPs",
    Audience.RESEARCHERS: "Researchers",
    Audience.SUPPORT_WORKERS: "Support workers",
    Audience.FACILITATORS: "Facilitators",
}


class ShareForm(forms.Form):
    def __init__(
        self, *args: Any, kind: ItemKind, item: ShareableItem | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        # Only the audiences the item may be shared with now are offered.
        allowed = kind.audiences_for(item)
        self.some = [a for a in allowed if a in AUDIENCE_CHOICE_LABELS]
        who = [(ONLY_ME, "Only me")]
        if Audience.GROUP in allowed:
            who.append((GROUP, "Everyone in the group"))
        if self.some:
            who.append((SOME, "Only some people"))
        self.fields["who"] = forms.ChoiceField(
            label="Who can see it?",
            choices=who,
            widget=forms.RadioSelect,
            error_messages={"required": "Choose who can see it."},
        )
        self.fields["audiences"] = forms.MultipleChoiceField(
            label="Which people?",
            choices=[(a, AUDIENCE_CHOICE_LABELS[Audience(a)]) for a in self.some],
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text="Only if you chose “Only some people”. Tick every one that applies.",
        )
        if kind.allow_anonymous:
            self.fields["name"] = forms.ChoiceField(
                label="Show your name with it?",
                choices=[
                    (NAMED, "Yes, show my name"),
                    (ANONYMOUS, "No, they see “a member” (or your role) instead"),
                ],
                widget=forms.RadioSelect,
                required=False,
                help_text="Only if other people can see it.",
            )
        if kind.allow_research_use:
            self.fields["research_use"] = forms.BooleanField(
                label="Researchers may include it in research exports, with every name taken out",
                required=False,
                help_text="This does not let researchers read it here. A sentence that names "
                "someone else goes in only if she said yes to research use of what others write "
                "about her. You can take this back at any time.",
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        who = data.get("who")
        if who == SOME and not data.get("audiences"):
            self.add_error("audiences", "Choose at least one group of people.")
        if (
            who in (GROUP, SOME)
            and self.kind.allow_anonymous
            and data.get("name") not in (NAMED, ANONYMOUS)
        ):
            self.add_error("name", "Choose whether they see your name.")
        return data

    @classmethod
    def initial_from(cls, shares: list[Any]) -> dict[str, Any]:
        viewing = [share for share in shares if share.audience != Audience.RESEARCH_USE]
        initial: dict[str, Any] = {
            "research_use": any(s.audience == Audience.RESEARCH_USE for s in shares),
            "who": ONLY_ME,
        }
        if any(share.audience == Audience.GROUP for share in viewing):
            initial["who"] = GROUP
        elif viewing:
            initial["who"] = SOME
            initial["audiences"] = [share.audience for share in viewing]
        if viewing:
            initial["name"] = ANONYMOUS if any(s.anonymous for s in viewing) else NAMED
        return initial

    def wanted(self) -> dict[str, bool]:
        """audience -> anonymous, as chosen."""
        who = self.cleaned_data.get("who")
        anonymous = self.kind.allow_anonymous and self.cleaned_data.get("name") == ANONYMOUS
        if who == GROUP:
            return {Audience.GROUP: anonymous}
        if who == SOME:
            return {audience: anonymous for audience in self.cleaned_data.get("audiences", [])}
        return {}

    def research_use(self) -> bool | None:
        if not self.kind.allow_research_use:
            return None
        return bool(self.cleaned_data.get("research_use"))
