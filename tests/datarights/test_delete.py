"""Delete my account: the password again, a cooling-off period that signing in stops,
then every word she wrote goes, while the ledger goes on answering under a pseudonym."""

from __future__ import annotations

import re
import time
from datetime import timedelta
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from allauth.mfa.utils import decrypt
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from consent.models import AccessEvent, Audience, Share
from datarights import erasure, services
from datarights.models import DataDownload, Departure
from interviews.models import ConsentWithdrawal, Interview, Passage
from meetings.models import Attendance, Decision, Payment
from people.models import Role, RoleChange, User
from reflections.models import ReflectiveNote
from tests.datarights.everything import build_world
from tests.factories import PASSWORD, UserFactory
from tests.factories_reflections import write_note
from tests.helpers import share

pytestmark = pytest.mark.django_db

TEXT_TYPES = ("text", "character varying", "jsonb", "json", "tsvector", "ARRAY")


def columns_holding(words: list[str]) -> list[str]:
    """Every text, varchar, JSON, array and full-text column of every table of the
    database that holds one of `words`, as "table.column: word"."""
    pattern = "|".join(re.escape(word) for word in words)
    found = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND data_type = ANY(%s)",
            [list(TEXT_TYPES)],
        )
        for table, column in cursor.fetchall():
            cursor.execute(
                f'SELECT "{column}"::text FROM "{table}" WHERE "{column}"::text ~* %s',  # noqa: S608
                [pattern],
            )
            for (value,) in cursor.fetchall():
                hits = [word for word in words if word.lower() in value.lower()]
                found += [f"{table}.{column}: {word}" for word in hits]
    return found


def stored_files_holding(words: list[bytes]) -> list[str]:
    """Stored files whose content (read through the storage: they are encrypted on disk)
    holds any of the words."""
    from django.core.files.storage import default_storage

    root = Path(settings.STORAGES["default"]["OPTIONS"]["location"])
    found = []
    for path in root.rglob("*"):
        if not path.is_file():
            continue
        name = str(path.relative_to(root))
        with default_storage.open(name) as stored:
            if any(word in stored.read() for word in words):
                found.append(name)
    return found


def ask_for_deletion(client, person, password=PASSWORD):
    client.force_login(person)
    return client.post(reverse("account_delete"), {"password": password, "understand": "on"})


@pytest.fixture
def world(db):
    return build_world()


def test_the_delete_page_says_plainly_what_happens_before_anything_changes(client, world):
    client.force_login(world.person)
    page = client.get(reverse("account_delete")).text
    for sentence in (
        "You have 14 days to change your mind.",
        "sign in and the deletion stops",
        "Your 2 notes, with every earlier version",
        "The interview you gave is deleted",
        "You hold 1 interview for participants without an account",
        "Interviews you conducted stay with the people you interviewed",
        "observation note is deleted",
        "You wrote the minutes of 1 meeting",
        "Vouchers and payments already given to you stay in the finance record",
        "Vouchers or payments not given to you yet are cancelled",
        "Things you suggested for meetings are taken off the agenda",
        "Actions given to you stay in the minutes",
        "Things you wrote for the whole group stay",
        "Research exports made before now may hold your words",
        "Your contact details are deleted.",
        "The other names you keep for research are deleted.",
    ):
        assert sentence in page, sentence
    world.person.refresh_from_db()
    assert world.person.is_active
    assert not Departure.objects.exists()


def test_a_member_with_little_is_told_only_what_applies_to_her(client):
    person = UserFactory(roles=[Role.MEMBER])
    client.force_login(person)
    page = client.get(reverse("account_delete")).text
    main = page[page.index("<main") : page.index("</main>")]
    for absent in ("interview you gave", "You hold", "minutes", "for the whole group", "notes,"):
        assert absent not in main, absent
    assert "Your answers about meetings" in main


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"password": "not-it", "understand": "on"}, "That is not your password."),
        ({"password": PASSWORD}, "Tick the box to say you understand."),
    ],
)
def test_deleting_needs_her_password_again_and_the_tick(client, data, message):
    person = UserFactory()
    client.force_login(person)
    response = client.post(reverse("account_delete"), data)
    assert response.status_code == 200
    assert message in response.text
    person.refresh_from_db()
    assert person.is_active
    assert not Departure.objects.exists()


def test_asking_closes_the_account_now_and_nobody_sees_her_things_from_the_next_page(client, world):
    client.force_login(world.other)
    note_url = reverse("note_detail", args=[world.note.pk])
    assert client.get(note_url).status_code == 200

    before = timezone.now()
    response = ask_for_deletion(client, world.person)
    assert response["Location"] == reverse("account_login")
    departure = Departure.objects.get(person=world.person)
    assert departure.kind == Departure.Kind.DELETION
    assert (
        before + timedelta(days=14) <= departure.erase_after <= timezone.now() + timedelta(days=14)
    )
    shown = client.get(response["Location"]).text
    erase_on = timezone.localtime(departure.erase_after)
    assert f"We will delete your account on {erase_on:%-d %B %Y}" in shown
    world.person.refresh_from_db()
    assert not world.person.is_active
    assert not Share.objects.current().filter(owner=world.person).exists()

    client.force_login(world.other)
    assert client.get(note_url).status_code == 404
    # Nothing is deleted yet.
    assert ReflectiveNote.objects.filter(pk=world.note.pk).exists()


def test_signing_in_during_the_cooling_off_period_stops_the_deletion(client):
    person = UserFactory(email="mina@example.org", roles=[Role.MEMBER])
    note = write_note(person, body="Mine to keep")
    share(note, group=False)
    ask_for_deletion(client, person)

    response = client.post(
        reverse("account_login"), {"login": "mina@example.org", "password": PASSWORD}, follow=True
    )
    assert response.wsgi_request.user == person
    assert "You asked to delete your account. We have stopped it." in response.text
    person.refresh_from_db()
    assert person.is_active
    departure = Departure.objects.get(person=person)
    assert departure.cancelled_at is not None
    assert RoleChange.objects.filter(person=person, is_active=True, changed_by=person).exists()
    # What she had shared stays withdrawn: she chooses again.
    assert not Share.objects.current().filter(item_id=note.pk).exists()
    # A cancelled request is never carried out.
    assert erasure.erase_due(timezone.now() + timedelta(days=30)) == 0
    assert ReflectiveNote.objects.filter(pk=note.pk).exists()


def current_code(person: User) -> str:
    authenticator = Authenticator.objects.get(user=person, type=Authenticator.Type.TOTP)
    secret = decrypt(authenticator.data["secret"])
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_the_password_alone_does_not_stop_it_when_two_step_sign_in_is_on(client):
    person = UserFactory(email="gita@example.org", roles=[Role.GP])
    ask_for_deletion(client, person)
    response = client.post(
        reverse("account_login"), {"login": "gita@example.org", "password": PASSWORD}
    )
    assert response["Location"] == reverse("mfa_authenticate")
    assert Departure.objects.get(person=person).is_pending_deletion

    response = client.post(reverse("mfa_authenticate"), {"code": current_code(person)})
    assert response.status_code == 302
    assert not Departure.objects.get(person=person).is_pending_deletion
    person.refresh_from_db()
    assert person.is_active


def test_nothing_is_deleted_before_the_cooling_off_period_is_over(client):
    person = UserFactory()
    note = write_note(person)
    ask_for_deletion(client, person)
    due = Departure.objects.get().erase_after
    assert erasure.erase_due(due - timedelta(seconds=1)) == 0
    assert ReflectiveNote.objects.filter(pk=note.pk).exists()
    assert erasure.erase_due(due) == 1
    assert not ReflectiveNote.objects.filter(pk=note.pk).exists()
    assert erasure.erase_due(due + timedelta(days=1)) == 0


@pytest.fixture
def erased(client, world, django_capture_on_commit_callbacks):
    """The world, after she downloaded her data, asked for deletion, and the cooling-off
    period passed. Files are deleted once the erasure commits."""
    with django_capture_on_commit_callbacks(execute=True):
        services.download_request(person=world.person)
    assert DataDownload.objects.get(person=world.person).state == DataDownload.State.READY
    assert stored_files_holding([world.audio])  # the recording, and her ZIP
    shared_at = timezone.now()
    ask_for_deletion(client, world.person)
    due = Departure.objects.get(person=world.person).erase_after
    with django_capture_on_commit_callbacks(execute=True):
        assert erasure.erase_due(due) == 1
    world.person.refresh_from_db()
    world.shared_at = shared_at  # type: ignore[attr-defined]
    return world


def test_after_deletion_no_text_she_wrote_remains_anywhere_in_the_database(erased):
    mine = erased.mine.all()
    assert len(mine) >= 30
    assert columns_holding(mine) == []
    # Her recording and her data download are gone from the file store.
    assert stored_files_holding([word.encode() for word in mine]) == []
    assert not DataDownload.objects.exists()
    # What others wrote stays: the other person's note, and her interview that our person
    # conducted (its transcript is the interviewee's words).
    assert columns_holding(erased.theirs.all())
    assert ReflectiveNote.objects.filter(pk=erased.others_note.pk).exists()
    assert Passage.objects.filter(interview=erased.conducted).exists()
    assert Interview.objects.get(pk=erased.conducted.pk).topic == "Interview"
    assert not Interview.objects.filter(pk__in=[erased.interview.pk, erased.custodial.pk]).exists()


def test_the_account_stays_only_as_a_pseudonym_that_cannot_sign_in(client, erased):
    person = erased.person
    assert re.fullmatch(r"DeletedAccount-[A-Z2-9]{6}", person.display_name)
    assert person.email.endswith("@deleted.invalid")
    assert not person.has_usable_password()
    assert (person.roles, person.is_facilitator, person.is_active) == ([], False, False)
    assert not Authenticator.objects.filter(user=person).exists()
    last = RoleChange.objects.filter(person=person).first()
    assert (last.roles, last.is_active) == ([], False)
    assert not client.login(email=person.email, password=PASSWORD)


def test_the_ledger_still_answers_what_was_shared_when_under_the_pseudonym(client, erased):
    person, note_id = erased.person, erased.note.pk
    shares = Share.objects.filter(item_id=note_id).select_related("owner", "withdrawal")
    assert {share.audience for share in shares} == {Audience.GROUP, Audience.RESEARCH_USE}
    assert {share.owner.display_name for share in shares} == {person.display_name}
    assert Share.objects.as_of(erased.shared_at).filter(item_id=note_id).count() == 2
    assert not Share.objects.current().filter(item_id=note_id).exists()
    assert {share.withdrawal.withdrawn_by for share in shares} == {person}
    # Who read her note, and when, is still known, under the pseudonym.
    event = AccessEvent.objects.get(item_id=note_id, viewer=erased.reader)
    assert event.owner.display_name == person.display_name
    # The reason she typed for a withdrawal is gone; that she withdrew, and when, is not.
    withdrawal = ConsentWithdrawal.objects.get(by=person)
    assert withdrawal.reason == ""
    assert withdrawal.answer.item == "recontact"


def test_meetings_keep_a_count_and_the_finance_record_under_the_pseudonym(client, erased):
    person = erased.person
    assert Attendance.objects.filter(meeting=erased.attended).count() == 2
    issued = Payment.objects.get(pk=erased.issued.pk)
    assert issued.person == person
    assert issued.issued
    assert not Payment.objects.filter(person=person, issued=False).exists()
    # What she wrote about how a decision went, in someone else's minutes, is gone; the
    # decision (the other facilitator's words) stays.
    decision = Decision.objects.get(minutes=erased.others_minutes)
    assert decision.outcome == ""
    assert erased.theirs.words["decision"] == decision.text
    client.force_login(erased.facilitator)
    page = client.get(reverse("meeting_payments", args=[erased.attended.pk])).text
    assert person.display_name in page


def test_facilitators_see_that_the_account_was_deleted_and_when(client, erased):
    client.force_login(erased.facilitator)
    page = client.get(reverse("departures")).text
    assert erased.person.display_name in page
    assert "Asked to delete their account" in page
    erased_at = timezone.localtime(Departure.objects.get().erased_at)
    assert f"Account deleted on {erased_at:%-d %B %Y}" in page


def test_facilitators_see_a_deletion_waiting_and_when_it_will_happen(client):
    person = UserFactory(display_name="Willa Waiting")
    ask_for_deletion(client, person)
    departure = Departure.objects.get()
    client.force_login(UserFactory(roles=[Role.SUPPORT_WORKER], is_facilitator=True))
    page = client.get(reverse("departures")).text
    assert "Willa Waiting" in page
    erase_on = timezone.localtime(departure.erase_after)
    assert f"To be deleted on {erase_on:%-d %B %Y}, unless they sign in" in page
    manage = client.get(reverse("person_manage", args=[person.pk])).text
    assert "asked to delete their account on" in manage


def test_asking_from_two_tabs_at_once_keeps_the_first_request(client, monkeypatch):
    person = UserFactory()
    real = services.deletion_request

    def other_tab_first(*, person):
        real(person=User.objects.get(pk=person.pk))  # the other tab, a moment earlier
        return real(person=person)

    monkeypatch.setattr(services, "deletion_request", other_tab_first)
    response = ask_for_deletion(client, person)
    assert response["Location"] == reverse("account_login")
    first = Departure.objects.get()
    assert first.is_pending_deletion
    assert "We will delete your account on" in client.get(response["Location"]).text


def test_the_admin_history_keeps_no_email_or_name_of_a_deleted_account(db):
    from datetime import timedelta

    from django.contrib.admin.models import CHANGE, LogEntry
    from django.utils import timezone

    from datarights import services as datarights_services
    from datarights.erasure import account_erase
    from tests.factories import InvitationFactory, UserFactory

    ruth = UserFactory(display_name="Ruth Example", email="ruth@example.org")
    invitation = InvitationFactory(
        email="ruth@example.org", display_name="Ruth Example", accepted_by=ruth
    )
    staff = UserFactory(is_staff=True, is_superuser=True)
    # What the admin writes when someone changes her invitation or her account there.
    LogEntry.objects.log_actions(staff.pk, [invitation, ruth], CHANGE)

    departure = datarights_services.deletion_request(person=ruth)
    assert account_erase(departure=departure, now=timezone.now() + timedelta(days=60))

    history = list(LogEntry.objects.values_list("object_repr", flat=True))
    assert len(history) == 2
    assert not any("ruth" in line.lower() for line in history), history


def test_the_delete_page_says_her_name_leaves_what_others_wrote(client):
    """Whether others' words name her is known only when the deletion reads them all: the page
    says what happens if they do, to everyone, before she confirms."""
    person = UserFactory(roles=[Role.MEMBER])
    client.force_login(person)
    page = client.get(reverse("account_delete")).text
    assert "Where anyone else’s words name you" in page
