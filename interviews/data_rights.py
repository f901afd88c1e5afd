"""Interviews' part of data rights (datarights/hooks.py).

The download holds the interviews a person gave (the record, the consent form with what
she withdrew, the steps, the original and the reviewed transcript, and the recording
itself) and the observation notes she wrote. Interviews she conducted belong to the
people interviewed: only their number is said.

Deleting her account deletes the interviews she owns (those she gave, and those she
holds as custodian for participants without an account), with recordings and
transcripts, and her observation notes. Interviews she conducted stay with the people
interviewed, under her pseudonym, with the topic she typed replaced. The append-only
ledgers (consent form, steps, withdrawals, note changes) keep what was agreed and done;
a reason she typed for withdrawing is taken out of its row (bridging_gaps/append_only.py).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Prefetch

from bridging_gaps.append_only import ledger_rows_deletable
from consent.describe import who_can_see
from consent.kinds import Kind
from consent.policy import owned
from datarights.hooks import (
    ONLY_YOU,
    Attachment,
    Entry,
    Fact,
    File,
    Section,
    Text,
    facts,
)
from interviews.access import interviews_conducted_by, interviews_given_with_everything
from interviews.models import (
    ConsentAnswer,
    ConsentForm,
    ConsentWithdrawal,
    Interview,
    InterviewStep,
    ObservationNote,
    ObservationNoteChange,
    Recording,
    kept_text,
)
from interviews.services import interview_delete, interviews_name_replace_unchecked
from people.models import User

# What an interview she conducted for someone else is called once her words are gone.
NEUTRAL_TOPIC = "Interview"


def _by(user_id: Any, person: User, interview: Interview) -> str:
    if user_id == person.pk:
        return "you"
    return "the researcher" if user_id == interview.interviewer_id else "someone else"


def _consent_entry(form: ConsentForm, person: User, interview: Interview) -> Entry:
    confirmation = getattr(form, "confirmation", None)
    entry = Entry(
        group="consent_form",
        heading="The consent form",
        facts=facts(
            ("Information sheet version", form.information_sheet_version),
            ("Filled in", form.signed_on, "signed_on"),
            ("Recorded", form.recorded_at, "recorded_at"),
            (
                "You said it is what you agreed",
                confirmation.at if confirmation else None,
                "confirmed_at",
                "" if confirmation else "not yet",
            ),
        ),
    )
    for answer in form.answers.all():
        withdrawal = getattr(answer, "withdrawal", None)
        entry.parts.append(
            Entry(
                group="answers",
                heading=f"{answer.get_item_display()}: {'yes' if answer.agreed else 'no'}",
                facts=facts(
                    ("Item", answer.get_item_display()),
                    ("Agreed", answer.agreed),
                    ("Withdrawn", withdrawal.at if withdrawal else None, "withdrawn_at"),
                    (
                        "Withdrawn by",
                        _by(withdrawal.by_id, person, interview) if withdrawal else None,
                    ),
                ),
                texts=[
                    Text("Why", withdrawal.reason if withdrawal else "", key="withdrawal_reason")
                ],
            )
        )
    return entry


def _interview(
    interview: Interview, person: User, seen: dict[str, dict[Any, str]]
) -> tuple[Entry, list[Attachment]]:
    passages = list(interview.passages.all())
    entry = Entry(
        id=interview.pk,
        heading=interview.title,
        facts=facts(
            ("Topic", interview.topic),
            ("Date", interview.date),
            ("Researcher", interview.interviewer.display_name),
            ("How", interview.mode, "mode", interview.get_mode_display()),
            ("Where it is now", interview.status, "status", interview.get_status_display()),
            ("Who can see it", seen[Kind.INTERVIEW].get(interview.pk, ONLY_YOU)),
        ),
    )
    form: ConsentForm | None = getattr(interview, "consent_form", None)
    if form is not None:
        entry.parts.append(_consent_entry(form, person, interview))
    entry.parts += [
        Entry(
            group="steps",
            heading=f"Step: {step.get_status_display()}",
            facts=facts(
                ("Status", step.status, "status", step.get_status_display()),
                ("When", step.at, "at"),
                ("By", _by(step.by_id, person, interview)),
            ),
        )
        for step in interview.steps.all()
    ]
    entry.parts += [
        Entry(
            group="transcript",
            heading=f"Passage {p.position}{' (you took it out)' if p.is_taken_out else ''}",
            facts=facts(("Position", p.position), ("You took it out", p.is_taken_out, "taken_out")),
            texts=[Text("Text", p.text), Text("Your comment", p.comment, key="comment")],
        )
        for p in passages
    ]
    if passages:
        entry.texts.append(
            Text(
                "The reviewed transcript (the parts you kept)",
                kept_text(passages),
                key="reviewed_transcript",
            )
        )
    attachments = []
    recording: Recording | None = getattr(interview, "recording", None)
    if recording is not None and recording.file.name:
        path = f"interviews/{interview.pk}.{recording.extension or 'audio'}"
        attachments.append(Attachment(path=path, storage_name=recording.file.name))
        entry.files.append(File(f"The recording ({recording.format_label})", f"files/{path}"))
        entry.facts.append(
            Fact("Who can hear the recording", seen[Kind.RECORDING].get(recording.pk, ONLY_YOU))
        )
    return entry, attachments


def _interviews_section(person: User) -> Section:
    interviews = list(
        interviews_given_with_everything(person)
        .prefetch_related(
            "passages",
            Prefetch("steps", queryset=InterviewStep.objects.order_by("at")),
            Prefetch(
                "consent_form__answers",
                queryset=ConsentAnswer.objects.select_related("withdrawal").order_by("item"),
            ),
        )
        .order_by("date")
    )
    seen: dict[str, dict[Any, str]] = {
        key: who_can_see(person, key) for key in (Kind.INTERVIEW, Kind.RECORDING)
    }
    built = [_interview(interview, person, seen) for interview in interviews]
    conducted = interviews_conducted_by(person).count()
    intro = (
        "Each interview you gave, with the consent form, each step, the transcript "
        "and the recording."
    )
    if conducted:
        intro += (
            f" You conducted {conducted} interview{'s' if conducted != 1 else ''} as a "
            "researcher: they belong to the people interviewed and are not in this file."
        )
    return Section(
        key="interviews",
        title="Your interviews",
        intro=intro,
        entries=[entry for entry, _files in built],
        attachments=[attachment for _entry, files in built for attachment in files],
        empty="You have not given an interview.",
    )


def _observation_section(person: User) -> Section:
    notes = list(owned(ObservationNote.objects.all(), person).order_by("created_at"))
    changes: dict[Any, list[ObservationNoteChange]] = {}
    for change in ObservationNoteChange.objects.filter(by=person).order_by("at"):
        changes.setdefault(change.note_id, []).append(change)
    seen = who_can_see(person, Kind.OBSERVATION_NOTE)
    return Section(
        key="observation_notes",
        title="Observation notes you wrote",
        entries=[
            Entry(
                heading=f"Observation note: {note.meeting}",
                facts=facts(
                    ("Meeting", str(note.meeting)),
                    ("Written", note.created_at, "written_at"),
                    ("Last changed", note.updated_at, "changed_at"),
                    ("Who can see it", seen.get(note.pk, ONLY_YOU)),
                ),
                texts=[Text("Note", note.text, key="text")],
                parts=[
                    Entry(
                        group="changes",
                        heading=c.get_what_display().capitalize(),
                        facts=facts(("When", c.at, "at")),
                    )
                    for c in changes.get(note.pk, [])
                ],
            )
            for note in notes
        ],
        empty="You have not written observation notes.",
    )


def collect(person: User) -> list[Section]:
    return [_interviews_section(person), _observation_section(person)]


def erase_preview(person: User) -> list[str]:
    sentences = []
    given = owned(Interview.objects.all(), person).filter(interviewee=person).count()
    if given:
        sentences.append(
            f"The {'interview' if given == 1 else f'{given} interviews'} you gave "
            f"{'is' if given == 1 else 'are'} deleted: recordings, transcripts and your "
            "comments. The researchers keep only that the interview took place, what you "
            "agreed to and withdrew, and when: not a word of what was said."
        )
    held = owned(Interview.objects.all(), person).filter(interviewee__isnull=True).count()
    if held:
        sentences.append(
            f"You hold {held} interview{'s' if held != 1 else ''} for participants without an "
            "account. They are deleted too, with their recordings and transcripts. If the "
            "study needs them, keep your account until someone else can hold them."
        )
    if interviews_conducted_by(person).filter(interviewee__isnull=False).exists():
        sentences.append(
            "Interviews you conducted stay with the people you interviewed: they show the "
            f"code instead of your name, and the topic you typed becomes “{NEUTRAL_TOPIC}”."
        )
    notes = owned(ObservationNote.objects.all(), person).count()
    if notes:
        sentences.append(
            f"Your {notes} observation note{'s' if notes != 1 else ''} "
            f"{'is' if notes == 1 else 'are'} deleted. The record keeps only that a note "
            "about that meeting existed."
        )
    return sentences


def erase(person: User, pseudonym: str) -> None:
    for interview in owned(Interview.objects.all(), person):
        interview_delete(interview=interview, by=person)
    interviews_conducted_by(person).update(topic=NEUTRAL_TOPIC)
    # Her observation notes go with every other item she owns (datarights/erasure.py).
    _forget_withdrawal_reasons(person)


def _forget_withdrawal_reasons(person: User) -> None:
    """Reasons she typed when withdrawing a consent item. The row is in an append-only
    ledger: it is deleted and written again, the same row (same id, time and person)
    without the reason, so the ledger still says what was withdrawn, when, by whom."""
    rows = list(ConsentWithdrawal.objects.filter(by=person).exclude(reason=""))
    if not rows:
        return
    with ledger_rows_deletable():
        ConsentWithdrawal.objects.filter(pk__in=[row.pk for row in rows]).delete()
        ConsentWithdrawal.objects.bulk_create(
            ConsentWithdrawal(
                id=row.pk, answer_id=row.answer_id, by_id=row.by_id, at=row.at, reason=""
            )
            for row in rows
        )


def names_leave(replace: Callable[[str], str]) -> None:
    interviews_name_replace_unchecked(replace=replace)
