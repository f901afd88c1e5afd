from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms

from research.names.models import OtherName, SensitiveTerm

if TYPE_CHECKING:
    from people.models import User


class SensitiveTermForm(forms.ModelForm):
    class Meta:
        model = SensitiveTerm
        fields = ["term", "label", "note"]

    def clean_term(self) -> str:
        term = " ".join(self.cleaned_data["term"].split())
        if len(term) < 2:
            raise forms.ValidationError("Write at least two letters.")
        others = SensitiveTerm.objects.filter(term__iexact=term)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError("This is on the list already.")
        return term


class OtherNameForm(forms.ModelForm):
    class Meta:
        model = OtherName
        fields = ["name"]
        labels = {"name": "A name you are also known by"}
        help_texts = {"name": "For example your full name, a nickname, or a name you used before."}

    def __init__(self, *args: Any, person: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.person = person

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if len(name) < 2:
            raise forms.ValidationError("Write at least two letters.")
        if self.person.other_names.filter(name__iexact=name).exists():
            raise forms.ValidationError("You have added this name already.")
        return name
