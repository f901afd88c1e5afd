"""Who may use the meeting pages.

Meetings belong to the whole group: every page about them is for people holding
a role in it (GroupOnly). Facilitators' tools refuse everyone else (403).
Minutes are items of the consent ledger: their page is tried as every viewer in
every consent state, and "You said, we did" lists only decisions from minutes
the viewer may read.
"""

from tests.authz.specs import (
    FacilitatorsOnly,
    GroupOnly,
    ItemPage,
    ListPage,
    OwnerOnly,
    PartOfItemPage,
    Public,
)
from tests.factories_meetings import (
    ActionFactory,
    AgendaItemFactory,
    DecisionFactory,
    MeetingFactory,
    MinutesFactory,
    SeriesFactory,
    in_days,
)


def make_minutes(owner, secret):
    return MinutesFactory(owner=owner, body=secret)


def make_minutes_with_decision(owner, secret):
    minutes = MinutesFactory(owner=owner, body="Minutes")
    DecisionFactory(minutes=minutes, text=secret, updated_by=owner)
    return minutes


def meeting(cast):
    return [MeetingFactory().pk]


def past_meeting(cast):
    return [MeetingFactory(starts_at=in_days(-7), ends_at=in_days(-7, hour=20)).pk]


def agenda_meeting(cast):
    item = AgendaItemFactory(proposed_by=cast.member)
    return [item.meeting_id]


def make_action(owner, secret):
    return ActionFactory(minutes=MinutesFactory(owner=owner), description=secret)


def make_decision(owner, secret):
    return DecisionFactory(minutes=MinutesFactory(owner=owner), text=secret)


CLASSIFIED = {
    # Everyone in the group.
    "meeting_list": GroupOnly(),
    "meeting_detail": GroupOnly(args=meeting),
    "meeting_rsvp": GroupOnly(args=meeting),
    "agenda_propose": GroupOnly(args=meeting),
    "observation_answer": GroupOnly(args=meeting, method="post"),
    "meeting_ics": GroupOnly(args=meeting),
    "group_agreement": GroupOnly(),
    "my_meetings": GroupOnly(),
    "meeting_settings": GroupOnly(),
    # The secret in the link is the key; tested in tests/meetings/test_calendar.py.
    "calendar_feed": Public(),
    "you_said_we_did": ListPage(make=make_minutes_with_decision, group_only=True),
    # Facilitators.
    "series_list": FacilitatorsOnly(),
    "series_create": FacilitatorsOnly(),
    "series_plan_ahead": FacilitatorsOnly(args=lambda cast: [SeriesFactory().pk], method="post"),
    "meeting_add": FacilitatorsOnly(),
    "meeting_change": FacilitatorsOnly(args=meeting),
    "meeting_cancel": FacilitatorsOnly(args=meeting),
    "meeting_restore": FacilitatorsOnly(args=meeting, method="post"),
    "meeting_answers": FacilitatorsOnly(args=meeting),
    "meeting_attendance": FacilitatorsOnly(args=past_meeting),
    "meeting_payments": FacilitatorsOnly(args=past_meeting),
    "payments_export": FacilitatorsOnly(),
    "agenda_manage": FacilitatorsOnly(args=agenda_meeting),
    "observer_set": FacilitatorsOnly(args=meeting),
    "agreement_change": FacilitatorsOnly(),
    "minutes_create": FacilitatorsOnly(args=past_meeting),
    # Parts of minutes: where the minutes may be read, for facilitators and the writer.
    "action_update": PartOfItemPage(make=make_action, item_of=lambda action: action.minutes),
    "decision_update": PartOfItemPage(
        make=make_decision, item_of=lambda decision: decision.minutes
    ),
    # Minutes: read through the consent policy; changed only by their writer.
    "minutes_detail": ItemPage(make=make_minutes),
    "minutes_change": OwnerOnly(make=make_minutes),
    "decision_add": OwnerOnly(make=make_minutes, method="post"),
    "action_add": OwnerOnly(make=make_minutes, method="post"),
}
