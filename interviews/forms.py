from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat

from interviews.audio import ACCEPTED_FORMATS, Detected, NotAudio, identify
from interviews.models import ConsentItem, Interview, Passage
from interviews.transcripts import UnreadableTranscript, read_file, split_passages
from people.models import User

YES_NO = [("yes", "Yes"), ("no", "No")]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class InterviewForm(forms.ModelForm):
    class Meta:
        model = Interview
        fields = ["topic", "date", "mode"]
        labels = {"topic": "What the interview is about", "mode": "How it takes place"}
        widgets = {"date": DateInput(), "mode": forms.RadioSelect}


class PlanInterviewForm(InterviewForm):
    """Who is interviewed: a person in the workspace, or an outside participant's code."""

    interviewee = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label="Person interviewed",
        empty_label="Someone without an account here",
        help_text="She will own the interview: she sees it, reviews her transcript and "
        "chooses who else sees it.",
    )

    class Meta(InterviewForm.Meta):
        fields = ["interviewee", "participant_code", "topic", "date", "mode"]
        labels = {
            **InterviewForm.Meta.labels,
            "participant_code": "Or, for someone without an account: a participant code",
        }

    def __init__(self, *args: Any, interviewer: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["interviewee"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(is_active=True)
            .exclude(roles=[])
            .exclude(pk=interviewer.pk)
            .order_by("display_name")
        )
        self.order_fields(["interviewee", "participant_code", "topic", "date", "mode"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        person, code = data.get("interviewee"), (data.get("participant_code") or "").strip()
        # Errors go on a field, so the model's own check of the same rule stays quiet.
        if person is not None and code:
            self.add_error(
                "participant_code", "Choose a person or give a participant code, not both."
            )
        if person is None and not code and "interviewee" not in self.errors:
            self.add_error(
                "participant_code",
                "Choose the person interviewed, or give a participant code for someone "
                "without an account.",
            )
        data["participant_code"] = code
        return data


class ConsentFormEntry(forms.Form):
    """The paper (or online) consent form, copied in by the researcher."""

    information_sheet_version = forms.CharField(
        label="Version of the participant information sheet",
        max_length=40,
        help_text="As printed on the sheet the participant read, for example 2.1.",
    )
    signed_on = forms.DateField(label="Date the form was filled in", widget=DateInput())

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item in ConsentItem:
            self.fields[item.value] = forms.ChoiceField(
                label=item.label,
                choices=YES_NO,
                widget=forms.RadioSelect,
                error_messages={"required": "Choose yes or no, as on the form."},
            )

    def answers(self) -> dict[str, bool]:
        return {item.value: self.cleaned_data[item.value] == "yes" for item in ConsentItem}


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Anything you want to say about it (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only you and the interviewer see this.",
    )


class RecordingForm(forms.Form):
    file = forms.FileField(
        label="Audio file",
        help_text=f"{ACCEPTED_FORMATS}. What is inside the file is checked, not its name.",
        widget=forms.ClearableFileInput(attrs={"accept": "audio/*"}),
    )

    detected: Detected

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = settings.INTERVIEW_AUDIO_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"This file is {filesizeformat(upload.size)}. The largest recording the "
                f"workspace takes is {filesizeformat(limit)}: save it at a lower quality "
                "(for example as MP3 or M4A) and try again.",
                code="too_large",
            )
        try:
            self.detected = identify(upload)
        except NotAudio as error:
            raise forms.ValidationError(str(error), code="not_audio") from error
        return upload


class TranscriptForm(forms.Form):
    text = forms.CharField(
        label="Paste the transcript",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text="Leave a blank line between speakers' turns or paragraphs: "
        "each one is a passage the interviewee can keep or take out.",
    )
    file = forms.FileField(
        label="Or choose a file",
        required=False,
        help_text="A plain text file (.txt) or a Word document (.docx).",
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".txt,.docx,text/plain,"
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if upload is None:
            return None
        limit = settings.INTERVIEW_TRANSCRIPT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"This file is {filesizeformat(upload.size)}. The largest transcript file "
                f"the workspace takes is {filesizeformat(limit)}.",
                code="too_large",
            )
        try:
            self.cleaned_data["file_text"] = read_file(upload)
        except UnreadableTranscript as error:
            raise forms.ValidationError(str(error), code="unreadable") from error
        return upload

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.errors:
            return data
        pasted = (data.get("text") or "").strip()
        from_file = data.get("file_text")
        if pasted and from_file is not None:
            raise forms.ValidationError("Paste the text or choose a file, not both.")
        transcript = from_file if from_file is not None else pasted
        if not transcript:
            raise forms.ValidationError("Paste the transcript or choose a file.")
        try:
            split_passages(transcript)
        except UnreadableTranscript as error:
            raise forms.ValidationError(str(error)) from error
        data["transcript"] = transcript
        return data


class ReviewForm(forms.Form):
    """One "take this out" box and one comment per passage."""

    def __init__(self, *args: Any, passages: list[Passage], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.passages = passages
        for passage in passages:
            self.fields[f"out_{passage.pk}"] = forms.BooleanField(
                label=f"Take passage {passage.position} out",
                required=False,
                initial=passage.is_taken_out,
            )
            self.fields[f"comment_{passage.pk}"] = forms.CharField(
                label=f"Why (optional) for passage {passage.position}",
                required=False,
                max_length=2000,
                initial=passage.comment,
            )

    def rows(self) -> list[dict[str, Any]]:
        return [
            {
                "passage": passage,
                "out": self[f"out_{passage.pk}"],
                "comment": self[f"comment_{passage.pk}"],
            }
            for passage in self.passages
        ]

    def choices(self) -> dict[Any, tuple[bool, str]]:
        return {
            passage.pk: (
                bool(self.cleaned_data[f"out_{passage.pk}"]),
                self.cleaned_data[f"comment_{passage.pk}"].strip(),
            )
            for passage in self.passages
        }
