"""Meetings' part of data rights (datarights/hooks.py).

The download holds a person's answers (with what would help them come), attendance,
payments and the payments lists that named them, settings and reminders, agenda
suggestions, observation answers, minutes they wrote and actions given to them.

Deleting an account keeps what the group and its funders rely on, under the pseudonym:
attendance (so a meeting's count stays right), payments already issued, the payments
lists sent to finance, observation answers (so a researcher still never describes
someone who said no), actions given to them. It deletes their words: answers and needs,
agenda suggestions, minutes they wrote (with their decisions and actions), and what they
wrote about how a decision or an action went. Payments not issued yet are cancelled.
"""

from __future__ import annotations

from django.utils import timezone

from consent.describe import who_can_see
from consent.kinds import Kind
from consent.policy import owned
from consent.services import item_delete
from datarights.hooks import ONLY_YOU, Entry, Fact, Section, Text, day, facts
from meetings.access import parts_in_others_minutes_for
from meetings.models import (
    Action,
    AgendaItem,
    Attendance,
    Decision,
    FinanceExport,
    MeetingSettings,
    Minutes,
    ObservationAnswer,
    Payment,
    ReminderSent,
    Rsvp,
)
from mentions.services import mentions_forget_source, mentions_sync
from people.models import User

MINUTES_DELETED = "The writer's account was deleted."


def _needs(rsvp: Rsvp) -> list[Fact]:
    return facts(
        ("Help with travel costs", rsvp.travel_costs, "travel_costs"),
        ("Childcare", rsvp.childcare, "childcare"),
        ("Food", rsvp.dietary, "food"),
        ("Access", rsvp.access, "access"),
    )


def _meetings_section(person: User) -> Section:
    rsvps = list(
        Rsvp.objects.filter(person=person).select_related("meeting").order_by("answered_at")
    )
    attended = list(
        Attendance.objects.filter(person=person).select_related("meeting", "recorded_by")
    )
    reminders = list(ReminderSent.objects.filter(person=person).select_related("meeting"))
    mine = MeetingSettings.objects.filter(person=person).first()
    entries = [
        Entry(
            group="answers",
            heading=f"Your answer for the {rsvp.meeting}",
            facts=facts(
                ("Meeting", str(rsvp.meeting)),
                ("Starts", rsvp.meeting.starts_at, "starts_at"),
                ("Answer", rsvp.answer, "answer", rsvp.get_answer_display()),
                ("Answered", rsvp.answered_at, "answered_at"),
            )
            + _needs(rsvp),
        )
        for rsvp in rsvps
    ]
    entries += [
        Entry(
            group="attended",
            heading=f"You came to the {a.meeting}",
            facts=facts(
                ("Meeting", str(a.meeting)),
                ("Starts", a.meeting.starts_at, "starts_at"),
                ("Recorded", a.recorded_at, "recorded_at"),
            ),
        )
        for a in attended
    ]
    entries += [
        Entry(
            group="reminders",
            heading=f"A reminder emailed to you for the {r.meeting}",
            facts=facts(("Meeting", str(r.meeting)), ("Sent", r.sent_at, "sent_at")),
        )
        for r in reminders
    ]
    if mine is not None:
        entries.append(
            Entry(
                group="settings",
                heading="Your meeting settings",
                facts=facts(
                    ("Reminders by email", mine.reminders, "reminders"),
                    ("Place shown in your calendar", mine.calendar_shows_place),
                    ("Private calendar link made", bool(mine.calendar_token), "calendar_link"),
                ),
            )
        )
    return Section(
        key="meetings",
        title="Your meetings",
        intro="Your answers (and what would help you come), the meetings you came to, "
        "reminders and your settings. Your private calendar link is not in this file: "
        "anyone holding it could see the meeting times.",
        entries=entries,
        groups=("answers", "attended", "reminders", "settings"),
        empty="You have not answered for any meeting, and no attendance is recorded.",
    )


def _payments_section(person: User) -> Section:
    payments = list(Payment.objects.filter(person=person).select_related("meeting"))
    exports = list(
        FinanceExport.objects.filter(people__contains=[str(person.pk)]).select_related(
            "exported_by"
        )
    )
    entries = [
        Entry(
            group="payments",
            heading=f"{p.get_kind_display()} for the {p.meeting}",
            facts=facts(
                ("Meeting", str(p.meeting)),
                ("Kind", p.kind, "kind", p.get_kind_display()),
                ("Amount", p.amount, "amount", f"£{p.amount}"),
                ("Given", p.issued, "issued", "" if p.issued else "not yet"),
                ("Given on", p.issued_on, "issued_on"),
            ),
        )
        for p in payments
    ]
    entries += [
        Entry(
            group="finance_lists",
            heading=f"A payments list for the finance team named you ({day(e.exported_at)})",
            facts=facts(
                ("Downloaded", e.exported_at, "downloaded_at"),
                ("Sent by", e.exported_by.display_name, "by"),
                ("Meetings from", e.first_day, "first_day"),
                ("Meetings to", e.last_day, "last_day"),
            ),
        )
        for e in exports
    ]
    return Section(
        key="payments",
        title="Your payments and vouchers",
        entries=entries,
        groups=("payments", "finance_lists"),
        empty="No payments are recorded for you.",
    )


def _agenda_section(person: User) -> Section:
    items = list(AgendaItem.objects.filter(proposed_by=person).select_related("meeting"))
    return Section(
        key="agenda",
        title="Things you suggested for meetings",
        entries=[
            Entry(
                heading=item.title,
                facts=facts(
                    ("Meeting", str(item.meeting)),
                    ("Title", item.title),
                    ("Suggested", item.created_at, "suggested_at"),
                    ("What happened", item.status, "status", item.get_status_display()),
                    ("Your name shown with it", item.show_name, "show_name"),
                ),
                texts=[Text("Details", item.details)],
            )
            for item in items
        ],
        empty="You have not suggested anything for a meeting.",
    )


def _action_facts(action: Action) -> list[Fact]:
    return facts(
        ("What to do", action.description, "description"),
        ("Who", action.who),
        ("By", action.due_on, "due_on"),
        ("How it is going", action.status, "status", action.get_status_display()),
        ("What came of it", action.outcome, "outcome"),
    )


def _minutes_section(person: User) -> Section:
    written = list(
        owned(Minutes.objects.all(), person).prefetch_related("decisions", "actions__owner")
    )
    seen_by = who_can_see(person, Kind.MINUTES)
    # Actions given to her and outcomes she wrote, only in minutes she may read: an
    # action's words are the minutes writer's, and the minutes are shared like any other
    # item. Of a decision, her words only, not the decision (the minutes writer's).
    given, outcomes = parts_in_others_minutes_for(person)
    entries = [
        Entry(
            group="minutes_written",
            heading=f"Minutes: {minutes.meeting}",
            facts=facts(
                ("Meeting", str(minutes.meeting)),
                ("Written", minutes.created_at, "written_at"),
                ("Who can see them", seen_by.get(minutes.pk, ONLY_YOU), "who_can_see"),
            ),
            texts=[Text("Minutes", minutes.body, key="body")],
            parts=[
                Entry(
                    group="decisions",
                    heading=f"Decision: {d.text}",
                    facts=facts(
                        ("Decided", d.text, "text"), ("What came of it", d.outcome, "outcome")
                    ),
                )
                for d in minutes.decisions.all()
            ]
            + [
                Entry(group="actions", heading=f"Action: {a.description}", facts=_action_facts(a))
                for a in minutes.actions.all()
            ],
        )
        for minutes in written
    ]
    entries += [
        Entry(
            group="actions_given_to_you",
            heading=f"An action given to you: {a.description}",
            facts=facts(("Minutes", title)) + _action_facts(a),
        )
        for a, title in given
    ]
    entries += [
        Entry(
            group="decision_outcomes_you_wrote",
            heading="What you wrote about how a decision went",
            facts=facts(("Minutes", minutes_title), ("What came of it", d.outcome, "outcome")),
        )
        for d, minutes_title in outcomes
    ]
    return Section(
        key=Kind.MINUTES,
        title="Minutes you wrote, and actions given to you",
        entries=entries,
        groups=("minutes_written", "actions_given_to_you", "decision_outcomes_you_wrote"),
        empty="You have not written minutes, and no action was given to you.",
    )


def _observation_section(person: User) -> Section:
    answers = list(
        ObservationAnswer.objects.filter(person=person)
        .select_related("meeting", "observer")
        .order_by("answered_at")
    )
    return Section(
        key="observation_answers",
        title="Your answers about researchers observing meetings",
        entries=[
            Entry(
                heading=f"{'Yes' if a.consents else 'No'}, for the {a.meeting}",
                facts=facts(
                    ("Meeting", str(a.meeting)),
                    ("Researcher", a.observer.display_name),
                    ("You agreed", a.consents, "agreed"),
                    ("Answered", a.answered_at, "answered_at"),
                ),
            )
            for a in answers
        ],
        empty="You were never asked about a researcher observing a meeting.",
    )


def collect(person: User) -> list[Section]:
    return [
        _meetings_section(person),
        _payments_section(person),
        _agenda_section(person),
        _minutes_section(person),
        _observation_section(person),
    ]


def leave(person: User) -> None:
    """Someone who left is not coming: their answers for meetings ahead go (the counts
    others see stay true), and their private calendar link stops working."""
    Rsvp.objects.filter(person=person, meeting__starts_at__gt=timezone.now()).delete()
    MeetingSettings.objects.filter(person=person).update(
        calendar_token=None, calendar_token_created_at=None
    )


def erase_preview(person: User) -> list[str]:
    sentences = [
        "Your answers about meetings, and what you said would help you come, are deleted. "
        "Meetings keep a count of who came, without your name."
    ]
    payments = Payment.objects.filter(person=person)
    if payments.filter(issued=True).exists():
        sentences.append(
            "Vouchers and payments already given to you stay in the finance record, with "
            "the code instead of your name."
        )
    if payments.filter(issued=False).exists():
        sentences.append(
            "Vouchers or payments not given to you yet are cancelled. If you are owed one, "
            "ask a facilitator before your account is deleted."
        )
    if AgendaItem.objects.filter(proposed_by=person).exists():
        sentences.append("Things you suggested for meetings are taken off the agenda.")
    written = owned(Minutes.objects.all(), person).count()
    if written:
        sentences.append(
            f"You wrote the minutes of {written} meeting{'s' if written != 1 else ''}. They "
            "are deleted for everyone, with their decisions and actions. If the group needs "
            "them, ask another facilitator to write them again before your account is deleted."
        )
    if Action.objects.filter(owner=person).exists():
        sentences.append(
            "Actions given to you stay in the minutes, with the code instead of your name."
        )
    return sentences


def erase(person: User, pseudonym: str) -> None:
    Rsvp.objects.filter(person=person).delete()
    MeetingSettings.objects.filter(person=person).delete()
    ReminderSent.objects.filter(person=person).delete()
    Payment.objects.filter(person=person, issued=False).delete()
    for item in AgendaItem.objects.filter(proposed_by=person):
        mentions_forget_source(source_kind="agenda_item", source_id=item.pk)
        item.delete()
    for minutes in owned(Minutes.objects.all(), person):
        # The passages in them that named others go with them (their history keeps it).
        for decision_id in Decision.objects.filter(minutes=minutes).values_list("pk", flat=True):
            mentions_forget_source(source_kind="decision", source_id=decision_id)
        for action_id in Action.objects.filter(minutes=minutes).values_list("pk", flat=True):
            mentions_forget_source(source_kind="action", source_id=action_id)
        item_delete(item=minutes, by=person, reason=MINUTES_DELETED)
    # What they wrote about how others' decisions and actions went.
    for kind, model in (("decision", Decision), ("action", Action)):
        written = model.objects.filter(updated_by=person).exclude(outcome="")
        for part_id in written.values_list("pk", flat=True):
            mentions_sync(source_kind=kind, source_id=part_id, texts={"outcome": ""}, writer=person)
        written.update(outcome="")
