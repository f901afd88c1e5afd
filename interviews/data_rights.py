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
    Section,
    day,
    facts,
    when,
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
from interviews.services import interview_delete
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
        heading="The consent form",
        facts=facts(
            ("Information sheet version", form.information_sheet_version),
            ("Filled in", day(form.signed_on)),
            ("Recorded", when(form.recorded_at)),
            (
                "You said it is what you agreed",
                when(confirmation.at) if confirmation else "not yet",
            ),
        ),
    )
    for answer in form.answers.all():
        withdrawal = getattr(answer, "withdrawal", None)
        entry.parts.append(
            Entry(
                heading=f"{answer.get_item_display()}: {'yes' if answer.agreed else 'no'}",
                facts=facts(
                    ("Withdrawn", when(withdrawal.at) if withdrawal else ""),
                    (
                        "Withdrawn by",
                        _by(withdrawal.by_id, person, interview) if withdrawal else "",
                    ),
                ),
                texts=[("Why", withdrawal.reason)] if withdrawal and withdrawal.reason else [],
            )
        )
    return entry


def _interview(
    interview: Interview, person: User, seen: dict[str, dict[Any, str]]
) -> tuple[Entry, dict[str, Any], list[Attachment]]:
    passages = list(interview.passages.all())
    entry = Entry(
        heading=interview.title,
        facts=facts(
            ("Researcher", interview.interviewer.display_name),
            ("How", interview.get_mode_display()),
            ("Where it is now", interview.get_status_display()),
            ("Who can see it", seen[Kind.INTERVIEW].get(interview.pk, ONLY_YOU)),
        ),
    )
    form: ConsentForm | None = getattr(interview, "consent_form", None)
    if form is not None:
        entry.parts.append(_consent_entry(form, person, interview))
    entry.parts.append(
        Entry(
            heading="Each step",
            facts=[
                (
                    step.get_status_display(),
                    f"{when(step.at)}, by {_by(step.by_id, person, interview)}",
                )
                for step in interview.steps.all()
            ],
        )
    )
    if passages:
        entry.parts.append(
            Entry(
                heading="The transcript as it was written down",
                texts=[
                    (
                        f"Passage {p.position}{' (you took it out)' if p.is_taken_out else ''}",
                        p.text,
                    )
                    for p in passages
                ]
                + [
                    (f"Your comment on passage {p.position}", p.comment)
                    for p in passages
                    if p.comment
                ],
            )
        )
        entry.parts.append(
            Entry(
                heading="The reviewed transcript (the parts you kept)",
                texts=[("Transcript", kept_text(passages))],
            )
        )
    attachments = []
    recording: Recording | None = getattr(interview, "recording", None)
    if recording is not None and recording.file.name:
        path = f"interviews/{interview.pk}.{recording.extension or 'audio'}"
        attachments.append(Attachment(path=path, storage_name=recording.file.name))
        entry.files.append((f"The recording ({recording.format_label})", f"files/{path}"))
        entry.facts.append(
            ("Who can hear the recording", seen[Kind.RECORDING].get(recording.pk, ONLY_YOU))
        )
    data = {
        "id": interview.pk,
        "topic": interview.topic,
        "date": interview.date,
        "mode": interview.mode,
        "status": interview.status,
        "researcher": interview.interviewer.display_name,
        "consent_form": None
        if form is None
        else {
            "information_sheet_version": form.information_sheet_version,
            "signed_on": form.signed_on,
            "answers": [
                {
                    "item": a.item,
                    "agreed": a.agreed,
                    "withdrawn_at": a.withdrawal.at if hasattr(a, "withdrawal") else None,
                    "withdrawal_reason": a.withdrawal.reason if hasattr(a, "withdrawal") else None,
                }
                for a in form.answers.all()
            ],
        },
        "steps": [{"status": s.status, "at": s.at} for s in interview.steps.all()],
        "transcript": [
            {
                "position": p.position,
                "text": p.text,
                "taken_out": p.is_taken_out,
                "comment": p.comment,
            }
            for p in passages
        ],
        "reviewed_transcript": kept_text(passages),
        "recording": attachments[0].path if attachments else None,
    }
    return entry, data, attachments


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
        entries=[entry for entry, _data, _files in built],
        data=[data for _entry, data, _files in built],
        attachments=[attachment for _entry, _data, files in built for attachment in files],
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
                    ("Written", when(note.created_at)),
                    ("Last changed", when(note.updated_at)),
                    ("Who can see it", seen.get(note.pk, ONLY_YOU)),
                )
                + [
                    (c.get_what_display().capitalize(), when(c.at))
                    for c in changes.get(note.pk, [])
                ],
                texts=[("Note", note.text)],
            )
            for note in notes
        ],
        data=[
            {
                "meeting": str(note.meeting),
                "text": note.text,
                "written_at": note.created_at,
                "changed_at": note.updated_at,
                "who_can_see": seen.get(note.pk, ONLY_YOU),
                "changes": [{"what": c.what, "at": c.at} for c in changes.get(note.pk, [])],
            }
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
