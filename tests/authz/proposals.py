"""Deciding together: everyone in the group sees the proposals and may propose; voting is
checked by the service (the electorate); only facilitators pause or close."""

from datetime import timedelta

from django.utils import timezone

from tests.authz.specs import FacilitatorsOnly, GroupOnly, OwnRecord


def open_proposal(cast):
    from proposals.services import proposal_create

    return proposal_create(
        question="Should we meet in the library?",
        details="",
        kind="yes_no",
        options=[],
        electorate="group",
        secret=True,
        results_hidden=True,
        closes_at=timezone.now() + timedelta(days=7),
        by=cast.member,
    )


def closed_proposal(cast):
    from proposals.services import proposal_set_status

    proposal = open_proposal(cast)
    proposal_set_status(proposal=proposal, status="closed", reason="Enough", by=cast.facilitator)
    return proposal


def comment_by(person, secret):
    from proposals.services import comment_add, proposal_create

    proposal = proposal_create(
        question="Which day suits?",
        details="",
        kind="choice",
        options=["Tuesday", "Thursday"],
        electorate="group",
        secret=False,
        results_hidden=False,
        closes_at=timezone.now() + timedelta(days=7),
        by=person,
    )
    return comment_add(proposal=proposal, text=secret, by=person)


CLASSIFIED = {
    "proposal_list": GroupOnly(),
    "proposal_new": GroupOnly(),
    "proposal_detail": GroupOnly(args=lambda cast: [open_proposal(cast).pk]),
    "proposal_status": FacilitatorsOnly(args=lambda cast: [open_proposal(cast).pk], method="post"),
    "proposal_comment_add": GroupOnly(args=lambda cast: [open_proposal(cast).pk], method="post"),
    # A comment is signed and read by the whole group; deleting it is its writer's alone.
    "proposal_comment_delete": OwnRecord(
        make=comment_by, args=lambda comment: [comment.proposal_id, comment.pk]
    ),
    "proposal_outcome": FacilitatorsOnly(args=lambda cast: [closed_proposal(cast).pk]),
}
