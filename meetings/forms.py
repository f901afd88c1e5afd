from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from django import forms
from django.utils import timezone

from bridging_gaps.clock import london
from meetings.models import MeetingSettings, Payment, Rsvp, Series
from meetings.recurrence import Repeat, build_rule
from people.models import Role, User


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%H:%M", **kwargs)


DURATIONS = [
    (60, "1 hour"),
    (90, "1 hour 30 minutes"),
    (120, "2 hours"),
    (150, "2 hours 30 minutes"),
    (180, "3 hours"),
]


def group_people() -> Any:
    return User.objects.filter(is_active=True).exclude(roles=[]).order_by("display_name")


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class WhereForm(forms.Form):
    """The place of a meeting: an address with what it offers, or a link, or both."""

    place = forms.CharField(
        label="Address",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Where people come to. Everyone in the group sees it on the meeting page.",
    )
    step_free = forms.BooleanField(label="Step-free access", required=False)
    quiet_room = forms.BooleanField(label="A quiet room", required=False)
    creche = forms.BooleanField(label="A creche", required=False)
    access_notes = forms.CharField(
        label="Other notes about the place (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="For example: the nearest bus stop, or which door to use.",
    )
    online_url = forms.URLField(
        label="Online link (optional)",
        required=False,
        assume_scheme="https",
        help_text="A video call link, for people who join from home.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        nowhere = not cleaned.get("place", "").strip() and not cleaned.get("online_url")
        if nowhere and "online_url" not in self.errors:
            self.add_error("place", "Give an address, an online link, or both.")
        return cleaned

    def where(self) -> dict[str, Any]:
        return {
            "place": self.cleaned_data["place"].strip(),
            "step_free": self.cleaned_data["step_free"],
            "quiet_room": self.cleaned_data["quiet_room"],
            "creche": self.cleaned_data["creche"],
            "access_notes": self.cleaned_data["access_notes"].strip(),
            "online_url": self.cleaned_data["online_url"],
        }


class SeriesForm(WhereForm):
    first_date = forms.DateField(label="Date of the first meeting", widget=DateInput())
    start_time = forms.TimeField(
        label="Start time", initial=time(18, 0), widget=TimeInput(), help_text="UK time."
    )
    duration = forms.TypedChoiceField(label="How long", choices=DURATIONS, coerce=int, initial=120)
    repeat = forms.ChoiceField(
        label="How often",
        choices=Repeat.choices,
        initial=Repeat.FORTNIGHTLY,
        widget=forms.RadioSelect,
    )
    last_date = forms.DateField(
        label="Date of the last meeting (optional)",
        required=False,
        widget=DateInput(),
        help_text="Leave it empty to keep going: meetings are planned a year ahead, "
        "and further as time goes on.",
    )

    field_order = ["first_date", "start_time", "duration", "repeat", "last_date"]

    def clean_first_date(self) -> date:
        first: date = self.cleaned_data["first_date"]
        if first < timezone.localdate():
            raise forms.ValidationError("The first meeting must be today or later.")
        return first

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        first, last = cleaned.get("first_date"), cleaned.get("last_date")
        if first and last and last < first:
            self.add_error("last_date", "The last meeting must be on or after the first.")
        return cleaned

    def rule(self) -> str:
        data = self.cleaned_data
        return build_rule(data["repeat"], data["first_date"], data.get("last_date"))

    def series_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "rule": self.rule(),
            "first_date": data["first_date"],
            "start_time": data["start_time"],
            "duration": timedelta(minutes=data["duration"]),
            "where": self.where(),
        }


class MeetingForm(WhereForm):
    """One meeting: add an extra one, or move or change one."""

    day = forms.DateField(label="Date", widget=DateInput())
    start_time = forms.TimeField(label="Start time", widget=TimeInput(), help_text="UK time.")
    end_time = forms.TimeField(label="End time", widget=TimeInput())

    field_order = ["day", "start_time", "end_time"]

    def __init__(self, *args: Any, adding: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.adding = adding
        if adding:
            self.fields["series"] = forms.ModelChoiceField(
                label="Part of a series (optional)",
                queryset=Series.objects.order_by("-first_date"),
                required=False,
                empty_label="No: a meeting on its own",
            )

    @classmethod
    def initial_for(cls, meeting: Any) -> dict[str, Any]:
        starts, ends = timezone.localtime(meeting.starts_at), timezone.localtime(meeting.ends_at)
        return {
            **meeting.where(),
            "day": starts.date(),
            "start_time": starts.time(),
            "end_time": ends.time(),
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        day, start, end = cleaned.get("day"), cleaned.get("start_time"), cleaned.get("end_time")
        if day and self.adding and day < timezone.localdate():
            self.add_error("day", "The meeting must be today or later.")
        if start and end and end <= start:
            self.add_error("end_time", "The meeting must end after it starts.")
        return cleaned

    def times(self) -> tuple[datetime, datetime]:
        data = self.cleaned_data
        return (
            london(datetime.combine(data["day"], data["start_time"])),
            london(datetime.combine(data["day"], data["end_time"])),
        )


class CancelForm(forms.Form):
    message = forms.CharField(
        label="Message for the group",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Everyone in the group sees it on the meeting page. "
        "Say why if you can, and when the group meets next.",
    )


class RsvpForm(forms.ModelForm):
    answer = forms.ChoiceField(
        label="Are you coming?", choices=Rsvp.Answer.choices, widget=forms.RadioSelect
    )

    class Meta:
        model = Rsvp
        fields = ["answer", "travel_costs", "childcare", "dietary", "access"]
        labels = {
            "travel_costs": "Help with travel costs",
            "childcare": "Childcare",
            "dietary": "Food: anything you cannot eat (optional)",
            "access": "Access: anything that would make it easier (optional)",
        }


class AttendanceForm(forms.Form):
    people = PeopleChoiceField(
        label="Who came",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, people: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["people"]
        assert isinstance(field, PeopleChoiceField)
        field.queryset = people


class PaymentForm(forms.ModelForm):
    class Meta:
        model = Payment
        fields = ["amount", "kind", "issued", "issued_on"]
        labels = {
            "amount": "Amount (£)",
            "kind": "Type",
            "issued": "Issued",
            "issued_on": "Date issued",
        }
        widgets = {"issued_on": DateInput()}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("issued") and not cleaned.get("issued_on"):
            self.add_error("issued_on", "Give the date it was issued.")
        return cleaned


PaymentFormSet = forms.modelformset_factory(Payment, form=PaymentForm, extra=0)


class FinanceExportForm(forms.Form):
    first_day = forms.DateField(label="From", widget=DateInput())
    last_day = forms.DateField(label="To (included)", widget=DateInput())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        first, last = cleaned.get("first_day"), cleaned.get("last_day")
        if first and last and last < first:
            self.add_error("last_day", "The end of the range must be on or after its start.")
        return cleaned


class AgreementForm(forms.Form):
    text = forms.CharField(
        label="The group agreement",
        widget=forms.Textarea(attrs={"rows": 14}),
        help_text="One rule per line reads best on a phone.",
    )


class MeetingSettingsForm(forms.ModelForm):
    class Meta:
        model = MeetingSettings
        fields = ["reminders", "calendar_shows_place"]
        labels = {
            "reminders": "Email me a reminder before each meeting",
            "calendar_shows_place": "Show the place and online link in my calendar",
        }


class ObserverForm(forms.Form):
    observer = PersonChoiceField(
        label="Researcher who will observe",
        queryset=User.objects.filter(is_active=True, roles__contains=[Role.RESEARCHER]).order_by(
            "display_name"
        ),
        required=False,
        empty_label="Nobody",
    )
