"""Forms for research projects, the codebook, coding, the matrix and exports."""

from __future__ import annotations

from typing import Any

from django import forms

from people.models import Role, User
from research.analysis.models import ProjectItem, ResearchProject, Theme
from research.analysis.spans import Span, parse_span


class ProjectForm(forms.ModelForm):
    class Meta:
        model = ResearchProject
        fields = ["name", "description"]

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if len(name) < 2:
            raise forms.ValidationError("Write at least two letters.")
        return name


class ResearcherAddForm(forms.Form):
    person = forms.ModelChoiceField(
        label="Add a researcher to the project",
        queryset=User.objects.none(),
        empty_label="Choose a researcher",
        help_text="They will see the project's items, codebook, matrix and the list of exports.",
    )

    def __init__(self, *args: Any, project: ResearchProject, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["person"]
        field.queryset = (
            User.objects.filter(is_active=True, roles__contains=[Role.RESEARCHER])
            .exclude(pk__in=project.researchers.values("pk"))
            .order_by("display_name")
        )


def _theme_label(theme: Theme) -> str:
    return theme.name


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["name", "description", "parent"]
        labels = {
            "name": "Name of the theme or code",
            "description": "What it means (optional)",
            "parent": "Under (optional)",
        }
        help_texts = {"parent": "Leave empty for a theme of its own."}

    def __init__(self, *args: Any, project: ResearchProject, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.project = project
        parent: Any = self.fields["parent"]
        choices = Theme.objects.filter(project=project)
        if self.instance.pk:
            choices = choices.exclude(pk=self.instance.pk)
        parent.queryset = choices
        parent.empty_label = "Nothing: a theme of its own"
        parent.label_from_instance = _theme_label

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("Write a name.")
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        name, parent = data.get("name"), data.get("parent")
        if name:
            same = Theme.objects.filter(project=self.project, parent=parent, name__iexact=name)
            if self.instance.pk:
                same = same.exclude(pk=self.instance.pk)
            if same.exists():
                self.add_error("name", "There is a theme with this name there already.")
        return data


class CodingForm(forms.Form):
    """Choose sentences or paragraphs (checkboxes), or a selection a script turned into
    offsets; then one or more codes, and a memo."""

    spans = forms.MultipleChoiceField(
        label="Which words?", required=False, widget=forms.CheckboxSelectMultiple
    )
    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    themes = forms.ModelMultipleChoiceField(
        label="Codes",
        queryset=Theme.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one code."},
    )
    memo = forms.CharField(
        label="Memo (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Your note on this passage. It goes into exports of the project.",
    )

    def __init__(
        self, *args: Any, item: ProjectItem, span_choices: list[tuple[str, str]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.item = item
        spans: Any = self.fields["spans"]
        spans.choices = span_choices
        themes: Any = self.fields["themes"]
        themes.queryset = Theme.objects.filter(project=item.project_id)
        themes.label_from_instance = _theme_label

    def chosen_spans(self) -> list[Span]:
        data = self.cleaned_data
        if data.get("start") is not None and data.get("end") is not None:
            span = parse_span(f"{data['start']}:{data['end']}", len(self.item.text))
            return [span] if span else []
        return [
            span
            for value in data.get("spans", [])
            if (span := parse_span(value, len(self.item.text)))
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not self.chosen_spans():
            raise forms.ValidationError(
                "Choose the words to code: tick sentences or paragraphs, or select words."
            )
        return data


class MatrixCellForm(forms.Form):
    summary = forms.CharField(
        label="Summary",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="In your words: what this case says about this theme. Leave empty to clear.",
    )
