"""Demo meetings: a fortnightly series with past and future meetings, answers,
attendance, payments, an agenda, minutes with decisions and actions. Invented."""

from __future__ import annotations

from datetime import time, timedelta
from decimal import Decimal

from django.utils import timezone

from meetings import services
from meetings.agenda import services as agenda_services
from meetings.minutes import services as minutes_services
from meetings.models import AgendaItem, Meeting, Payment
from meetings.recurrence import Repeat, build_rule
from people.models import User

AGREEMENT = """We listen to each other and do not interrupt.
What is said in the group stays in the group.
Everyone's experience is valid. We do not judge.
You can take a break or leave the room at any time, without saying why.
You do not have to share anything you do not want to.
We use first names only in the minutes.
Phones on silent, please."""


def seed(people: dict[str, User]) -> None:
    faye = people["faye"]
    members = [people[key] for key in ("ruth", "maya", "jo", "shell")]
    today = timezone.localdate()
    # A Tuesday ten weeks ago: five meetings have happened.
    first = today - timedelta(days=today.weekday() - 1 + 70)
    series = services.series_create(
        rule=build_rule(Repeat.FORTNIGHTLY, first),
        first_date=first,
        start_time=time(18, 0),
        duration=timedelta(hours=2),
        where={
            "place": "Community room, Demo Centre\n1 Example Street, Bristol",
            "step_free": True,
            "quiet_room": True,
            "creche": True,
            "access_notes": "Use the side door on Example Lane. Tea and a hot meal provided.",
        },
        by=faye,
    )
    services.agreement_write(text=AGREEMENT, by=faye)
    now = timezone.now()
    meetings = list(series.meetings.order_by("starts_at"))
    past = [m for m in meetings if m.ends_at <= now]
    upcoming = [m for m in meetings if m.ends_at > now]

    for index, meeting in enumerate(past):
        came = [*members[: 2 + index % 3], people["sam"], people["lee"], faye]
        services.attendance_set(meeting=meeting, present=came, by=faye)
        for payment in Payment.objects.filter(meeting=meeting):
            if meeting != past[-1]:
                services.payment_update(
                    payment=payment,
                    amount=Decimal("20.00"),
                    kind=Payment.Kind.VOUCHER,
                    issued=True,
                    issued_on=timezone.localdate(meeting.starts_at) + timedelta(days=2),
                    by=faye,
                )
    _minutes(past[-2], faye, people, outcome=True)
    _minutes(past[-1], faye, people, outcome=False)

    nxt, after, later = upcoming[0], upcoming[1], upcoming[2]
    services.rsvp_set(meeting=nxt, person=people["ruth"], answer="going", travel_costs=True)
    services.rsvp_set(meeting=nxt, person=people["maya"], answer="maybe", childcare=True)
    services.rsvp_set(meeting=nxt, person=people["jo"], answer="not_going")
    services.rsvp_set(meeting=nxt, person=people["sam"], answer="going", dietary="Vegetarian")
    accepted = agenda_services.agenda_propose(
        meeting=nxt,
        title="Being asked to repeat my story at every appointment",
        details="Could the practice note it once, with my permission?",
        show_name=True,
        by=people["ruth"],
    )
    agenda_services.agenda_decide(item=accepted, status=AgendaItem.Status.ACCEPTED, by=faye)
    agenda_services.agenda_propose(
        meeting=nxt, title="Text message reminders from the surgery", by=people["maya"]
    )
    services.observer_set(meeting=after, observer=people["priya"], by=faye)
    services.observation_answer(meeting=after, person=people["ruth"], consents=True)
    services.observation_answer(meeting=after, person=people["jo"], consents=False)
    services.meeting_cancel(
        meeting=later,
        message="The centre is closed for repairs. We meet again two weeks later.",
        by=faye,
    )


def _minutes(meeting: Meeting, faye: User, people: dict[str, User], *, outcome: bool) -> None:
    minutes = minutes_services.minutes_write(
        meeting=meeting,
        body="Welcome and check-in.\n\nWe talked about the reception desk and how it feels "
        "to give personal details out loud. Dr Sam Sample shared what the practice is "
        "trying.\n\nNext time: text message reminders.",
        audience="group",
        by=faye,
    )
    decision = minutes_services.decision_add(
        minutes=minutes, text="Ask the practice for a private space at reception.", by=faye
    )
    action = minutes_services.action_add(
        minutes=minutes,
        description="Write to the practice manager about a private space.",
        owner=faye,
        due_on=timezone.localdate(meeting.starts_at) + timedelta(days=14),
        by=faye,
    )
    minutes_services.action_add(
        minutes=minutes,
        description="Bring examples of good practice from other surgeries.",
        owner=people["sam"],
        by=faye,
    )
    if outcome:
        minutes_services.decision_update(
            decision=decision,
            outcome="The practice put up a sign: you can ask to talk in a side room.",
            by=faye,
        )
        minutes_services.action_update(
            action=action, status="done", outcome="Letter sent; the practice agreed.", by=faye
        )
