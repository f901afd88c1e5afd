"""Interview records (the consent form, the workflow, the recording and the
transcript) and observation notes (at the end; docs/interviews.md).

The interviewee owns her interview (docs/interviews.md). Two kinds of item go
through the consent ledger: the interview (its record and its *reviewed*
transcript) and the recording, which she shares separately because her voice
still says every passage she takes out of the transcript.

The consent form and the workflow steps are ledgers: appended, never edited
(migration 0002 makes PostgreSQL refuse UPDATE and DELETE). They point at the
interview without a database constraint, so deleting an interview leaves them
in place: what was agreed, withdrawn and done, and nothing of what was said.
"""

from __future__ import annotations

import secrets
import uuid
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.formats import date_format

from consent.items import ShareableItem
from consent.registry import ExportText


class Mode(models.TextChoices):
    IN_PERSON = "in_person", "in person"
    PHONE = "phone", "by phone"
    VIDEO = "video", "by video call"


class Status(models.TextChoices):
    PLANNED = "planned", "planned"
    CONSENT_RECORDED = "consent_recorded", "consent recorded"
    CONDUCTED = "conducted", "conducted"
    TRANSCRIBED = "transcribed", "transcribed"
    REVIEWED = "reviewed", "reviewed by the interviewee"
    READY = "ready", "ready for analysis"
    WITHDRAWN = "withdrawn", "withdrawn"


# Once the interviewee has finished her review, the audiences she chose may
# read the transcript (the passages she kept, never the others).
REVIEWED_STATUSES = frozenset({Status.REVIEWED, Status.READY})


class ConsentItem(models.TextChoices):
    TAKING_PART = "taking_part", "Taking part in the interview"
    AUDIO = "audio", "Audio recording of the interview"
    QUOTES = "quotes", "Anonymised quotes in publications"
    FUTURE_RESEARCH = "future_research", "Keeping the data for future research"
    RECONTACT = "recontact", "Being contacted again about research"


class Interview(ShareableItem):
    """One interview. `owner` is the interviewee's account or, for an outside
    participant without one, the interviewer as custodian (a database
    constraint keeps it so)."""

    interviewee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="interviews_given",
    )
    participant_code = models.CharField(
        max_length=40,
        blank=True,
        help_text="For someone without an account here: a code such as P07, never a name.",
    )
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="interviews_conducted"
    )
    topic = models.CharField(
        max_length=200, help_text="What the interview is about. Do not put a name here."
    )
    date = models.DateField("date of the interview")
    mode = models.CharField(max_length=20, choices=Mode.choices)
    # The latest step, kept next to the steps ledger so lists need no join.
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLANNED)
    transcript_saved_at = models.DateTimeField(null=True, blank=True)
    transcript_saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The last time the interviewee had the passages she took out deleted for good.
    originals_deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-date", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(interviewee__isnull=False) & Q(participant_code=""))
                | (Q(interviewee__isnull=True) & ~Q(participant_code="")),
                name="interview_has_one_interviewee",
            ),
            models.CheckConstraint(
                condition=(Q(interviewee__isnull=False) & Q(owner=F("interviewee")))
                | (Q(interviewee__isnull=True) & Q(owner=F("interviewer"))),
                name="interview_owned_by_interviewee_or_custodian",
            ),
            models.CheckConstraint(
                condition=~Q(interviewee=F("interviewer")),
                name="interview_interviewer_is_not_interviewee",
            ),
        ]

    @property
    def title(self) -> str:
        """For people who may see the interview (consent.titles); never its __str__."""
        return f"{self.topic} ({date_format(self.date, 'j F Y')})"

    @property
    def has_custodian(self) -> bool:
        """An outside participant: the interviewer holds the owner's rights."""
        return self.interviewee_id is None

    def is_interviewer(self, user: User) -> bool:
        return bool(user.is_authenticated and self.interviewer_id == user.pk)

    def is_owner(self, user: User) -> bool:
        return bool(user.is_authenticated and self.owner_id == user.pk)


class InterviewStep(models.Model):
    """The interview reached a status, on a date, by someone. Appended only."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    interview = models.ForeignKey(
        Interview, on_delete=models.DO_NOTHING, db_constraint=False, related_name="steps"
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at"]

    def __str__(self) -> str:
        return f"{self.get_status_display()} at {self.at:%Y-%m-%d}"


class ConsentForm(models.Model):
    """The consent form as the researcher recorded it. One per interview; appended only."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    interview = models.OneToOneField(
        Interview, on_delete=models.DO_NOTHING, db_constraint=False, related_name="consent_form"
    )
    information_sheet_version = models.CharField(
        "version of the participant information sheet", max_length=40
    )
    signed_on = models.DateField("date the form was filled in")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Consent form, information sheet {self.information_sheet_version}"


class ConsentAnswer(models.Model):
    """Yes or no to one item of the form. Appended only."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    form = models.ForeignKey(ConsentForm, on_delete=models.PROTECT, related_name="answers")
    item = models.CharField(max_length=20, choices=ConsentItem.choices)
    agreed = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["form", "item"], name="consent_answer_once_per_item")
        ]

    def __str__(self) -> str:
        return f"{self.get_item_display()}: {'yes' if self.agreed else 'no'}"


class ConsentConfirmation(models.Model):
    """The interviewee read the form as recorded and said it is what she agreed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    form = models.OneToOneField(ConsentForm, on_delete=models.PROTECT, related_name="confirmation")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Confirmation of {self.form_id}"


class ConsentWithdrawal(models.Model):
    """A yes on the form was taken back. Appended only; the answer itself never changes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    answer = models.OneToOneField(
        ConsentAnswer, on_delete=models.PROTECT, related_name="withdrawal"
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    reason = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Withdrawal of {self.answer_id}"


class Passage(models.Model):
    """One paragraph or speaker turn of the transcript. The interviewee may take it out."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="passages")
    position = models.PositiveIntegerField()
    text = models.TextField()
    taken_out_at = models.DateTimeField(null=True, blank=True)
    taken_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "position"], name="passage_position")
        ]

    def __str__(self) -> str:
        return f"Passage {self.position}"

    @property
    def is_taken_out(self) -> bool:
        return self.taken_out_at is not None


def recording_file_name(instance: Any, filename: str) -> str:
    """An unguessable name that says nothing: not the uploaded name, not its extension."""
    return f"interviews/{secrets.token_urlsafe(32)}"


class Recording(ShareableItem):
    """The audio of an interview: a separate item, shared separately (see module doc)."""

    interview = models.OneToOneField(Interview, on_delete=models.CASCADE, related_name="recording")
    file = models.FileField(upload_to=recording_file_name, max_length=200)
    content_type = models.CharField(max_length=40)
    extension = models.CharField(max_length=8)
    format_label = models.CharField(max_length=40)
    size = models.PositiveBigIntegerField()
    duration_seconds = models.PositiveIntegerField(null=True, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    @property
    def duration_label(self) -> str:
        seconds = self.duration_seconds or 0
        if seconds < 60:
            return f"{seconds} second{'s' if seconds != 1 else ''}"
        minutes = round(seconds / 60)
        return f"{minutes} minute{'s' if minutes != 1 else ''}"


@receiver(post_delete, sender=Recording)
def _delete_audio_file_after_commit(sender: Any, instance: Recording, **kwargs: Any) -> None:
    """However a recording row goes (withdrawal, deleting the interview, a cascade),
    its file goes too, once the deletion is committed: never before, so a
    rolled-back deletion keeps its file."""
    name, storage = instance.file.name, instance.file.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def kept_text(passages: Any) -> str:
    """The reviewed transcript: the passages the interviewee kept, in order."""
    return "\n\n".join(p.text for p in passages if not p.is_taken_out)


def export_text(interview: Interview) -> ExportText:
    """For research exports: the reviewed transcript only, and only once the
    interview is ready for analysis (empty before, and after a withdrawal)."""
    text = ""
    if interview.status == Status.READY:
        text = kept_text(interview.passages.all())
    # The interviewee's words (or, for an outside participant, the interviewer's as
    # custodian), and the interviewer's questions.
    return ExportText(
        text=text, date=interview.date, written_by=(interview.owner_id, interview.interviewer_id)
    )


# Observation notes live in interviews/observation/; Django finds their models through here.
from interviews.observation.models import (  # noqa: E402
    ObservationNote,
    ObservationNoteChange,
    ObservationSharingDecision,
    facilitators_may_read_observation_notes,
    observation_note_audiences,
    observation_note_export_text,
)

if TYPE_CHECKING:
    from people.models import User

__all__ = [
    "ObservationNote",
    "ObservationNoteChange",
    "ObservationSharingDecision",
    "facilitators_may_read_observation_notes",
    "observation_note_audiences",
    "observation_note_export_text",
]
