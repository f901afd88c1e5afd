"""The group meets in England: its days and hours are Europe/London wall-clock times."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")


def london(naive: datetime) -> datetime:
    """A Europe/London wall-clock time as an aware datetime.

    A time that does not exist (01:30 on the morning the clocks go forward)
    comes out as the moment it would have been, an hour later on the clock.
    """
    aware = naive.replace(tzinfo=LONDON)
    return aware.astimezone(UTC).astimezone(LONDON)


__all__ = ["LONDON", "london"]
