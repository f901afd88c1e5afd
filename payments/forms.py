from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from payments.models import Activity, Claim, PaymentChoice, Rate
from people.models import User

# What a receipt may be, by what is inside the file (its first bytes), not its name.
RECEIPT_TYPES = {
    b"\xff\xd8\xff": "image/jpeg",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"%PDF-": "application/pdf",
}


def receipt_type(head: bytes) -> str | None:
    for magic, content_type in RECEIPT_TYPES.items():
        if head.startswith(magic):
            return content_type
    # HEIC, as iPhones take photos: an ISO box "ftyp" with a HEIF brand.
    if head[4:8] == b"ftyp" and head[8:12] in {b"heic", b"heix", b"mif1", b"msf1"}:
        return "image/heic"
    return None


class ChoiceForm(forms.Form):
    method = forms.ChoiceField(
        label="How would you like to be paid?",
        choices=PaymentChoice.Method.choices,
        widget=forms.RadioSelect,
    )
    voucher_kind = forms.CharField(
        label="Which voucher? (optional, for a voucher only)",
        max_length=80,
        required=False,
        help_text="For example a supermarket or a shop.",
    )
    benefits_notice_seen = forms.BooleanField(
        label="I have read what payments can mean for benefits",
        required=False,
    )


class ClaimForm(forms.Form):
    category = forms.ChoiceField(
        label="What did you spend it on?", choices=Claim.Category.choices, widget=forms.RadioSelect
    )
    amount = forms.DecimalField(
        label="Amount in pounds", min_value=0.01, max_value=9999, decimal_places=2
    )
    what_for = forms.CharField(
        label="What for", max_length=300, help_text="For example: bus to the meeting and back."
    )
    spent_on = forms.DateField(
        label="The day you spent it",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    receipt = forms.FileField(
        label="A photo of the receipt (optional)",
        required=False,
        help_text="A photo (JPEG, PNG or HEIC) or a PDF. Only you and the facilitators can see it.",
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}),
    )

    detected_type: str = ""

    def clean_spent_on(self) -> Any:
        day = self.cleaned_data["spent_on"]
        if day > timezone.localdate():
            raise forms.ValidationError("Give the day you spent it: today or earlier.")
        return day

    def clean_receipt(self) -> Any:
        upload = self.cleaned_data.get("receipt")
        if not upload:
            return None
        limit = settings.PAYMENTS_RECEIPT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                f"This file is {filesizeformat(upload.size)}. The largest receipt the workspace "
                f"takes is {filesizeformat(limit)}: take the photo again at a smaller size."
            )
        head = upload.read(16)
        upload.seek(0)
        detected = receipt_type(head)
        if detected is None:
            raise forms.ValidationError(
                "This file is not a photo or a PDF. Choose a photo (JPEG, PNG or HEIC) or a PDF."
            )
        self.detected_type = detected
        return upload


class ChangeClaimForm(forms.Form):
    amount = forms.DecimalField(
        label="Amount in pounds", min_value=0.01, max_value=9999, decimal_places=2
    )
    what_for = forms.CharField(label="What for", max_length=300)


class QuestionForm(forms.Form):
    question = forms.CharField(
        label="What would you like to know? (she will read this)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PaidForm(forms.Form):
    paid_on = forms.DateField(
        label="Paid on", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    method = forms.ChoiceField(
        label="How it was paid",
        choices=[c for c in PaymentChoice.Method.choices if c[0] != PaymentChoice.Method.DECLINE],
    )


class RateForm(forms.Form):
    activity = forms.ChoiceField(label="Activity", choices=Activity.choices)
    basis = forms.ChoiceField(label="Paid", choices=Rate.Basis.choices, widget=forms.RadioSelect)
    amount = forms.DecimalField(
        label="Amount in pounds", min_value=0, max_value=9999, decimal_places=2
    )
    starts_on = forms.DateField(
        label="From",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class FeeForm(forms.Form):
    person = PersonChoiceField(
        label="Who", queryset=User.objects.none(), empty_label="Choose a person"
    )
    activity = forms.ChoiceField(label="Activity", choices=Activity.choices)
    day = forms.DateField(
        label="The day", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    hours = forms.DecimalField(
        label="Hours (for an activity paid by the hour)",
        required=False,
        min_value=0.25,
        max_value=24,
        decimal_places=2,
    )
    what_for = forms.CharField(label="What it was", max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            User.objects.filter(is_active=True).exclude(roles=[]).order_by("display_name", "pk")
        )


class FinanceForm(forms.Form):
    first_day = forms.DateField(
        label="From", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    last_day = forms.DateField(
        label="To (included)", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    file_format = forms.ChoiceField(
        label="File",
        choices=[("xlsx", "A spreadsheet (XLSX)"), ("csv", "CSV")],
        widget=forms.RadioSelect,
        initial="xlsx",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, last = cleaned.get("first_day"), cleaned.get("last_day")
        if first and last and last < first:
            self.add_error("last_day", "The end of the range must be on or after its start.")
        return cleaned
