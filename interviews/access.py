"""How interview views fetch what they show or change. Every helper asks the
consent policy (consent/policy.py); they only narrow what it allows, by the
person's part in the interview."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format

from bridging_gaps.types import AuthenticatedRequest
from consent.policy import get_item_for_user, get_managed_item, owned, visible
from interviews.models import REVIEWED_STATUSES, Interview, ObservationNote, Passage, Recording

if TYPE_CHECKING:
    from people.models import User


def _interviews() -> Any:
    return Interview.objects.select_related("owner", "interviewer", "interviewee")


def get_interview_for_user(request: AuthenticatedRequest, interview_id: Any) -> Interview:
    """To read: the interviewee, the interviewer, the audiences she granted. Else 404."""
    return get_item_for_user(request, _interviews(), interview_id)


def get_own_interview(request: AuthenticatedRequest, interview_id: Any) -> Interview:
    """To use the owner's rights: the interviewee (or the custodian). Else 404."""
    return get_managed_item(request, _interviews(), interview_id)


def get_interview_as_interviewer(request: AuthenticatedRequest, interview_id: Any) -> Interview:
    """For the interviewer's work on it. Anyone else, whatever they may read: 404."""
    return get_item_for_user(
        request, _interviews().filter(interviewer=request.user.pk), interview_id
    )


def get_interview_as_participant(request: AuthenticatedRequest, interview_id: Any) -> Interview:
    """The interviewee or the interviewer (to withdraw consent, to delete). Else 404."""
    user_id = request.user.pk
    return get_item_for_user(
        request, _interviews().filter(Q(owner=user_id) | Q(interviewer=user_id)), interview_id
    )


def recording_titles(recordings: Sequence[Recording], viewer: User) -> dict[Any, str]:
    """A recording's title names its interview only for people who may see the interview
    itself (one query for many recordings); for anyone else it says only when it was added."""
    interviews = {
        interview.pk: interview
        for interview in visible(
            Interview.objects.filter(pk__in={r.interview_id for r in recordings}), viewer
        )
    }
    titles = {}
    for recording in recordings:
        interview = interviews.get(recording.interview_id)
        if interview is not None:
            titles[recording.pk] = f"Recording: {interview.title}"
        else:
            added = date_format(timezone.localtime(recording.created_at), "j F Y")
            titles[recording.pk] = f"Interview recording, added {added}"
    return titles


def interview_of_recording_for_user(recording: Recording, viewer: User) -> Interview | None:
    """The recording's interview, if this person may see it; None for anyone else (a
    recording can be shared without its interview)."""
    return (
        visible(_interviews(), viewer).filter(pk=recording.interview_id).first()
        if viewer.is_authenticated
        else None
    )


def get_recording_for_user(
    request: AuthenticatedRequest, recording_id: Any, **kwargs: Any
) -> Recording:
    return get_item_for_user(request, Recording.objects.all(), recording_id, **kwargs)


def get_recording_to_stream(request: AuthenticatedRequest, recording_id: Any) -> Recording:
    """Like get_recording_for_user; the view writes the access log itself, with the byte
    range each request asks for."""
    return get_item_for_user(request, Recording.objects.all(), recording_id, how=None)


def _observation_notes() -> Any:
    return ObservationNote.objects.select_related("owner", "meeting__observer")


def get_observation_note_for_user(request: AuthenticatedRequest, note_id: Any) -> ObservationNote:
    """To read: the writer and the audiences she shared it with. Else 404."""
    return get_item_for_user(request, _observation_notes(), note_id)


def get_own_observation_note(request: AuthenticatedRequest, note_id: Any) -> ObservationNote:
    """To change or delete: the writer only. Else 404."""
    return get_managed_item(request, _observation_notes(), note_id)


def interviews_given_with_everything(person: User) -> QuerySet[Interview]:
    """The interviews she gave (hers: she owns them), with their recording, consent form,
    steps and passages, for her own data download."""
    return (
        owned(Interview.objects.all(), person)
        .filter(interviewee=person)
        .select_related("interviewer", "recording", "consent_form__confirmation")
    )


def interviews_conducted_by(person: User) -> QuerySet[Interview]:
    """Interviews that name this person as their interviewer: to count them for her, and
    to take her words out of them when her account is deleted. Never to show them."""
    return Interview.objects.filter(interviewer=person)


def recording_of(interview: Interview) -> Recording | None:
    """The interview's recording, for its interviewee and its interviewer (who always hear
    it: the kind's `also_visible_to`) and the services they call. Others ask the policy
    (`get_recording_for_user`, `Recording.objects.visible_to`)."""
    return Recording.objects.filter(interview=interview).first()


def holds_words(interview: Interview) -> bool:
    """Whether anything the interviewee said is stored: a recording or a transcript."""
    return recording_of(interview) is not None or interview.passages.exists()


def can_delete(interview: Interview, user: User) -> bool:
    """The owner may always delete. The interviewer may delete a record that holds none of
    the interviewee's words yet (a mistake, a cancelled plan). Nobody else."""
    if interview.is_owner(user):
        return True
    return interview.is_interviewer(user) and not holds_words(interview)


def passages_for(interview: Interview, user: User) -> list[Passage]:
    """The transcript's passages this person may read, on an interview the policy let her
    see: the interviewee and the interviewer read every passage (with those taken out,
    marked); others read the kept passages once the interviewee finished her review, and
    nothing before."""
    if interview.is_owner(user) or interview.is_interviewer(user):
        return list(interview.passages.all())
    if interview.status in REVIEWED_STATUSES:
        return list(interview.passages.filter(taken_out_at__isnull=True))
    return []


def lock_every_observation_note() -> None:
    """Lock every observation note's row (reading nothing of them) while the group's
    decision about facilitators changes: a share being saved meanwhile waits, and is then
    checked against the new decision."""
    list(ObservationNote.objects.select_for_update(of=("self",)).values_list("pk", flat=True))


def observation_note_for_mentions_unchecked(note_id: Any) -> ObservationNote | None:
    """The note, for the mention check's own work (who reads it now, where it is, taking a
    deleted account's name out of its words). Nothing here is shown to anyone."""
    return ObservationNote.objects.filter(pk=note_id).first()
