"""Deciding together: the helper the proposal tests share."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from proposals import services
from proposals.models import Proposal


def propose(by, **overrides):
    values = {
        "question": "Should we meet in the library?",
        "details": "",
        "kind": Proposal.Kind.YES_NO,
        "options": [],
        "electorate": Proposal.Electorate.GROUP,
        "secret": True,
        "results_hidden": True,
        "closes_at": timezone.now() + timedelta(days=7),
        "by": by,
    }
    values.update(overrides)
    return services.proposal_create(**values)
