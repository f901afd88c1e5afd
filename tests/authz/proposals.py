"""Deciding together: everyone in the group sees the proposals and may propose; voting is
checked by the service (the electorate); only facilitators pause or close."""

from datetime import timedelta

from django.utils import timezone

from tests.authz.specs import FacilitatorsOnly, GroupOnly


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


CLASSIFIED = {
    "proposal_list": GroupOnly(),
    "proposal_new": GroupOnly(),
    "proposal_detail": GroupOnly(args=lambda cast: [open_proposal(cast).pk]),
    "proposal_status": FacilitatorsOnly(args=lambda cast: [open_proposal(cast).pk], method="post"),
}
