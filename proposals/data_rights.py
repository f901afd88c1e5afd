"""Deciding together's part of data rights (datarights/hooks.py): the proposals she made, and
that she voted on each; her choice only for named ballots (a secret ballot's choice is kept with
nobody's name, hers included)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from datarights.hooks import Entry, Section, Text, day, facts
from proposals.models import Comment, NamedVote, Proposal, Voted

if TYPE_CHECKING:
    from people.models import User

KEPT_WITH_NOBODY = "secret: kept with nobody's name, yours included"


def _theirs(proposal: Proposal, person: User, what: str) -> str:
    """Her own question in her words; someone else's question is theirs (it may name a third
    person who has not answered yet): only when it was asked."""
    if proposal.created_by_id == person.pk:
        return f"{what}: {proposal.question}"
    return f"{what} a proposal asked on {day(proposal.created_at)}"


def collect(person: User) -> list[Section]:
    made = list(Proposal.objects.filter(created_by=person).order_by("created_at"))
    voted = list(
        Voted.objects.filter(person=person)
        .select_related("proposal")
        .order_by("proposal__created_at")
    )
    named = dict(NamedVote.objects.filter(person=person).values_list("proposal_id", "choice"))
    comments = list(
        Comment.objects.filter(author=person).select_related("proposal").order_by("created_at")
    )
    entries = [
        Entry(
            group="proposals_made",
            heading=f"You asked: {proposal.question}",
            facts=facts(
                ("Question", proposal.question),
                ("When", proposal.created_at, "created_at"),
                ("Secret vote", proposal.secret, "secret"),
            ),
        )
        for proposal in made
    ] + [
        Entry(
            group="votes",
            heading=_theirs(row.proposal, person, "You voted on"),
            facts=facts(
                ("Asked on", row.proposal.created_at, "asked_at"),
                ("Secret vote", row.proposal.secret, "secret"),
                (
                    "Your choice",
                    None if row.proposal.secret else named.get(row.proposal_id),
                    "choice",
                    KEPT_WITH_NOBODY if row.proposal.secret else "",
                ),
            ),
        )
        for row in voted
    ]
    entries += [
        Entry(
            group="comments",
            heading=_theirs(comment.proposal, person, "Your comment on"),
            facts=facts(
                ("Asked on", comment.proposal.created_at, "asked_at"),
                ("Written", comment.created_at),
            ),
            texts=[Text("Comment", comment.text)],
        )
        for comment in comments
    ]
    return [
        Section(
            key="proposals",
            title="Proposals and votes",
            intro="What you asked the group to decide, and what you voted on. A secret vote's "
            "choice is not here: it is kept with nobody's name, yours included.",
            entries=entries,
            groups=("proposals_made", "votes", "comments"),
            empty="You have not proposed or voted on anything.",
        )
    ]


def erase_preview(person: User) -> list[str]:
    if not Comment.objects.filter(author=person).exists():
        return []
    return ["Your comments on proposals are deleted."]


def erase(person: User, pseudonym: str) -> None:
    from proposals.services import comment_delete

    for comment in Comment.objects.filter(author=person):
        comment_delete(comment=comment, by=person)
