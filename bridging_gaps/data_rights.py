"""The project's own part of data rights (datarights/hooks.py): the record of forms sent,
kept a day (SUBMISSION_KEYS_KEPT_HOURS) so that a retry makes no second copy, then removed."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings

from bridging_gaps.models import Submission
from datarights.hooks import RetentionJob


def delete_old_submissions(now: datetime) -> int:
    kept = timedelta(hours=settings.SUBMISSION_KEYS_KEPT_HOURS)
    deleted, _ = Submission.objects.filter(at__lte=now - kept).delete()
    return deleted


def retention_jobs() -> list[RetentionJob]:
    return [
        RetentionJob(
            key="form_submissions",
            description="the record of forms sent (which makes a retried form do nothing), "
            "after a day",
            setting="SUBMISSION_KEYS_KEPT_HOURS",
            run=delete_old_submissions,
        )
    ]
