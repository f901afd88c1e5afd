"""Writes to observation notes, and the group's decision about who may read them.

Each runs in one transaction and records who did it. The rules are checked here,
not only by the views:

- only the meeting's named observer (a researcher) writes a note about it, once the
  meeting has started and observation consent is collected (everyone expected has
  answered: meetings/observation.py);
- a note never names anyone who said no, or who never answered (interviews/observation/mentions.py);
- only the writer changes or deletes her note;
- facilitators may be offered a note only while the group agrees, and when the group
  stops agreeing every share with facilitators is withdrawn at once.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from actionlog.services import log_action
from consent.kinds import Kind
from consent.models import Audience
from consent.policy import lock_item
from consent.services import item_delete, shares_withdraw_audience_unchecked
from interviews.access import lock_every_observation_note
from interviews.models import (
    ObservationNote,
    ObservationNoteChange,
    ObservationSharingDecision,
)
from interviews.observation.mentions import mentions
from meetings.models import Meeting
from meetings.observation import ObservationStatus, observation_status
from mentions.services import mentions_sync
from people.access import is_facilitator
from people.models import Role, User

NOTE_KIND = Kind.OBSERVATION_NOTE

NOT_THE_OBSERVER = (
    "Only the researcher named as the observer of this meeting can write observation notes "
    "about it."
)


def is_named_observer(meeting: Meeting, user: User | AnonymousUser) -> bool:
    return bool(
        isinstance(user, User)
        and user.is_active
        and user.has_role(Role.RESEARCHER)
        and meeting.observer_id == user.pk
    )


def writing_refusal(
    meeting: Meeting, user: User | AnonymousUser, status: ObservationStatus | None = None
) -> str:
    """Why this person cannot write an observation note about this meeting now, in
    plain words; empty when they can."""
    if not is_named_observer(meeting, user):
        return NOT_THE_OBSERVER
    if meeting.is_cancelled:
        return "This meeting was cancelled: there is nothing to observe."
    if not meeting.has_started():
        return "You can write observation notes once the meeting has started."
    status = status or observation_status(meeting)
    if not status.collected:
        waiting = len(status.unanswered)
        people = "person has" if waiting == 1 else "people have"
        return (
            "An observation note cannot be written without observation consent. "
            f"{waiting} {people} not answered yet: everyone expected at the meeting must "
            "say yes or no first. The meeting page shows who."
        )
    return ""


def check_text(text: str, status: ObservationStatus) -> None:
    """Errors about the text belong to the text box (`{"text": [...]}`)."""
    if not text.strip():
        raise ValidationError({"text": ["Write what you observed."]})
    found = mentions(text, status)
    if found:
        raise ValidationError({"text": [mention.message for mention in found]})


def _record(note: ObservationNote, what: str, by: User) -> None:
    ObservationNoteChange.objects.create(
        note_id=note.pk, meeting_id=note.meeting_id, what=what, by=by
    )


@transaction.atomic
def observation_note_write(*, meeting: Meeting, text: str, by: User) -> ObservationNote:
    """A new note, seen by nobody but its writer until she shares it."""
    # Under the meeting's row lock: the observer cannot be changed meanwhile.
    locked = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("observer")
        .get(pk=meeting.pk)
    )
    status = observation_status(locked)
    refusal = writing_refusal(locked, by, status)
    if refusal:
        raise ValidationError(refusal, code="no_consent")
    check_text(text, status)
    note: ObservationNote = ObservationNote.objects.create(
        owner=by, meeting=locked, text=text, updated_by=by
    )
    _record(note, ObservationNoteChange.What.WRITTEN, by)
    mentions_sync(
        source_kind=Kind.OBSERVATION_NOTE, source_id=note.pk, texts={"text": text}, writer=by
    )
    log_action(by=by, action="interviews.observation_note.written", obj=note)
    return note


def status_for_writer(note: ObservationNote) -> ObservationStatus:
    """The answers about the note's writer as observer: whom her note must leave out,
    even if another researcher observes the meeting now."""
    return observation_status(note.meeting, observer=note.owner)


@transaction.atomic
def observation_note_edit(*, note: ObservationNote, text: str, by: User) -> bool:
    """Change the text. Returns False when nothing changed (and nothing is recorded)."""
    if note.owner_id != by.pk:
        raise PermissionDenied("Only the writer can change an observation note.")
    locked = lock_item(note)
    check_text(text, status_for_writer(locked))
    if text == locked.text:
        return False
    locked.text = text
    locked.updated_at = timezone.now()
    locked.updated_by = by
    locked.save(update_fields=["text", "updated_at", "updated_by"])
    _record(locked, ObservationNoteChange.What.CHANGED, by)
    mentions_sync(
        source_kind=Kind.OBSERVATION_NOTE, source_id=note.pk, texts={"text": text}, writer=by
    )
    note.text, note.updated_at = locked.text, locked.updated_at
    log_action(by=by, action="interviews.observation_note.changed", obj=note)
    return True


@transaction.atomic
def observation_note_delete(*, note: ObservationNote, by: User) -> None:
    """Delete the note and its text. The consent ledger and the changes ledger keep
    that it existed, about which meeting, and who deleted it."""
    if note.owner_id != by.pk:
        raise PermissionDenied("Only the writer can delete an observation note.")
    _record(note, ObservationNoteChange.What.DELETED, by)
    item_delete(item=note, by=by, reason="The observation note was deleted.")


@transaction.atomic
def observation_sharing_decide(
    *, facilitators_may_read: bool, how_agreed: str = "", by: User
) -> ObservationSharingDecision:
    """Record the group's decision. Saying no withdraws every current share of an
    observation note with facilitators, at once."""
    if not is_facilitator(by):
        raise PermissionDenied("Only facilitators record the group's decisions.")
    # Every note's row is locked while the decision changes, so a share being saved
    # now waits and is then checked against the new decision (consent.services locks
    # the item before checking its audiences).
    lock_every_observation_note()
    decision = ObservationSharingDecision.objects.create(
        facilitators_may_read=facilitators_may_read, how_agreed=how_agreed.strip(), decided_by=by
    )
    if not facilitators_may_read:
        shares_withdraw_audience_unchecked(
            item_kind=NOTE_KIND,
            audience=Audience.FACILITATORS,
            by=by,
            reason="The group decided that facilitators do not read observation notes.",
        )
    log_action(
        by=by,
        action="interviews.observation_sharing.decided",
        obj=decision,
        data={"facilitators_may_read": facilitators_may_read},
    )
    return decision
