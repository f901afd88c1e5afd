from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.http import QueryDict
from django.utils import timezone

from meetings.models import Meeting
from reflections.ids import parse_ids
from reflections.models import ContentWarning, ReflectionPrompt
from reflections.services import NoteContent

BODY_MAX_LENGTH = 50_000
ANSWER_MAX_LENGTH = 5_000
# Longest a single typed value may be in a kept draft: generous, but bounded.
DRAFT_VALUE_MAX_LENGTH = 100_000
# Meetings offered when writing: notes are mostly written soon after a meeting.
MEETING_DAYS_BACK = 120

NOTHING_WRITTEN = "Write something in your note, or answer at least one question."


def meetings_to_offer(*also: Any) -> QuerySet[Meeting]:
    """Recent meetings (and today's), newest first, plus any already chosen."""
    now = timezone.now()
    condition = Q(starts_at__gte=now - timedelta(days=MEETING_DAYS_BACK)) & Q(
        starts_at__lte=now + timedelta(days=1)
    )
    chosen = parse_ids(str(value) for value in also if value)
    if chosen:
        condition |= Q(pk__in=chosen)
    return Meeting.objects.filter(condition).order_by("-starts_at")


def answer_field_name(prompt: ReflectionPrompt) -> str:
    return f"answer_{prompt.pk}"


class NoteForm(forms.Form):
    """One form for writing freely and for answering prompts.

    `prompts` are the questions this note answers: one short answer box each.
    With prompts the note's own text is optional.
    """

    title = forms.CharField(label="Title (optional)", max_length=200, required=False)
    body = forms.CharField(
        label="Your note",
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=BODY_MAX_LENGTH,
        required=False,
        strip=False,
        help_text="You can use *stars* for emphasis, - for lists and > for quotes.",
    )
    meeting = forms.ModelChoiceField(
        label="Which meeting is it about? (optional)",
        queryset=Meeting.objects.none(),
        required=False,
        empty_label="Not about a meeting",
    )
    content_warnings = forms.MultipleChoiceField(
        label="Content warnings (optional)",
        choices=ContentWarning.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="If you share this note, others see these warnings first and choose "
        "whether to read it. You always see your own note.",
    )
    content_warning_words = forms.CharField(
        label="A content warning in your own words (optional)",
        max_length=200,
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        prompts: Iterable[ReflectionPrompt] = (),
        meetings: QuerySet[Meeting] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.prompts = list(prompts)
        meeting_field: Any = self.fields["meeting"]
        if meetings is None or not meetings.exists():
            del self.fields["meeting"]
        else:
            meeting_field.queryset = meetings
        answers = {
            answer_field_name(prompt): forms.CharField(
                label=prompt.text,
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=ANSWER_MAX_LENGTH,
                required=False,
            )
            for prompt in self.prompts
        }
        if answers:
            # The short answers come first; the note's own text becomes "anything else".
            self.fields = {"title": self.fields.pop("title"), **answers, **self.fields}
            self.fields["body"].label = "Anything else you want to say (optional)"

    @property
    def answer_fields(self) -> list[forms.BoundField]:
        return [self[answer_field_name(prompt)] for prompt in self.prompts]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        answered = any(
            (cleaned.get(answer_field_name(prompt)) or "").strip() for prompt in self.prompts
        )
        if not (cleaned.get("body") or "").strip() and not answered:
            self.add_error("body", NOTHING_WRITTEN)
        return cleaned

    def content(self) -> NoteContent:
        data = self.cleaned_data
        return NoteContent(
            title=data["title"].strip(),
            body=data["body"].strip(),
            meeting=data.get("meeting"),
            content_warnings=data["content_warnings"],
            content_warning_words=data["content_warning_words"].strip(),
            answers=[(prompt, data[answer_field_name(prompt)]) for prompt in self.prompts],
        )


def draft_from_post(post: QueryDict, prompts: Iterable[ReflectionPrompt]) -> dict[str, Any]:
    """What was typed, as typed, to keep as a draft. Nothing is checked but size."""

    def typed(name: str) -> str:
        return str(post.get(name, ""))[:DRAFT_VALUE_MAX_LENGTH]

    prompts = list(prompts)
    return {
        "title": typed("title"),
        "body": typed("body"),
        "meeting": typed("meeting"),
        "content_warnings": [
            value for value in post.getlist("content_warnings") if value in ContentWarning.values
        ],
        "content_warning_words": typed("content_warning_words"),
        "prompts": [str(prompt.pk) for prompt in prompts],
        "answers": {str(prompt.pk): typed(answer_field_name(prompt)) for prompt in prompts},
    }


def initial_from_draft(data: Mapping[str, Any]) -> dict[str, Any]:
    initial = {
        name: data.get(name, "") for name in ("title", "body", "meeting", "content_warning_words")
    }
    initial["content_warnings"] = list(data.get("content_warnings", []))
    for prompt_id, text in dict(data.get("answers", {})).items():
        initial[f"answer_{prompt_id}"] = text
    return initial


class PromptChoiceForm(forms.Form):
    prompt = forms.ModelMultipleChoiceField(
        label="Which questions would you like to answer?",
        queryset=ReflectionPrompt.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one question."},
    )


class NoteFilterForm(forms.Form):
    q = forms.CharField(label="Words to look for", max_length=200, required=False)
    meeting = forms.ModelChoiceField(
        label="Meeting", queryset=Meeting.objects.none(), required=False, empty_label="Any"
    )
    prompt = forms.ModelChoiceField(
        label="Question answered",
        queryset=ReflectionPrompt.objects.all(),
        required=False,
        empty_label="Any",
    )

    def __init__(self, *args: Any, meetings: QuerySet[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting_field: Any = self.fields["meeting"]
        meeting_field.queryset = meetings


class PromptForm(forms.ModelForm):
    class Meta:
        model = ReflectionPrompt
        fields = ["text", "position", "is_active"]
