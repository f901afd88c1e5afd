"""Keeping a series' meetings planned ahead: each slot of the rule up to a day, added once.
Series are planned when they are made (meetings/services.py) and every day after
(meetings/tasks.py), MEETINGS_PLAN_AHEAD_DAYS ahead."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from actionlog.services import log_action
from meetings.models import Meeting, Series
from meetings.recurrence import occurrences, rule_parts
from people.models import User


def plan_ahead_until() -> date:
    return timezone.localdate() + timedelta(days=settings.MEETINGS_PLAN_AHEAD_DAYS)


@transaction.atomic
def series_plan_ahead(*, series: Series, until: date, by: User | None = None) -> list[Meeting]:
    """Add the series' meetings up to `until`. A slot that already has its
    meeting (moved, cancelled or not) is never filled again."""
    locked = Series.objects.select_for_update().get(pk=series.pk)
    if until <= locked.planned_until:
        series.planned_until = locked.planned_until
        return []
    taken = set(
        locked.meetings.filter(original_start__isnull=False).values_list(
            "original_start", flat=True
        )
    )
    new = [
        Meeting(
            series=locked,
            original_start=occurrence.starts_at,
            starts_at=occurrence.starts_at,
            ends_at=occurrence.ends_at,
            updated_by=by,
            **locked.where(),
        )
        for occurrence in occurrences(
            locked.rule,
            first_date=locked.first_date,
            start_time=locked.start_time,
            duration=locked.duration,
            until=until,
        )
        if occurrence.starts_at not in taken
    ]
    Meeting.objects.bulk_create(new)
    locked.planned_until = series.planned_until = until
    locked.save(update_fields=["planned_until"])
    log_action(by=by, action="meetings.series.planned", obj=series, data={"added": len(new)})
    return new


def series_plan_all_ahead() -> int:
    """Keep every open series planned ahead (the daily task calls this)."""
    until = plan_ahead_until()
    added = 0
    for series in Series.objects.filter(planned_until__lt=until):
        last = rule_parts(series.rule).get("UNTIL")
        if last and datetime.strptime(last[:8], "%Y%m%d").date() <= series.planned_until:
            continue
        added += len(series_plan_ahead(series=series, until=until))
    return added
