"""The group's meetings: series, RSVPs, attendance, payments, agenda, minutes.

Minutes are an item of the consent ledger (only those they are shared with
read them); observation consent answers are read through meetings/observation.py.
See docs/meetings.md.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Where(models.Model):
    """Where a meeting happens, and what the place offers."""

    place = models.TextField(blank=True)
    step_free = models.BooleanField(default=False)
    quiet_room = models.BooleanField(default=False)
    creche = models.BooleanField(default=False)
    access_notes = models.TextField(blank=True)
    online_url = models.URLField(blank=True)

    class Meta:
        abstract = True

    @property
    def access_features(self) -> list[str]:
        features = []
        if self.step_free:
            features.append("Step-free access")
        if self.quiet_room:
            features.append("A quiet room")
        if self.creche:
            features.append("A creche")
        return features

    WHERE_FIELDS = ("place", "step_free", "quiet_room", "creche", "access_notes", "online_url")

    def where(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.WHERE_FIELDS}


class Series(Where):
    """Meetings that repeat. The rule is an RFC 5545 RRULE (without DTSTART),
    applied to `first_date` at `start_time`, Europe/London wall-clock time:
    18:00 stays 18:00 across the clock changes (meetings/recurrence.py)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    rule = models.CharField(max_length=200, help_text="RFC 5545 RRULE, e.g. FREQ=WEEKLY;INTERVAL=2")
    first_date = models.DateField()
    start_time = models.TimeField(help_text="Europe/London wall-clock time.")
    duration = models.DurationField()
    # Occurrences exist up to this date; the daily task and facilitators plan further.
    planned_until = models.DateField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["first_date"]
        verbose_name_plural = "series"

    def __str__(self) -> str:
        from meetings.recurrence import describe_rule

        return f"{describe_rule(self.rule)} at {self.start_time:%H:%M}"


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def upcoming(self, now: datetime | None = None) -> MeetingQuerySet:
        """Meetings that have not finished yet, cancelled ones included."""
        return self.filter(ends_at__gt=now or timezone.now()).order_by("starts_at")

    def past(self, now: datetime | None = None) -> MeetingQuerySet:
        return self.filter(ends_at__lte=now or timezone.now()).order_by("-starts_at")

    def not_cancelled(self) -> MeetingQuerySet:
        return self.filter(cancelled_at__isnull=True)


class Meeting(Where):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancellation_message = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    series = models.ForeignKey(
        Series, on_delete=models.PROTECT, null=True, blank=True, related_name="meetings"
    )
    # The slot in the series this meeting fills (iCalendar's RECURRENCE-ID). It
    # stays when the meeting is moved, so planning ahead never fills it twice.
    original_start = models.DateTimeField(null=True, blank=True)
    # iCalendar SEQUENCE: one more each time the time, place or status changes.
    sequence = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # A researcher who will observe the meeting, once everyone has been asked.
    observer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings_to_observe",
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["starts_at"]), models.Index(fields=["ends_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["series", "original_start"], name="meetings_one_meeting_per_slot"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meetings_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        # Neutral on purpose: titles show in calendars and on shared screens.
        return f"Group meeting, {timezone.localtime(self.starts_at):%-d %B %Y}"

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_moved(self) -> bool:
        return self.original_start is not None and self.original_start != self.starts_at

    def has_started(self, now: datetime | None = None) -> bool:
        return self.starts_at <= (now or timezone.now())

    def has_ended(self, now: datetime | None = None) -> bool:
        return self.ends_at <= (now or timezone.now())

    @property
    def local_date(self) -> date:
        return timezone.localtime(self.starts_at).date()


class Rsvp(models.Model):
    """A person's answer for one meeting, and what would help them come.

    The needs are private to facilitators (and the person): meetings/views.py
    shows them only on facilitator pages.
    """

    class Answer(models.TextChoices):
        GOING = "going", "Going"
        MAYBE = "maybe", "Maybe"
        NOT_GOING = "not_going", "Not going"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="rsvps")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_rsvps"
    )
    answer = models.CharField(max_length=10, choices=Answer.choices)
    travel_costs = models.BooleanField(default=False)
    childcare = models.BooleanField(default=False)
    dietary = models.CharField(max_length=300, blank=True)
    access = models.CharField(max_length=300, blank=True)
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="meetings_one_rsvp_each")
        ]

    def __str__(self) -> str:
        return f"{self.get_answer_display()} ({self.meeting})"

    @property
    def has_needs(self) -> bool:
        return bool(self.travel_costs or self.childcare or self.dietary or self.access)


class Attendance(models.Model):
    """Someone came to a meeting, as a facilitator recorded it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="attendances")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="meeting_attendances"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="meetings_attended_once")
        ]

    def __str__(self) -> str:
        return f"Attendance at {self.meeting}"


def default_payment_amount() -> Decimal:
    return Decimal(settings.MEETING_PAYMENT_AMOUNT)


class Payment(models.Model):
    """A voucher or payment for a member with lived experience, per attended meeting."""

    class Kind(models.TextChoices):
        VOUCHER = "voucher", "Voucher"
        BANK_TRANSFER = "bank_transfer", "Bank transfer"
        CASH = "cash", "Cash"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="payments")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="meeting_payments"
    )
    amount = models.DecimalField(max_digits=7, decimal_places=2, default=default_payment_amount)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.VOUCHER)
    issued = models.BooleanField(default=False)
    issued_on = models.DateField(null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "person"], name="meetings_one_payment_each"),
            models.CheckConstraint(
                condition=Q(issued=False) | Q(issued_on__isnull=False),
                name="meetings_issued_payment_has_date",
            ),
            models.CheckConstraint(
                condition=Q(amount__gte=0), name="meetings_payment_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.meeting}"


class FinanceExport(models.Model):
    """A facilitator downloaded the payments list for the finance team. Appended only:
    members see each download that included their payments."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    exported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    exported_at = models.DateTimeField(default=timezone.now)
    first_day = models.DateField()
    last_day = models.DateField()
    people = models.JSONField(default=list, help_text="Ids of the people listed.")

    class Meta:
        ordering = ["-exported_at"]

    def __str__(self) -> str:
        return f"Payments {self.first_day} to {self.last_day}"


class GroupAgreement(models.Model):
    """The group's ground rules. Each change adds a version; the newest is shown."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    text = models.TextField()
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-written_at"]

    def __str__(self) -> str:
        return f"Group agreement of {timezone.localtime(self.written_at):%-d %B %Y}"


class MeetingSettings(models.Model):
    """One person's meeting settings: reminders and their private calendar link."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="meeting_settings",
    )
    reminders = models.BooleanField(
        "email me a reminder before each meeting",
        default=True,
    )
    calendar_shows_place = models.BooleanField(
        "show the place and online link in my calendar",
        default=False,
        help_text="Off: your calendar says only 'Group meeting' and the time. "
        "Someone who sees your calendar then does not see where you go.",
    )
    # The secret in the private calendar link. Empty: no link works.
    calendar_token = models.CharField(max_length=64, null=True, blank=True, unique=True)
    calendar_token_created_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "meeting settings"

    def __str__(self) -> str:
        return "Meeting settings"


class ReminderSent(models.Model):
    """A reminder went to a person for a meeting at this time. The unique
    constraint is what makes a second run of the task send nothing."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # A meeting moved to another time gets a reminder for its new time.
    starts_at = models.DateTimeField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person", "starts_at"], name="meetings_remind_once"
            )
        ]

    def __str__(self) -> str:
        return f"Reminder for {self.meeting}"


# The agenda, observation answers, and minutes with their decisions and actions live in
# their own modules; importing them here keeps `meetings.models.Minutes` working and registers
# them with the app.
from meetings.agenda.models import AgendaItem  # noqa: E402
from meetings.minutes.models import Action, Decision, Minutes, MinutesManager  # noqa: E402
from meetings.observation import ObservationAnswer  # noqa: E402

__all__ = [
    "Action",
    "AgendaItem",
    "Attendance",
    "Decision",
    "FinanceExport",
    "GroupAgreement",
    "Meeting",
    "MeetingQuerySet",
    "MeetingSettings",
    "Minutes",
    "MinutesManager",
    "ObservationAnswer",
    "Payment",
    "ReminderSent",
    "Rsvp",
    "Series",
    "Where",
    "default_payment_amount",
]


class AttendanceRemoved(models.Model):
    """A facilitator took someone off the record of who came, after being asked to confirm:
    she sees it in *My meetings and payments*, with what happened to her voucher."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attendance_removals"
    )
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    removed_at = models.DateTimeField(default=timezone.now)
    # A voucher or payment not yet given was cancelled with it (one already given stays).
    payment_cancelled = models.BooleanField(default=False)
    payment_kept = models.BooleanField(default=False)

    class Meta:
        ordering = ["-removed_at"]

    def __str__(self) -> str:
        return f"Attendance removed {str(self.pk)[:8]}"
