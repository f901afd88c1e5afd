"""Reminder emails: to the right people, once, with nothing that gives the meeting away."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from io import StringIO
from smtplib import SMTPException

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bridging_gaps.clock import LONDON
from meetings import reminders, services, tasks
from meetings.models import ReminderSent
from people.models import Role
from tests.factories import UserFactory
from tests.factories_meetings import MeetingFactory, RsvpFactory, in_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def soon():
    """A meeting in two days: reminders are due (MEETING_REMINDER_DAYS = 2)."""
    return MeetingFactory(
        starts_at=in_days(2), ends_at=in_days(2, hour=20), place="Secret Street Centre"
    )


def recipients_of(outbox) -> set[str]:
    return {address for message in outbox for address in message.to}


def test_reminders_go_to_people_going_or_not_answered_and_never_twice(soon):
    going = UserFactory(email="going@example.org")
    UserFactory(email="silent@example.org")
    maybe = UserFactory(email="maybe@example.org")
    not_going = UserFactory(email="notgoing@example.org")
    switched_off = UserFactory(email="off@example.org")
    UserFactory(email="outside@example.org", roles=[])
    UserFactory(email="gone@example.org", is_active=False)
    RsvpFactory(meeting=soon, person=going, answer="going")
    RsvpFactory(meeting=soon, person=maybe, answer="maybe")
    RsvpFactory(meeting=soon, person=not_going, answer="not_going")
    services.settings_update(person=switched_off, reminders=False, calendar_shows_place=False)

    tasks.daily_meeting_jobs.enqueue()
    assert recipients_of(mail.outbox) == {"going@example.org", "silent@example.org"}
    assert ReminderSent.objects.count() == 2

    # The task runs again (a second worker, a retry, the cron job): nothing more is sent.
    tasks.daily_meeting_jobs.enqueue()
    out = StringIO()
    call_command("meeting_reminders", stdout=out)
    assert "0 reminders queued" in out.getvalue()
    assert len(mail.outbox) == 2
    assert not tasks.send_reminder.call(str(soon.pk), str(going.pk))
    assert len(mail.outbox) == 2


def test_a_reminder_is_neutral_and_never_says_where(soon):
    UserFactory(email="ruth@example.org", display_name="Ruth")
    tasks.queue_due_reminders()
    (message,) = mail.outbox
    assert message.subject.startswith("Your workspace:")
    assert "Secret Street" not in message.subject + message.body
    assert "meeting" in message.body
    assert f"/meetings/{soon.pk}/" in message.body
    assert "/meetings/settings/" in message.body
    local = timezone.localtime(soon.starts_at)
    assert f"{local:%H:%M}" in message.body


def test_no_reminder_for_meetings_too_far_ahead_cancelled_or_started(cast):
    MeetingFactory(starts_at=in_days(5), ends_at=in_days(5, hour=20))
    cancelled = MeetingFactory(starts_at=in_days(1), ends_at=in_days(1, hour=20))
    services.meeting_cancel(meeting=cancelled, message="Closed", by=cast.facilitator)
    MeetingFactory(
        starts_at=timezone.now() - timedelta(minutes=5),
        ends_at=timezone.now() + timedelta(hours=1),
    )
    mail.outbox.clear()
    assert tasks.queue_due_reminders() == 0
    assert mail.outbox == []


def test_a_meeting_moved_to_another_time_is_reminded_of_again(cast, soon):
    member = UserFactory(email="member@example.org")
    tasks.queue_due_reminders()
    later = soon.starts_at + timedelta(hours=1)
    services.meeting_change(
        meeting=soon,
        starts_at=later,
        ends_at=later + timedelta(hours=2),
        where=soon.where(),
        by=cast.facilitator,
    )
    tasks.queue_due_reminders()
    tasks.queue_due_reminders()
    assert [m.to for m in mail.outbox if m.to == [member.email]] == [[member.email]] * 2


def test_when_sending_fails_nothing_is_recorded_so_the_next_run_tries_again(monkeypatch, soon):
    person = UserFactory()

    def broken(**kwargs):
        raise SMTPException("mail server down")

    monkeypatch.setattr(reminders, "send_mail", broken)
    with pytest.raises(SMTPException):
        tasks.send_reminder.call(str(soon.pk), str(person.pk))
    assert not ReminderSent.objects.exists()
    monkeypatch.undo()
    assert tasks.send_reminder.call(str(soon.pk), str(person.pk))
    assert len(mail.outbox) == 1


def test_a_person_switches_reminders_off_on_their_settings_page(client, soon):
    person = UserFactory(roles=[Role.MEMBER])
    client.force_login(person)
    client.post("/meetings/settings/", {"calendar_shows_place": ""})
    tasks.queue_due_reminders()
    assert person.email not in recipients_of(mail.outbox)


def test_the_daily_run_is_queued_once_for_the_next_morning(database_tasks, cast):
    assert tasks.reminders_keep_running()
    assert not tasks.reminders_keep_running()
    queued = DBTaskResult.objects.get(task_path="meetings.tasks.daily_meeting_jobs")
    run_at = queued.run_after.astimezone(LONDON)
    assert run_at.time() == time(9)
    assert timezone.now() < queued.run_after <= timezone.now() + timedelta(days=1)


def test_scheduling_meetings_starts_the_daily_run(
    database_tasks, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_add(
            starts_at=in_days(3),
            ends_at=in_days(3, hour=20),
            where={"place": "Room"},
            by=cast.facilitator,
        )
    assert DBTaskResult.objects.filter(task_path="meetings.tasks.daily_meeting_jobs").count() == 1


def test_the_daily_run_queues_the_next_one_even_after_an_error(database_tasks, monkeypatch):
    def broken():
        raise RuntimeError("database hiccup")

    monkeypatch.setattr(tasks, "run_daily_jobs", broken)
    with pytest.raises(RuntimeError):
        tasks.daily_meeting_jobs.call()
    assert DBTaskResult.objects.filter(task_path="meetings.tasks.daily_meeting_jobs").exists()


def test_a_second_chain_folds_into_the_first(database_tasks):
    tasks.reminders_keep_running()
    # A run of another chain finds a run waiting and queues no successor.
    tasks.daily_meeting_jobs.call()
    assert DBTaskResult.objects.filter(task_path="meetings.tasks.daily_meeting_jobs").count() == 1


def test_the_next_run_is_tomorrow_once_this_mornings_has_passed():
    nine = datetime(2026, 3, 29, 9, tzinfo=LONDON)
    assert tasks.next_daily_run(nine - timedelta(minutes=1)) == nine
    assert tasks.next_daily_run(nine) == datetime(2026, 3, 30, 9, tzinfo=LONDON)


def test_the_command_for_cron_sends_what_is_due(soon):
    UserFactory(email="cron@example.org")
    out = StringIO()
    call_command("meeting_reminders", "--start-daily", stdout=out)
    assert recipients_of(mail.outbox) == {"cron@example.org"}
    assert "1 reminders queued" in out.getvalue()
