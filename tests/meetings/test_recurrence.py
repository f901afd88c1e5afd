"""Repeating meetings keep their wall-clock time in Europe/London."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from bridging_gaps.clock import LONDON, london
from meetings.recurrence import Repeat, build_rule, describe_rule, occurrences

TWO_HOURS = timedelta(hours=2)


def test_a_fortnightly_meeting_stays_at_18_00_when_the_clocks_go_forward():
    # The clocks went forward on Sunday 29 March 2026.
    rule = build_rule(Repeat.FORTNIGHTLY, date(2026, 3, 17))
    before, after = occurrences(
        rule,
        first_date=date(2026, 3, 17),
        start_time=time(18, 0),
        duration=TWO_HOURS,
        until=date(2026, 3, 31),
    )
    assert before.starts_at.astimezone(LONDON).time() == time(18, 0)
    assert after.starts_at.astimezone(LONDON).time() == time(18, 0)
    # The same wall-clock time is a different moment: 18:00 GMT, then 17:00 UTC.
    assert before.starts_at.astimezone(UTC).hour == 18
    assert after.starts_at.astimezone(UTC).hour == 17
    elapsed = after.starts_at.astimezone(UTC) - before.starts_at.astimezone(UTC)
    assert elapsed == timedelta(days=14) - timedelta(hours=1)
    assert after.ends_at.astimezone(LONDON).time() == time(20, 0)


def test_a_fortnightly_meeting_stays_at_18_00_when_the_clocks_go_back():
    # The clocks went back on Sunday 25 October 2026.
    rule = build_rule(Repeat.FORTNIGHTLY, date(2026, 10, 20))
    before, after = occurrences(
        rule,
        first_date=date(2026, 10, 20),
        start_time=time(18, 0),
        duration=TWO_HOURS,
        until=date(2026, 11, 3),
    )
    assert before.starts_at.astimezone(UTC).hour == 17
    assert after.starts_at.astimezone(UTC).hour == 18
    assert [o.starts_at.astimezone(LONDON).time() for o in (before, after)] == [time(18, 0)] * 2


def test_the_rule_is_stored_as_rfc_5545():
    tuesday = date(2026, 3, 17)
    assert build_rule(Repeat.FORTNIGHTLY, tuesday) == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
    assert build_rule(Repeat.WEEKLY, tuesday) == "FREQ=WEEKLY;INTERVAL=1;BYDAY=TU"
    assert build_rule(Repeat.MONTHLY, tuesday) == "FREQ=MONTHLY;BYDAY=+3TU"
    assert (
        build_rule(Repeat.FOUR_WEEKLY, tuesday, date(2026, 12, 31))
        == "FREQ=WEEKLY;INTERVAL=4;BYDAY=TU;UNTIL=20261231T235959"
    )


def test_a_fifth_weekday_becomes_the_last_weekday_of_each_month():
    rule = build_rule(Repeat.MONTHLY, date(2026, 3, 31))
    assert rule == "FREQ=MONTHLY;BYDAY=-1TU"
    starts = [
        o.starts_at.date()
        for o in occurrences(
            rule,
            first_date=date(2026, 3, 31),
            start_time=time(18),
            duration=TWO_HOURS,
            until=date(2026, 5, 31),
        )
    ]
    assert starts == [date(2026, 3, 31), date(2026, 4, 28), date(2026, 5, 26)]


def test_a_series_with_a_last_date_stops_there():
    rule = build_rule(Repeat.FORTNIGHTLY, date(2026, 1, 6), date(2026, 2, 3))
    found = occurrences(
        rule,
        first_date=date(2026, 1, 6),
        start_time=time(18),
        duration=TWO_HOURS,
        until=date(2026, 12, 31),
    )
    assert [o.starts_at.date() for o in found] == [
        date(2026, 1, 6),
        date(2026, 1, 20),
        date(2026, 2, 3),
    ]


def test_rules_read_in_plain_words():
    assert describe_rule("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU") == "Every two weeks on Tuesday"
    assert describe_rule("FREQ=MONTHLY;BYDAY=-1WE") == "Every month on the last Wednesday"
    assert (
        describe_rule("FREQ=WEEKLY;INTERVAL=1;BYDAY=MO;UNTIL=20261231T235959")
        == "Every week on Monday, until 31 December 2026"
    )


def test_a_time_lost_to_the_clocks_going_forward_becomes_the_real_moment():
    # 01:30 did not exist in London on 29 March 2026.
    moment = london(datetime(2026, 3, 29, 1, 30))
    assert moment.astimezone(UTC) == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)
    assert moment.astimezone(LONDON).time() == time(2, 30)
