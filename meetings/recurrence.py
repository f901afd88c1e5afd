"""Repeating meetings: RFC 5545 rules, applied in Europe/London wall-clock time.

A series says "every two weeks on Tuesday at 18:00". The rule is expanded with
python-dateutil on *naive* local times, and each occurrence is then made aware
in Europe/London. Expanding aware times instead would add 14 x 24 hours and
turn 18:00 into 19:00 after the clocks change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.rrule import rrulestr
from django.db import models

from bridging_gaps.clock import london

WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}


class Repeat(models.TextChoices):
    WEEKLY = "weekly", "Every week"
    FORTNIGHTLY = "fortnightly", "Every two weeks"
    FOUR_WEEKLY = "four_weekly", "Every four weeks"
    MONTHLY = "monthly", "Once a month, on the same weekday"


def build_rule(repeat: str, first_date: date, last_date: date | None = None) -> str:
    """The RRULE for a choice on the series form, e.g. FREQ=WEEKLY;INTERVAL=2;BYDAY=TU."""
    weekday = WEEKDAYS[first_date.weekday()]
    if repeat == Repeat.MONTHLY:
        week = (first_date.day - 1) // 7 + 1
        # A fifth Tuesday does not happen every month: use "the last Tuesday".
        parts = ["FREQ=MONTHLY", f"BYDAY={'-1' if week == 5 else f'+{week}'}{weekday}"]
    else:
        interval = {Repeat.WEEKLY: 1, Repeat.FORTNIGHTLY: 2, Repeat.FOUR_WEEKLY: 4}[Repeat(repeat)]
        parts = ["FREQ=WEEKLY", f"INTERVAL={interval}", f"BYDAY={weekday}"]
    if last_date is not None:
        # A floating (local) UNTIL, like the naive DTSTART it is applied to.
        parts.append(f"UNTIL={last_date:%Y%m%d}T235959")
    return ";".join(parts)


def rule_parts(rule: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in rule.split(";") if "=" in part)


def describe_rule(rule: str) -> str:
    """The rule in plain words: "Every two weeks on Tuesday"."""
    parts = rule_parts(rule)
    byday = parts.get("BYDAY", "")
    day_code = byday[-2:]
    day = WEEKDAY_NAMES[WEEKDAYS.index(day_code)] if day_code in WEEKDAYS else ""
    if parts.get("FREQ") == "MONTHLY":
        ordinal = ORDINALS.get(int(byday[:-2] or 1), "")
        text = f"Every month on the {ordinal} {day}" if day else "Every month"
    else:
        interval = int(parts.get("INTERVAL", 1))
        every = {1: "Every week", 2: "Every two weeks", 4: "Every four weeks"}.get(
            interval, f"Every {interval} weeks"
        )
        text = f"{every} on {day}" if day else every
    if "UNTIL" in parts:
        until = datetime.strptime(parts["UNTIL"][:8], "%Y%m%d").date()
        text += f", until {until:%-d %B %Y}"
    return text


@dataclass(frozen=True)
class Occurrence:
    starts_at: datetime
    ends_at: datetime


def occurrences(
    rule: str,
    *,
    first_date: date,
    start_time: time,
    duration: timedelta,
    until: date,
) -> list[Occurrence]:
    """Every occurrence from the first date up to and including `until`."""
    start = datetime.combine(first_date, start_time)
    last = datetime.combine(until, time.max)
    expanded = rrulestr(rule, dtstart=start).between(start, last, inc=True)
    result = []
    for naive in expanded:
        starts_at = london(naive)
        result.append(Occurrence(starts_at=starts_at, ends_at=london(naive + duration)))
    return result
