"""Writes about meetings. Small keyword-only functions, each in one transaction,
taking `by=` (who did it). The agenda is in meetings/agenda/services.py, minutes and actions
in meetings/minutes/services.py."""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from actionlog.services import log_action
from meetings.models import (
    Attendance,
    AttendanceRemoved,
    GroupAgreement,
    Meeting,
    MeetingSettings,
    ObservationAnswer,
    Payment,
    Rsvp,
    Series,
)
from meetings.planning import plan_ahead_until, series_plan_ahead
from meetings.tasks import reminders_keep_running
from mentions.services import mentions_sync
from people.models import Role, User


def _start_reminders() -> None:
    transaction.on_commit(reminders_keep_running)


# --- Series and meetings ---------------------------------------------------


@transaction.atomic
def series_create(
    *,
    rule: str,
    first_date: date,
    start_time: time,
    duration: timedelta,
    where: Mapping[str, Any],
    by: User,
) -> Series:
    """A repeating series, with its meetings planned `MEETINGS_PLAN_AHEAD_DAYS` ahead."""
    series = Series.objects.create(
        rule=rule,
        first_date=first_date,
        start_time=start_time,
        duration=duration,
        planned_until=first_date - timedelta(days=1),
        created_by=by,
        **where,
    )
    series_plan_ahead(series=series, until=max(plan_ahead_until(), first_date), by=by)
    _start_reminders()
    log_action(by=by, action="meetings.series.created", obj=series)
    return series


@transaction.atomic
def meeting_add(
    *,
    starts_at: datetime,
    ends_at: datetime,
    where: Mapping[str, Any],
    by: User,
    series: Series | None = None,
) -> Meeting:
    """One extra meeting, in a series or on its own."""
    meeting = Meeting.objects.create(
        starts_at=starts_at, ends_at=ends_at, series=series, updated_by=by, **where
    )
    _start_reminders()
    log_action(by=by, action="meetings.meeting.added", obj=meeting)
    return meeting


@transaction.atomic
def meeting_change(
    *, meeting: Meeting, starts_at: datetime, ends_at: datetime, where: Mapping[str, Any], by: User
) -> bool:
    """Move a meeting or change its place. Calendars see a higher SEQUENCE."""
    changes = {"starts_at": starts_at, "ends_at": ends_at, **where}
    changed = [name for name, value in changes.items() if getattr(meeting, name) != value]
    if not changed:
        return False
    for name in changed:
        setattr(meeting, name, changes[name])
    meeting.sequence += 1
    meeting.updated_at = timezone.now()
    meeting.updated_by = by
    meeting.save()
    log_action(by=by, action="meetings.meeting.changed", obj=meeting)
    return True


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, message: str, by: User) -> None:
    meeting.cancelled_at = timezone.now()
    meeting.cancellation_message = message
    meeting.sequence += 1
    meeting.updated_at = timezone.now()
    meeting.updated_by = by
    meeting.save()
    mentions_sync(
        source_kind="cancellation",
        source_id=meeting.pk,
        texts={"cancellation_message": message},
        writer=by,
    )
    log_action(by=by, action="meetings.meeting.cancelled", obj=meeting)


@transaction.atomic
def meeting_restore(*, meeting: Meeting, by: User) -> None:
    meeting.cancelled_at = None
    meeting.cancellation_message = ""
    mentions_sync(
        source_kind="cancellation",
        source_id=meeting.pk,
        texts={"cancellation_message": ""},
        writer=by,
    )
    meeting.sequence += 1
    meeting.updated_at = timezone.now()
    meeting.updated_by = by
    meeting.save()
    log_action(by=by, action="meetings.meeting.restored", obj=meeting)


# --- RSVP, attendance and payments -----------------------------------------


@transaction.atomic
def rsvp_set(
    *,
    meeting: Meeting,
    person: User,
    answer: str,
    travel_costs: bool = False,
    childcare: bool = False,
    dietary: str = "",
    access: str = "",
) -> Rsvp:
    rsvp, _created = Rsvp.objects.update_or_create(
        meeting=meeting,
        person=person,
        defaults={
            "answer": answer,
            "travel_costs": travel_costs,
            "childcare": childcare,
            "dietary": dietary,
            "access": access,
            "answered_at": timezone.now(),
        },
    )
    # The answer, never the needs she typed.
    log_action(by=person, action="meetings.rsvp.answered", obj=rsvp, data={"answer": str(answer)})
    return rsvp


def is_paid_for_attending(person: User) -> bool:
    """Members with lived experience are paid (usually in vouchers) for their time."""
    return person.has_role(Role.MEMBER)


@dataclass
class AttendanceChange:
    added: list[User] = field(default_factory=list)
    removed: list[User] = field(default_factory=list)
    # Taken off the list, but their payment was already issued, so it stays.
    payment_kept: list[User] = field(default_factory=list)


@transaction.atomic
def attendance_set(*, meeting: Meeting, present: Iterable[User], by: User) -> AttendanceChange:
    """Who came. Members with lived experience get a payment to issue."""
    Meeting.objects.select_for_update().filter(pk=meeting.pk).exists()
    current = {a.person_id: a for a in meeting.attendances.select_related("person")}
    wanted = {person.pk: person for person in present}
    change = AttendanceChange()
    for person_id, person in wanted.items():
        if person_id in current:
            continue
        Attendance.objects.create(meeting=meeting, person=person, recorded_by=by)
        if is_paid_for_attending(person):
            Payment.objects.get_or_create(
                meeting=meeting, person=person, defaults={"updated_by": by}
            )
        change.added.append(person)
    for person_id, attendance in current.items():
        if person_id in wanted:
            continue
        payment = Payment.objects.filter(meeting=meeting, person_id=person_id).first()
        kept = payment is not None and payment.issued
        if kept:
            change.payment_kept.append(attendance.person)
        elif payment is not None:
            payment.delete()
        attendance.delete()
        change.removed.append(attendance.person)
        _tell_removed(
            meeting, attendance.person, by, cancelled=payment is not None and not kept, kept=kept
        )
    log_action(
        by=by,
        action="meetings.attendance.set",
        obj=meeting,
        data={"added": [p.pk for p in change.added], "removed": [p.pk for p in change.removed]},
    )
    return change


def _tell_removed(meeting: Meeting, person: User, by: User, *, cancelled: bool, kept: bool) -> None:
    """Nothing changes behind her back: the record says so, and she is told."""
    from people.services import notice_send

    AttendanceRemoved.objects.create(
        meeting=meeting,
        person=person,
        removed_by=by,
        payment_cancelled=cancelled,
        payment_kept=kept,
    )
    day = timezone.localtime(meeting.starts_at).strftime("%-d %B %Y")
    text = (
        f"{by.display_name} changed the record of who came to the meeting on {day}: "
        "you are no longer recorded as there."
    )
    if cancelled:
        text += " The voucher or payment not given to you yet for it is cancelled."
    if kept:
        text += " The voucher or payment already given to you stays yours."
    text += " If this is wrong, tell a facilitator."
    notice_send(person=person, text=text, url=reverse("my_meetings"))


@transaction.atomic
def payment_update(
    *,
    payment: Payment,
    amount: Decimal,
    kind: str,
    issued: bool,
    issued_on: date | None,
    by: User,
) -> Payment:
    payment.amount = amount
    payment.kind = kind
    payment.issued = issued
    payment.issued_on = issued_on if issued else None
    payment.updated_by = by
    payment.updated_at = timezone.now()
    payment.save()
    log_action(
        by=by,
        action="meetings.payment.changed",
        obj=payment,
        person=payment.person,
        data={"issued": issued},
    )
    return payment


# --- Agenda and group agreement --------------------------------------------


@transaction.atomic
def agreement_write(*, text: str, by: User) -> GroupAgreement:
    done = GroupAgreement.objects.create(text=text, written_by=by)
    log_action(by=by, action="meetings.agreement.written", obj=done)
    return done


# --- Each person's settings ------------------------------------------------


def settings_for(person: User) -> MeetingSettings:
    """The person's settings, or the defaults (unsaved) if they never changed them."""
    return MeetingSettings.objects.filter(person=person).first() or MeetingSettings(person=person)


@transaction.atomic
def settings_update(*, person: User, reminders: bool, calendar_shows_place: bool) -> None:
    chosen, _ = MeetingSettings.objects.update_or_create(
        person=person,
        defaults={"reminders": reminders, "calendar_shows_place": calendar_shows_place},
    )
    log_action(
        by=person,
        action="meetings.settings.changed",
        obj=chosen,
        data={"reminders": reminders, "calendar_shows_place": calendar_shows_place},
    )


@transaction.atomic
def calendar_link_make(*, person: User) -> str:
    """A new secret for the person's calendar link. The old link stops working."""
    token = secrets.token_urlsafe(32)
    chosen, _ = MeetingSettings.objects.update_or_create(
        person=person,
        defaults={"calendar_token": token, "calendar_token_created_at": timezone.now()},
    )
    log_action(by=person, action="meetings.calendar_link.made", obj=chosen)
    return token


@transaction.atomic
def calendar_link_remove(*, person: User) -> None:
    MeetingSettings.objects.filter(person=person).update(
        calendar_token=None, calendar_token_created_at=None
    )
    chosen = MeetingSettings.objects.filter(person=person).first()
    if chosen is not None:
        log_action(by=person, action="meetings.calendar_link.removed", obj=chosen)


# --- Observation -----------------------------------------------------------


@transaction.atomic
def observer_set(*, meeting: Meeting, observer: User | None, by: User) -> None:
    """Name the researcher who will observe (or nobody). Answers given about an
    earlier observer do not count for a new one: everyone is asked again."""
    if observer is not None and not observer.has_role(Role.RESEARCHER):
        raise ValueError("Only a researcher can observe a meeting.")
    meeting.observer = observer
    meeting.updated_at = timezone.now()
    meeting.updated_by = by
    meeting.save(update_fields=["observer", "updated_at", "updated_by"])
    log_action(by=by, action="meetings.observer.set", obj=meeting, person=observer)


@transaction.atomic
def observation_answer(*, meeting: Meeting, person: User, consents: bool) -> ObservationAnswer:
    if meeting.observer_id is None:
        raise ValueError("Nobody is observing this meeting.")
    answer = ObservationAnswer.objects.create(
        meeting=meeting, person=person, observer_id=meeting.observer_id, consents=consents
    )
    log_action(
        by=person, action="meetings.observation.answered", obj=meeting, data={"consents": consents}
    )
    return answer
