"""Proposals in a research export: results as counts only (research/exports/extras.py).

No question, no option a person wrote, no comment, no name: a proposal's words are its
writer's and were never given for research. What is there: the kind of vote, who could vote,
whether it was secret, when it closed, how many could vote and did, and the votes for each
option ("Yes", "No", "Abstain", or "Option 1", "Option 2"... for options someone wrote).
Proposals closed within the export's dates, or all closed ones where it has none.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from proposals.models import Proposal

FILE = "proposals.csv"
DESCRIPTION = (
    "the group's votes closed in the export's dates, as counts only: never a question, an "
    "option someone wrote, a comment or a name"
)
COLUMNS = [
    "proposal",
    "kind",
    "who_could_vote",
    "secret",
    "closed_on",
    "could_vote",
    "voted",
    "option",
    "votes",
    "points",
]


def proposal_counts(export: Any) -> dict[str, tuple[str, str]]:
    from proposals.services import invited, results, the_group

    now = timezone.now()
    closed = Proposal.objects.filter(Q(status=Proposal.Status.CLOSED) | Q(closes_at__lte=now))
    if export.date_from:
        closed = closed.filter(closes_at__date__gte=export.date_from)
    if export.date_to:
        closed = closed.filter(closes_at__date__lte=export.date_to)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    group = the_group()
    proposals = list(closed.annotate(voters=Count("voted")).order_by("closes_at", "pk"))
    for number, proposal in enumerate(proposals, start=1):
        could_vote = len(invited(proposal, group))
        voted = proposal.voters
        labels = {
            option: option if proposal.kind == Proposal.Kind.YES_NO else f"Option {position}"
            for position, option in enumerate(proposal.options, start=1)
        }
        for row in results(proposal):
            writer.writerow(
                [
                    f"V{number}",
                    proposal.kind,
                    proposal.electorate,
                    "yes" if proposal.secret else "no",
                    timezone.localtime(min(proposal.closes_at, now)).date().isoformat(),
                    could_vote,
                    voted,
                    labels[row.option],
                    row.count,
                    "" if row.points is None else row.points,
                ]
            )
    return {FILE: (DESCRIPTION, out.getvalue())}
