"""The list for the finance team: everyone owed or paid in a date range, as CSV or XLSX.

Only what finance needs: the day, the name the person uses in the group, how she asked to be
paid, whether it is a payment for time or expenses (never added together: a total of each),
what kind (an activity or a kind of expense, never her words), the amount, where it is and when
it was paid. No bank details: the workspace never holds them. Claims not approved yet are not
on it. Each download is recorded (meetings.FinanceExport, which each person named sees) and is
in the history of each person it names.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from actionlog.services import log_action
from bridging_gaps.clock import london
from bridging_gaps.spreadsheets import text_xlsx
from bridging_gaps.text import spreadsheet_safe
from meetings.models import FinanceExport, Payment
from payments.models import Claim, PaymentChoice
from people.models import User

HEADER = [
    "Date",
    "Name",
    "How paid",
    "Payment for time or expenses",
    "What",
    "Amount (GBP)",
    "Where it is",
    "Paid on",
]
FEE, EXPENSE = "Payment for time", "Expenses"
APPROVED_OR_LATER = (
    Claim.State.APPROVED,
    Claim.State.PAID,
    Claim.State.RECEIVED,
    Claim.State.NOT_RECEIVED,
)


@dataclass(frozen=True)
class Row:
    day: date
    person: User
    kind: str
    what: str
    amount: Decimal
    state: str
    paid_on: date | None


@dataclass(frozen=True)
class FinanceList:
    rows: list[Row]
    methods: Mapping[Any, str]
    first_day: date
    last_day: date

    @property
    def fee_total(self) -> Decimal:
        return sum((row.amount for row in self.rows if row.kind == FEE), Decimal("0.00"))

    @property
    def expense_total(self) -> Decimal:
        return sum((row.amount for row in self.rows if row.kind == EXPENSE), Decimal("0.00"))

    def table(self) -> list[list[str]]:
        lines = [HEADER]
        for row in self.rows:
            lines.append(
                [
                    f"{row.day:%Y-%m-%d}",
                    row.person.display_name,
                    self.methods.get(row.person.pk, "not said yet"),
                    row.kind,
                    row.what,
                    f"{row.amount:.2f}",
                    row.state,
                    f"{row.paid_on:%Y-%m-%d}" if row.paid_on else "",
                ]
            )
        lines.append([])
        lines.append(["Total payments for time", "", "", FEE, "", f"{self.fee_total:.2f}"])
        lines.append(["Total expenses", "", "", EXPENSE, "", f"{self.expense_total:.2f}"])
        return lines


def finance_list(first_day: date, last_day: date) -> FinanceList:
    start = london(datetime.combine(first_day, time()))
    end = london(datetime.combine(last_day + timedelta(days=1), time()))
    rows = [
        Row(
            day=timezone.localdate(payment.meeting.starts_at),
            person=payment.person,
            kind=FEE,
            what="A group meeting",
            amount=payment.amount,
            state="given" if payment.issued else "to give",
            paid_on=payment.issued_on,
        )
        for payment in Payment.objects.filter(
            meeting__starts_at__gte=start, meeting__starts_at__lt=end
        ).select_related("meeting", "person")
    ]
    rows += [
        Row(
            day=claim.spent_on,
            person=claim.person,
            kind=FEE if claim.kind == Claim.Kind.FEE else EXPENSE,
            what=(
                claim.get_activity_display()
                if claim.kind == Claim.Kind.FEE
                else claim.get_category_display()
            ),
            amount=claim.amount,
            state=claim.get_state_display(),
            paid_on=claim.paid_on,
        )
        for claim in Claim.objects.filter(
            spent_on__gte=first_day, spent_on__lte=last_day, state__in=APPROVED_OR_LATER
        ).select_related("person")
    ]
    rows.sort(key=lambda row: (row.day, row.person.display_name, row.kind))
    people = {row.person.pk for row in rows}
    methods = {
        choice.person_id: choice.get_method_display()
        + (f" ({choice.voucher_kind})" if choice.voucher_kind else "")
        for choice in PaymentChoice.objects.filter(person__in=people)
    }
    return FinanceList(rows=rows, methods=methods, first_day=first_day, last_day=last_day)


@transaction.atomic
def finance_list_sent(*, first_day: date, last_day: date, by: User) -> FinanceList:
    """The list, recorded as downloaded by `by`: each person on it sees that a payments list
    with her name was sent to finance."""
    listed = finance_list(first_day, last_day)
    people = sorted({row.person for row in listed.rows}, key=lambda person: str(person.pk))
    export = FinanceExport.objects.create(
        exported_by=by,
        first_day=first_day,
        last_day=last_day,
        people=[str(person.pk) for person in people],
    )
    log_action(
        by=by, action="payments.finance.exported", obj=export, data={"rows": len(listed.rows)}
    )
    for person in people:
        log_action(by=by, action="payments.finance.listed", obj=export, person=person)
    return listed


def as_csv(listed: FinanceList) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for line in listed.table():
        writer.writerow([spreadsheet_safe(value) for value in line])
    return out.getvalue()


def as_xlsx(listed: FinanceList) -> bytes:
    return text_xlsx(listed.table(), sheet_title="Payments")
