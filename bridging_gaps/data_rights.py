"""The project's own part of data rights (datarights/hooks.py): the record of forms sent,
kept a day so that a retry makes no second copy, then removed."""

from __future__ import annotations

from datetime import datetime, timedelta

from bridging_gaps.models import Submission
from datarights.hooks import RetentionJob

KEPT = timedelta(days=1)


def delete_old_submissions(now: datetime) -> int:
    deleted, _ = Submission.objects.filter(at__lte=now - KEPT).delete()
    return deleted


def retention_jobs() -> list[RetentionJob]:
    return [
        RetentionJob(
            key="form_submissions",
            description="the record of forms sent (which makes a retried form do nothing), "
            "after a day",
            setting="",
            run=delete_old_submissions,
        )
    ]
