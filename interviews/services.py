"""Writes to interviews. Each runs in one transaction and records who did it.

Who may do what is checked here too, not only by the views: the interviewer
plans, records the form and adds the recording and the transcript; the owner
(the interviewee, or the interviewer as custodian for an outside participant)
confirms the form, reviews the transcript and deletes; both may record that a
consent item was withdrawn, because a withdrawal only ever narrows.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import IO, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from actionlog.services import log_action
from bridging_gaps.text import fitted
from consent.kinds import Kind
from consent.policy import lock_item
from consent.projection import item_redated
from consent.services import item_delete, shares_withdraw_unchecked
from interviews import workflow
from interviews.access import can_delete, recording_of
from interviews.audio import Detected
from interviews.models import (
    ConsentAnswer,
    ConsentConfirmation,
    ConsentForm,
    ConsentItem,
    ConsentWithdrawal,
    Interview,
    InterviewStep,
    Passage,
    Recording,
    Status,
    recording_file_name,
)
from interviews.transcripts import UnreadableTranscript, split_passages
from people.models import Role, User

INTERVIEW_KIND = Kind.INTERVIEW
RECORDING_KIND = Kind.RECORDING


def _lock(interview: Interview) -> Interview:
    """The interview's row, locked: a withdrawal and an upload never interleave."""
    return lock_item(interview)


def _check_interviewer(interview: Interview, by: User) -> None:
    if not interview.is_interviewer(by):
        raise PermissionDenied("Only the interviewer can do this.")


def _check_owner(interview: Interview, by: User) -> None:
    if not interview.is_owner(by):
        raise PermissionDenied("Only the interviewee can do this.")


def _check_not_withdrawn(interview: Interview) -> None:
    if interview.status == Status.WITHDRAWN:
        raise ValidationError("The interviewee has withdrawn from the study.")


@transaction.atomic
def interview_plan(
    *,
    interviewer: User,
    interviewee: User | None = None,
    participant_code: str = "",
    topic: str,
    date: date,
    mode: str,
) -> Interview:
    """A new interview, planned. Only the interviewee (and the interviewer) see it."""
    if not (interviewer.is_active and interviewer.has_role(Role.RESEARCHER)):
        raise PermissionDenied("Only researchers can plan interviews.")
    if (interviewee is None) == (not participant_code):
        raise ValidationError("Choose the person interviewed, or give a participant code.")
    if interviewee is not None and (interviewee.pk == interviewer.pk or not interviewee.is_active):
        raise ValidationError("Choose someone else in the group to interview.")
    interview = Interview.objects.create(
        owner=interviewee or interviewer,
        interviewee=interviewee,
        participant_code=participant_code,
        interviewer=interviewer,
        topic=topic,
        date=date,
        mode=mode,
    )
    InterviewStep.objects.create(interview=interview, status=Status.PLANNED, by=interviewer)
    log_action(by=interviewer, action="interviews.interview.planned", obj=interview)
    return interview


@transaction.atomic
def interview_edit(*, interview: Interview, topic: str, date: date, mode: str, by: User) -> None:
    _check_interviewer(interview, by)
    locked = _lock(interview)
    _check_not_withdrawn(locked)
    locked.topic, locked.date, locked.mode = topic, date, mode
    locked.save(update_fields=["topic", "date", "mode"])
    log_action(by=by, action="interviews.interview.changed", obj=locked)


@transaction.atomic
def interview_move(*, interview: Interview, to: Status, by: User) -> InterviewStep:
    """The interviewer's moves: conducted, ready for analysis (see workflow.py)."""
    done = workflow.move(_lock(interview), to, by)
    log_action(by=by, action="interviews.interview.moved", obj=interview, data={"to": str(to)})
    return done


@transaction.atomic
def consent_form_record(
    *,
    interview: Interview,
    information_sheet_version: str,
    signed_on: date,
    answers: Mapping[str, bool],
    by: User,
) -> ConsentForm:
    """The form as the participant filled it in. Recording it moves the interview on."""
    _check_interviewer(interview, by)
    locked = _lock(interview)
    if locked.status != Status.PLANNED or ConsentForm.objects.filter(interview=locked).exists():
        raise ValidationError("The consent form of this interview is already recorded.")
    if set(answers) != set(ConsentItem.values):
        raise ValidationError("Answer yes or no for every item of the form.")
    if not answers[ConsentItem.TAKING_PART]:
        raise ValidationError(
            "Without a yes to taking part there is no interview. "
            "Delete this planned interview instead."
        )
    form = ConsentForm.objects.create(
        interview=locked,
        information_sheet_version=information_sheet_version,
        signed_on=signed_on,
        recorded_by=by,
    )
    ConsentAnswer.objects.bulk_create(
        ConsentAnswer(form=form, item=item, agreed=answers[item]) for item in ConsentItem.values
    )
    workflow.move(locked, Status.CONSENT_RECORDED, by)
    log_action(by=by, action="interviews.consent_form.recorded", obj=form)
    return form


@transaction.atomic
def consent_confirm(*, interview: Interview, by: User) -> ConsentConfirmation:
    _check_owner(interview, by)
    form = ConsentForm.objects.filter(interview=interview).first()
    if form is None:
        raise ValidationError("There is no consent form to confirm yet.")
    if ConsentConfirmation.objects.filter(form=form).exists():
        raise ValidationError("You have already confirmed this form.")
    done = ConsentConfirmation.objects.create(form=form, by=by)
    log_action(by=by, action="interviews.consent_form.confirmed", obj=done)
    return done


@transaction.atomic
def consent_withdraw(
    *, interview: Interview, item: str, by: User, reason: str = ""
) -> ConsentWithdrawal:
    """Take back one yes of the form. Audio: the recording is deleted. Taking
    part: the interviewee leaves the study (see interview_withdraw)."""
    if not (interview.is_owner(by) or interview.is_interviewer(by)):
        raise PermissionDenied("Only the interviewee or the interviewer can do this.")
    locked = _lock(interview)
    answer = ConsentAnswer.objects.filter(
        form__interview=locked, item=item, agreed=True, withdrawal__isnull=True
    ).first()
    if answer is None:
        raise ValidationError("There is no yes to withdraw for this item.")
    withdrawal = ConsentWithdrawal.objects.create(answer=answer, by=by, reason=reason)
    if item == ConsentItem.AUDIO:
        _recording_delete(locked, by, "Audio consent was withdrawn.")
    elif item == ConsentItem.TAKING_PART and locked.status != Status.WITHDRAWN:
        _leave_study(locked, by)
    log_action(
        by=by, action="interviews.consent_item.withdrawn", obj=withdrawal, data={"item": str(item)}
    )
    return withdrawal


def _recording_delete(interview: Interview, by: User, reason: str) -> None:
    recording = recording_of(interview)
    if recording is None:
        return
    # The file itself goes once the transaction commits (models.py, post_delete).
    item_delete(item=recording, by=by, reason=reason)


def _leave_study(interview: Interview, by: User) -> None:
    reason = "The interviewee withdrew from the study."
    _recording_delete(interview, by, reason)
    interview.passages.all().delete()
    shares_withdraw_unchecked(item_kind=INTERVIEW_KIND, item_id=interview.pk, by=by, reason=reason)
    workflow.move(interview, Status.WITHDRAWN, by)


def recording_save(
    *, interview: Interview, upload: IO[bytes], detected: Detected, size: int, by: User
) -> Recording:
    """Store the audio under an unguessable name, then record it in one transaction.

    The file is written first (a storage is not transactional); if the database
    part fails, the file is deleted again. A replaced recording's old file is
    deleted after the commit.
    """
    _check_interviewer(interview, by)
    _check_can_record(interview)
    name = default_storage.save(recording_file_name(None, ""), upload)
    try:
        with transaction.atomic():
            locked = _lock(interview)
            # Again under the lock: the audio consent may have been withdrawn meanwhile.
            _check_can_record(locked)
            recording = recording_of(locked)
            if recording is None:
                recording = Recording(interview=locked, owner_id=locked.owner_id)
            else:
                old_name = recording.file.name or ""
                if old_name:
                    transaction.on_commit(lambda: default_storage.delete(old_name))
            recording.file = name
            recording.content_type = detected.format.content_type
            recording.extension = detected.format.extension
            recording.format_label = detected.format.label
            recording.size = size
            recording.duration_seconds = detected.duration_seconds
            recording.uploaded_by = by
            recording.created_at = timezone.now()
            recording.save()
            item_redated(recording)
            log_action(by=by, action="interviews.recording.saved", obj=recording)
    except BaseException:
        default_storage.delete(name)
        raise
    return recording


def _check_can_record(interview: Interview) -> None:
    _check_not_withdrawn(interview)
    if interview.status not in workflow.RECORDING_STATUSES:
        raise ValidationError("Mark the interview as conducted before adding its recording.")
    if not workflow.agrees(interview, ConsentItem.AUDIO):
        raise ValidationError(
            "The consent form does not say yes to audio recording (or that yes was "
            "withdrawn), so no recording can be kept."
        )


@transaction.atomic
def transcript_save(*, interview: Interview, text: str, by: User) -> list[Passage]:
    """Add the transcript, or replace it until the interviewee starts her review."""
    _check_interviewer(interview, by)
    locked = _lock(interview)
    _check_not_withdrawn(locked)
    if locked.status not in (Status.CONDUCTED, Status.TRANSCRIBED):
        raise ValidationError(
            "A transcript can be added once the interview is conducted, "
            "and replaced until the interviewee has reviewed it."
        )
    if locked.passages.exclude(taken_out_at__isnull=True, comment="").exists():
        raise ValidationError(
            "The interviewee has started her review. A new transcript would undo her choices."
        )
    try:
        texts = split_passages(text)
    except UnreadableTranscript as error:
        raise ValidationError(str(error)) from error
    locked.passages.all().delete()
    passages = Passage.objects.bulk_create(
        Passage(interview=locked, position=number, text=passage)
        for number, passage in enumerate(texts, start=1)
    )
    locked.transcript_saved_at = timezone.now()
    locked.transcript_saved_by = by
    locked.save(update_fields=["transcript_saved_at", "transcript_saved_by"])
    if locked.status == Status.CONDUCTED:
        workflow.move(locked, Status.TRANSCRIBED, by)
    log_action(
        by=by, action="interviews.transcript.saved", obj=interview, data={"passages": len(passages)}
    )
    return passages


@transaction.atomic
def review_save(
    *,
    interview: Interview,
    choices: Mapping[Any, tuple[bool, str]],
    by: User,
    finished: bool = False,
) -> int:
    """The interviewee's choices: passage id -> (take it out?, comment).
    Returns how many passages are taken out now."""
    _check_owner(interview, by)
    locked = _lock(interview)
    if locked.status not in workflow.REVIEW_STATUSES:
        raise ValidationError("There is no transcript to review yet.")
    now = timezone.now()
    changed = []
    for passage in locked.passages.all():
        if passage.pk not in choices:
            continue
        take_out, comment = choices[passage.pk]
        if take_out != passage.is_taken_out or comment != passage.comment:
            passage.taken_out_at = now if take_out else None
            passage.taken_out_by = by if take_out else None
            passage.comment = comment
            changed.append(passage)
    Passage.objects.bulk_update(changed, ["taken_out_at", "taken_out_by", "comment"])
    if finished and locked.status == Status.TRANSCRIBED:
        workflow.move(locked, Status.REVIEWED, by)
    done = locked.passages.filter(taken_out_at__isnull=False).count()
    log_action(
        by=by,
        action="interviews.review.saved",
        obj=interview,
        data={"taken_out": done, "finished": finished},
    )
    return done


@transaction.atomic
def originals_delete(*, interview: Interview, by: User) -> int:
    """Delete for good the passages the interviewee took out, and her comments on them.
    Returns how many were deleted."""
    _check_owner(interview, by)
    locked = _lock(interview)
    deleted, _ = locked.passages.filter(taken_out_at__isnull=False).delete()
    locked.originals_deleted_at = timezone.now()
    locked.save(update_fields=["originals_deleted_at"])
    log_action(
        by=by, action="interviews.originals.deleted", obj=interview, data={"passages": deleted}
    )
    return deleted


@transaction.atomic
def interview_delete(*, interview: Interview, by: User) -> None:
    """Delete the interview, its recording (the file after the commit) and its
    transcript. The consent form and the steps stay in their ledgers."""
    locked = _lock(interview)
    if not can_delete(locked, by):
        raise PermissionDenied("Only the interviewee can delete an interview that holds her words.")
    reason = "The interview was deleted."
    _recording_delete(locked, by, reason)
    item_delete(item=locked, by=by, reason=reason)


@transaction.atomic
def interviews_name_replace_unchecked(*, replace: Callable[[str], str]) -> int:
    """Every transcript passage and its comment, and every interview's topic, passed through
    `replace` (a person's account is deleted: her name leaves what others said and typed).
    Returns how many passages and interviews changed.

    A deliberate bypass of the policy: it reads every interview, whoever may see it, only to
    put a deleted person's pseudonym where her name was. Nothing it reads is shown or leaves."""
    changed = 0
    for interview in Interview.objects.only("id", "topic").iterator(chunk_size=500):
        topic = fitted(Interview, "topic", replace(interview.topic))
        if topic != interview.topic:
            interview.topic = topic
            interview.save(update_fields=["topic"])
            changed += 1
    for passage in Passage.objects.only("id", "text", "comment").iterator(chunk_size=500):
        text, comment = replace(passage.text), replace(passage.comment)
        if (text, comment) != (passage.text, passage.comment):
            passage.text, passage.comment = text, comment
            passage.save(update_fields=["text", "comment"])
            changed += 1
    return changed
