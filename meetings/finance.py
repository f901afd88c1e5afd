"""The payments list for the finance team: a CSV for a date range.

Only what finance needs: the meeting date, the name the person uses in the
group, the amount, the type, and whether and when it was issued.

It names people and what they were paid, so it is personal data: the view asks
for the facilitator's password first (allauth re-authentication), and each
download is recorded (FinanceExport, appended only). Members see on "My
meetings and payments" each download that listed them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from actionlog.services import log_action
from bridging_gaps.clock import london
from bridging_gaps.text import spreadsheet_safe
from meetings.models import FinanceExport, Payment
from people.models import User

HEADER = ["Meeting date", "Name", "Amount (GBP)", "Type", "Issued", "Date issued"]


def payments_between(first_day: date, last_day: date) -> QuerySet[Payment]:
    """Payments for meetings held on these days (Europe/London), both included."""
    start = london(datetime.combine(first_day, time()))
    end = london(datetime.combine(last_day + timedelta(days=1), time()))
    return (
        Payment.objects.filter(meeting__starts_at__gte=start, meeting__starts_at__lt=end)
        .select_related("meeting", "person")
        .order_by("meeting__starts_at", "person__display_name")
    )


def rows(payments: Iterable[Payment]) -> list[list[str]]:
    return [
        [
            f"{timezone.localdate(payment.meeting.starts_at):%Y-%m-%d}",
            spreadsheet_safe(payment.person.display_name),
            f"{payment.amount:.2f}",
            payment.get_kind_display(),
            "yes" if payment.issued else "no",
            f"{payment.issued_on:%Y-%m-%d}" if payment.issued_on else "",
        ]
        for payment in payments
    ]


@transaction.atomic
def payments_csv(*, first_day: date, last_day: date, by: User) -> str:
    """The payments list as CSV, recorded as downloaded by `by` (members see each download)."""
    payments = list(payments_between(first_day, last_day))
    export = FinanceExport.objects.create(
        exported_by=by,
        first_day=first_day,
        last_day=last_day,
        people=sorted({str(payment.person_id) for payment in payments}),
    )
    log_action(by=by, action="meetings.payments.exported", obj=export, data={"rows": len(payments)})
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(rows(payments))
    return out.getvalue()
