"""The action log in plain words, for the pages and the account download that show it."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from actionlog.models import LoggedAction

# The changes to a person's membership, as her Manage page and her download say them.
MEMBERSHIP = {
    "people.invitation.created": "Invited to the workspace",
    "people.invitation.revoked": "Invitation withdrawn",
    "people.invitation.accepted": "Joined the workspace",
    "people.person.roles_set": "Roles changed",
    "people.person.activated": "Can sign in again",
    "people.person.deactivated": "Can no longer sign in",
    "datarights.departure.left": "Left the group",
    "datarights.departure.requested": "Asked for the account to be deleted",
    "datarights.departure.cancelled": "Decided to stay",
}


# What people do most, in the group's words; anything else is read from its code.
EVERYDAY = {
    "payments.finance.listed": "A payments list with your name was sent to finance",
    "meetings.rsvp.answered": "Said whether you are coming to a meeting",
    "meetings.settings.changed": "Changed your meeting settings",
    "meetings.calendar_link.made": "Made a calendar link",
    "meetings.calendar_link.removed": "Removed your calendar link",
    "meetings.observation.answered": "Answered about being observed at a meeting",
    "reflections.note.created": "Wrote a note",
    "reflections.note.saved": "Changed a note",
    "reflections.note.deleted": "Deleted a note",
    "reflections.note.draft_discarded": "Threw away unsaved changes to a note",
    "people.contact_detail.added": "Added a contact detail",
    "people.contact.deleted": "Removed a contact detail",
    "research.other_name.added": "Added another name you are known by",
    "research.other_name.removed": "Removed another name you are known by",
    "mentions.mention.answered": "Answered about a passage that names you",
    "mentions.research_choice.set": "Chose about research use of passages that name you",
    "research.project.item_made_again": "Your answer took passages about you out of a research "
    "analysis",
    "datarights.download.requested": "Asked for a copy of your data",
    "proposals.proposal.created": "Asked the group to decide something",
    "proposals.vote.cast": "Voted",
}


def describe(action: str) -> str:
    """'meetings.agenda_item.moved' -> 'Agenda item moved', unless it has its own words."""
    if action in MEMBERSHIP:
        return MEMBERSHIP[action]
    if action in EVERYDAY:
        return EVERYDAY[action]
    _app, thing, verb = action.split(".", 2)
    return f"{thing.replace('_', ' ').capitalize()} {verb.replace('_', ' ')}"


def membership_history(person_id: uuid.UUID) -> QuerySet[LoggedAction]:
    """Changes to a person's membership, newest first (her Manage page)."""
    return (
        LoggedAction.objects.filter(person_id=person_id, action__in=MEMBERSHIP)
        .select_related("by")
        .order_by("-at")
    )


def actions_of(person_id: uuid.UUID) -> QuerySet[LoggedAction]:
    """What a person did, and what others did about her, oldest first (her download)."""
    return (
        LoggedAction.objects.filter(Q(by_id=person_id) | Q(person_id=person_id))
        .select_related("by")
        .order_by("at")
    )


def who(action: LoggedAction, viewer_id: object) -> str:
    if action.by_id is None:
        return "the workspace"
    if action.by_id == viewer_id:
        return "you"
    return action.by.display_name if action.by is not None else ""


def codes(actions: Iterable[LoggedAction]) -> list[str]:
    return [action.action for action in actions]
