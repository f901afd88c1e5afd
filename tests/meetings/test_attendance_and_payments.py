"""Who came, payments for members with lived experience, and the finance list."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse

from meetings import services
from meetings.models import Attendance, FinanceExport, Payment
from people.models import Role
from tests.factories import UserFactory
from tests.factories_meetings import AttendanceFactory, MeetingFactory, PaymentFactory, at
from tests.helpers import sign_in_recently

pytestmark = pytest.mark.django_db


def past_meeting(day: date):
    return MeetingFactory(starts_at=at(day, 18), ends_at=at(day, 20))


def test_recording_who_came_gives_members_with_lived_experience_a_payment(client, cast):
    meeting = past_meeting(date(2026, 5, 5))
    client.force_login(cast.facilitator)
    response = client.post(
        reverse("meeting_attendance", args=[meeting.pk]),
        {"people": [str(cast.member.pk), str(cast.gp.pk)]},
    )
    assert response.status_code == 302
    assert set(Attendance.objects.values_list("person_id", flat=True)) == {
        cast.member.pk,
        cast.gp.pk,
    }
    payment = Payment.objects.get()
    assert payment.person == cast.member
    assert payment.amount == Decimal("20.00")
    assert payment.kind == Payment.Kind.VOUCHER
    assert not payment.issued


def test_taking_someone_off_removes_an_unissued_payment_but_keeps_an_issued_one(client, cast):
    meeting = past_meeting(date(2026, 5, 5))
    services.attendance_set(meeting=meeting, present=[cast.member, cast.owner], by=cast.facilitator)
    issued = Payment.objects.get(person=cast.owner)
    services.payment_update(
        payment=issued,
        amount=Decimal(20),
        kind="voucher",
        issued=True,
        issued_on=date(2026, 5, 6),
        by=cast.facilitator,
    )
    client.force_login(cast.facilitator)
    response = client.post(
        reverse("meeting_attendance", args=[meeting.pk]), {"people": [], "confirm_removal": "1"}
    )
    assert response.status_code == 302
    assert not Attendance.objects.exists()
    assert list(Payment.objects.all()) == [issued]
    page = client.get(response["Location"]).text
    assert f"{cast.owner.display_name}&#x27;s payment was already issued" in page


def test_saving_attendance_again_keeps_someone_who_has_left_the_group_since(client, cast):
    meeting = past_meeting(date(2026, 5, 5))
    services.attendance_set(meeting=meeting, present=[cast.member], by=cast.facilitator)
    cast.member.is_active = False
    cast.member.save()
    client.force_login(cast.facilitator)
    form = client.get(reverse("meeting_attendance", args=[meeting.pk])).text
    assert cast.member.display_name in form
    client.post(
        reverse("meeting_attendance", args=[meeting.pk]),
        {"people": [str(cast.member.pk), str(cast.owner.pk)]},
    )
    assert set(Attendance.objects.values_list("person_id", flat=True)) == {
        cast.member.pk,
        cast.owner.pk,
    }


def test_a_payment_marked_issued_needs_its_date(client, cast):
    meeting = past_meeting(date(2026, 5, 5))
    services.attendance_set(meeting=meeting, present=[cast.member], by=cast.facilitator)
    payment = Payment.objects.get()
    client.force_login(cast.facilitator)
    data = {
        "form-TOTAL_FORMS": "1",
        "form-INITIAL_FORMS": "1",
        "form-0-id": str(payment.pk),
        "form-0-amount": "25.00",
        "form-0-kind": "bank_transfer",
        "form-0-issued": "on",
        "form-0-issued_on": "",
    }
    response = client.post(reverse("meeting_payments", args=[meeting.pk]), data)
    assert "Give the date it was issued." in response.text
    assert 'value="25.00"' in response.text
    payment.refresh_from_db()
    assert payment.amount == Decimal("20.00")
    data["form-0-issued_on"] = "2026-05-07"
    client.post(reverse("meeting_payments", args=[meeting.pk]), data)
    payment.refresh_from_db()
    assert payment.amount == Decimal("25.00")
    assert payment.kind == "bank_transfer"
    assert payment.issued_on == date(2026, 5, 7)
    assert payment.updated_by == cast.facilitator


def test_a_member_sees_their_own_attendance_and_payments_and_nobody_elses(client, cast):
    mine = past_meeting(date(2026, 5, 5))
    theirs = past_meeting(date(2026, 5, 19))
    AttendanceFactory(meeting=mine, person=cast.member)
    PaymentFactory(meeting=mine, person=cast.member, amount=Decimal("17.50"))
    AttendanceFactory(meeting=theirs, person=cast.owner)
    PaymentFactory(meeting=theirs, person=cast.owner, amount=Decimal("99.99"))
    client.force_login(cast.member)
    page = client.get(reverse("my_meetings")).text
    assert "Tuesday 5 May 2026" in page
    assert "£17.50" in page
    assert "19 May 2026" not in page
    assert "99.99" not in page
    detail = client.get(reverse("meeting_detail", args=[mine.pk])).text
    assert "You came to this meeting." in detail
    listing = client.get(reverse("meeting_list") + "?when=past").text
    assert "You came." in listing


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_finance_gets_a_csv_for_a_date_range_after_the_password_again(client, cast):
    before = past_meeting(date(2026, 4, 30))
    first = past_meeting(date(2026, 5, 1))
    last = past_meeting(date(2026, 5, 31))
    after = past_meeting(date(2026, 6, 1))
    people = {}
    for name in ("Ann", "Bea", "Cat", "Dot"):
        people[name] = UserFactory(display_name=name, roles=[Role.MEMBER])
    PaymentFactory(meeting=before, person=people["Ann"])
    PaymentFactory(
        meeting=first,
        person=people["Bea"],
        amount=Decimal("20"),
        issued=True,
        issued_on=date(2026, 5, 2),
    )
    PaymentFactory(meeting=last, person=people["Cat"], kind=Payment.Kind.CASH)
    PaymentFactory(meeting=after, person=people["Dot"])
    url = reverse("payments_export") + "?first_day=2026-05-01&last_day=2026-05-31"

    client.force_login(cast.facilitator)
    response = client.get(url)
    assert response.status_code == 302
    assert "/accounts/reauthenticate/" in response["Location"]
    assert not FinanceExport.objects.exists()

    sign_in_recently(client, cast.facilitator)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert read_csv(response) == [
        ["Meeting date", "Name", "Amount (GBP)", "Type", "Issued", "Date issued"],
        ["2026-05-01", "Bea", "20.00", "Voucher", "yes", "2026-05-02"],
        ["2026-05-31", "Cat", "20.00", "Cash", "no", ""],
    ]
    export = FinanceExport.objects.get()
    assert export.exported_by == cast.facilitator
    assert set(export.people) == {str(people["Bea"].pk), str(people["Cat"].pk)}

    # Bea sees that her payment went to finance; Ann does not see this download.
    client.force_login(people["Bea"])
    assert "by Fen Facilitator" in client.get(reverse("my_meetings")).text
    client.force_login(people["Ann"])
    assert "by Fen Facilitator" not in client.get(reverse("my_meetings")).text


def test_a_name_cannot_run_as_a_spreadsheet_formula(client, cast):
    meeting = past_meeting(date(2026, 5, 5))
    person = UserFactory(display_name='=HYPERLINK("http://evil.example")', roles=[Role.MEMBER])
    PaymentFactory(meeting=meeting, person=person)
    sign_in_recently(client, cast.facilitator)
    response = client.get(reverse("payments_export") + "?first_day=2026-05-05&last_day=2026-05-05")
    assert read_csv(response)[1][1] == '\'=HYPERLINK("http://evil.example")'


def test_a_backwards_date_range_is_refused_with_a_clear_message(client, cast):
    sign_in_recently(client, cast.facilitator)
    response = client.get(reverse("payments_export") + "?first_day=2026-05-31&last_day=2026-05-01")
    assert response.status_code == 200
    assert "The end of the range must be on or after its start." in response.text
    assert not FinanceExport.objects.exists()


def test_a_member_cannot_download_the_finance_list(client, cast):
    sign_in_recently(client, cast.member)
    response = client.get(reverse("payments_export") + "?first_day=2026-05-01&last_day=2026-05-31")
    assert response.status_code == 403


def test_the_record_of_finance_downloads_cannot_be_changed(cast):
    export = FinanceExport.objects.create(
        exported_by=cast.facilitator,
        first_day=date(2026, 5, 1),
        last_day=date(2026, 5, 1) + timedelta(days=1),
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        FinanceExport.objects.filter(pk=export.pk).update(people=["someone"])
    with pytest.raises(DatabaseError), transaction.atomic():
        FinanceExport.objects.filter(pk=export.pk).delete()
