"""The interview's steps: which move is legal, who makes it, and what it needs.

planned -> consent recorded -> conducted -> transcribed -> reviewed by the
interviewee -> ready for analysis; from any step, withdrawn. Every move
appends an InterviewStep (when, by whom); anything else is refused with a
message that says what to do instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError

from interviews.models import ConsentAnswer, ConsentItem, Interview, InterviewStep, Status

if TYPE_CHECKING:
    from people.models import User

NEXT_STEP = {
    Status.PLANNED: Status.CONSENT_RECORDED,
    Status.CONSENT_RECORDED: Status.CONDUCTED,
    Status.CONDUCTED: Status.TRANSCRIBED,
    Status.TRANSCRIBED: Status.REVIEWED,
    Status.REVIEWED: Status.READY,
}

# Statuses from which a recording may be uploaded (with audio consent).
RECORDING_STATUSES = frozenset(
    {Status.CONDUCTED, Status.TRANSCRIBED, Status.REVIEWED, Status.READY}
)
# The interviewee may take passages out (or put them back) from these on.
REVIEW_STATUSES = frozenset({Status.TRANSCRIBED, Status.REVIEWED, Status.READY})


def agrees(interview: Interview, item: str) -> bool:
    """The consent form says yes to `item`, and that yes was not withdrawn."""
    return ConsentAnswer.objects.filter(
        form__interview=interview, item=item, agreed=True, withdrawal__isnull=True
    ).exists()


def next_step(interview: Interview) -> Status | None:
    return NEXT_STEP.get(Status(interview.status))


def _check_actor(interview: Interview, to: Status, by: User) -> None:
    if to == Status.REVIEWED:
        if not interview.is_owner(by):
            raise PermissionDenied("Only the interviewee can say she has finished her review.")
    elif to == Status.WITHDRAWN:
        if not (interview.is_owner(by) or interview.is_interviewer(by)):
            raise PermissionDenied("Only the interviewee or the interviewer can do this.")
    elif not interview.is_interviewer(by):
        raise PermissionDenied("Only the interviewer can move the interview to its next step.")


def _missing(interview: Interview, to: Status) -> str | None:
    """What the move still needs, in words, or None."""
    if to in (Status.CONSENT_RECORDED, Status.CONDUCTED, Status.READY) and not agrees(
        interview, ConsentItem.TAKING_PART
    ):
        return (
            "The consent form must say yes to taking part, and that yes must not "
            "have been withdrawn."
        )
    if to in (Status.TRANSCRIBED, Status.REVIEWED) and not interview.passages.exists():
        return "Add the transcript first."
    return None


def check_move(interview: Interview, to: Status, by: User) -> None:
    """Raise ValidationError (illegal move, something missing) or PermissionDenied."""
    current = Status(interview.status)
    if current == Status.WITHDRAWN:
        raise ValidationError(
            "The interviewee has withdrawn from the study: this interview cannot move on."
        )
    if to != Status.WITHDRAWN and NEXT_STEP.get(current) != to:
        following = NEXT_STEP.get(current)
        if following is None:
            raise ValidationError(f"This interview is {current.label}: it has no further step.")
        raise ValidationError(
            f"This interview is {current.label}. Its next step is “{following.label}”, "
            f"not “{to.label}”."
        )
    _check_actor(interview, to, by)
    missing = _missing(interview, to)
    if missing:
        raise ValidationError(missing)


def move(interview: Interview, to: Status, by: User) -> InterviewStep:
    """Check and make the move. Callers hold the interview's row lock."""
    check_move(interview, to, by)
    step = InterviewStep.objects.create(interview=interview, status=to, by=by)
    interview.status = to
    interview.save(update_fields=["status"])
    return step
