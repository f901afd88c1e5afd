"""Closed proposals on "You said, we did" (meetings/outcomes.py): what the group decided by a
vote, what came of it, and its actions. Proposals are read by everyone in the group."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from meetings.outcomes import Outcome, OutcomeAction
from mentions.display import prepare_many, shown_field
from proposals.models import Proposal

if TYPE_CHECKING:
    from people.models import User

SHOWN = 50


def proposal_outcomes(viewer: User) -> list[Outcome]:
    from proposals.services import ACTION, OUTCOME

    if not getattr(viewer, "is_in_group", False):
        return []
    proposals = list(
        Proposal.objects.filter(Q(status=Proposal.Status.CLOSED) | Q(closes_at__lte=timezone.now()))
        .exclude(decision="")
        .select_related("meeting")
        .prefetch_related("actions")
        .order_by("-closes_at")[:SHOWN]
    )
    actions = [action for proposal in proposals for action in proposal.actions.all()]
    prepare_many(
        viewer,
        [(proposals, OUTCOME, ["decision", "outcome"]), (actions, ACTION, ["description"])],
    )
    return [
        Outcome(
            decided_at=proposal.closes_at,
            how="Decided by a vote",
            said=shown_field(proposal, "decision"),
            did=shown_field(proposal, "outcome"),
            url=reverse("proposal_detail", args=[proposal.pk]),
            meeting_id=proposal.meeting_id,
            meeting_starts_at=proposal.meeting.starts_at if proposal.meeting else None,
            actions=[
                OutcomeAction(
                    description=shown_field(action, "description"),
                    status=action.status,
                    status_label=action.get_status_display(),
                    who=action.who,
                    due_on=action.due_on,
                )
                for action in proposal.actions.all()
            ],
        )
        for proposal in proposals
    ]
