"""Writes for proposals and ballots. Keyword-only, typed, each in one transaction."""

from __future__ import annotations

import hashlib
import random
import secrets
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from actionlog.services import log_action
from people.models import Role, User
from people.services import notice_send
from proposals.models import Ballot, NamedVote, Proposal, Voted

DECIDE_SUBJECT = "Your workspace: something to decide"


def may_vote(proposal: Proposal, person: User) -> bool:
    if not (person.is_active and person.is_in_group):
        return False
    if proposal.electorate == Proposal.Electorate.MEMBERS:
        return person.has_role(Role.MEMBER)
    return True


def _hash(receipt: str) -> str:
    return hashlib.sha256(receipt.encode()).hexdigest()


@transaction.atomic
def proposal_create(
    *,
    question: str,
    details: str,
    kind: str,
    options: Sequence[str],
    electorate: str,
    secret: bool,
    results_hidden: bool,
    closes_at: datetime,
    by: User,
) -> Proposal:
    """Anyone in the group may propose (members included, not only facilitators)."""
    if not by.is_in_group:
        raise PermissionDenied("Only people in the group can propose.")
    if closes_at <= timezone.now():
        raise ValidationError("Choose a closing time in the future.")
    chosen = list(Proposal.YES_NO_OPTIONS) if kind == Proposal.Kind.YES_NO else list(options)
    if len(chosen) < 2 or len(set(chosen)) != len(chosen):
        raise ValidationError("Give at least two different options.")
    proposal = Proposal.objects.create(
        question=question,
        details=details,
        kind=kind,
        options=chosen,
        electorate=electorate,
        secret=secret,
        results_hidden=results_hidden,
        closes_at=closes_at,
        created_by=by,
    )
    log_action(by=by, action="proposals.proposal.created", obj=proposal)
    url = reverse("proposal_detail", args=[proposal.pk])
    for person in User.objects.filter(is_active=True).exclude(roles=[]).exclude(pk=by.pk):
        if may_vote(proposal, person):
            # The email says only that there is something to decide; the page says what.
            notice_send(
                person=person,
                text=f"Something for the group to decide: {proposal.question}",
                url=url,
                email_subject=DECIDE_SUBJECT,
            )
    return proposal


@transaction.atomic
def vote_cast(*, proposal: Proposal, choice: str, by: User, receipt: str = "") -> str:
    """Cast or change a vote. For a secret ballot, returns the receipt that lets this browser
    change it until the close (pass it back as `receipt`); nothing else can."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not locked.is_open:
        raise ValidationError("Voting on this has closed.")
    if not may_vote(locked, by):
        raise PermissionDenied("This vote is for members with lived experience only.")
    if choice not in locked.options:
        raise ValidationError("Choose one of the options.")
    if not locked.secret:
        NamedVote.objects.update_or_create(proposal=locked, person=by, defaults={"choice": choice})
        Voted.objects.get_or_create(proposal=locked, person=by)
        log_action(by=by, action="proposals.vote.cast", obj=locked)
        return ""
    ballots = list(Ballot.objects.filter(proposal=locked))
    earlier = next((b for b in ballots if receipt and b.receipt_hash == _hash(receipt)), None)
    if earlier is None and Voted.objects.filter(proposal=locked, person=by).exists():
        raise ValidationError(
            "You have voted already. Your vote can be changed only on the phone or computer "
            "you voted on."
        )
    if earlier is not None:
        earlier.choice = choice
    else:
        receipt = secrets.token_urlsafe(24)
        ballots.append(Ballot(proposal=locked, choice=choice, receipt_hash=_hash(receipt)))
        Voted.objects.create(proposal=locked, person=by)
    # Every ballot of the proposal written again in a random order: not even the order of the
    # rows on disk follows the order in which people voted.
    random.SystemRandom().shuffle(ballots)
    Ballot.objects.filter(proposal=locked).delete()
    Ballot.objects.bulk_create(ballots)
    log_action(by=by, action="proposals.vote.cast", obj=locked)
    return receipt


@transaction.atomic
def proposal_set_status(*, proposal: Proposal, status: str, reason: str, by: User) -> None:
    """Facilitators pause, reopen or close a proposal, with a reason everyone sees."""
    if not by.is_facilitator:
        raise PermissionDenied("Only facilitators can pause or close a proposal.")
    if not reason.strip():
        raise ValidationError("Say why, for everyone to read.")
    proposal.status = status
    proposal.status_reason = reason.strip()
    proposal.status_changed_by = by
    proposal.save(update_fields=["status", "status_reason", "status_changed_by"])
    log_action(by=by, action="proposals.proposal.status_set", obj=proposal, data={"to": status})


@dataclass(frozen=True)
class Result:
    option: str
    count: int
    percent: int
    people: tuple[str, ...] = ()


def results(proposal: Proposal) -> list[Result]:
    """Counts per option (and, for a named ballot, who chose it), in the options' order."""
    if proposal.secret:
        counts = Counter(Ballot.objects.filter(proposal=proposal).values_list("choice", flat=True))
        people: dict[str, list[str]] = {}
    else:
        votes = NamedVote.objects.filter(proposal=proposal).select_related("person")
        counts = Counter(vote.choice for vote in votes)
        people = {}
        for vote in votes:
            people.setdefault(vote.choice, []).append(vote.person.display_name)
    total = sum(counts.values()) or 1
    return [
        Result(
            option,
            counts[option],
            round(100 * counts[option] / total),
            tuple(sorted(people.get(option, []))),
        )
        for option in proposal.options
    ]
