"""Writes for proposals and ballots. Keyword-only, typed, each in one transaction."""

from __future__ import annotations

import hashlib
import random
import secrets
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from actionlog.services import log_action
from meetings.models import Meeting
from mentions.services import mentions_forget_source, mentions_sync
from people.models import Role, User
from people.services import notice_send
from proposals.models import Ballot, Comment, NamedVote, Proposal, ProposalAction, Voted

# Kinds of text that can name people (proposals/mentioned.py registers them).
PROPOSAL = "proposal"
COMMENT = "proposal_comment"
OUTCOME = "proposal_outcome"
ACTION = "proposal_action"

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
    meeting: Meeting | None = None,
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
        meeting=meeting,
    )
    mentions_sync(
        source_kind=PROPOSAL,
        source_id=proposal.pk,
        texts={"question": question, "details": details},
        writer=by,
    )
    log_action(by=by, action="proposals.proposal.created", obj=proposal)
    url = reverse("proposal_detail", args=[proposal.pk])
    for person in User.objects.filter(is_active=True).exclude(roles=[]).exclude(pk=by.pk):
        if may_vote(proposal, person):
            # The email says only that there is something to decide; the page says what.
            notice_send(
                person=person,
                # Not the question: it may name someone who has not answered yet.
                text="Something new for the group to decide.",
                url=url,
                email_subject=DECIDE_SUBJECT,
            )
    return proposal


def _checked_ranking(proposal: Proposal, ranking: Sequence[str]) -> list[str]:
    if sorted(ranking) != sorted(proposal.options):
        raise ValidationError("Give every option a different place.")
    return list(ranking)


@transaction.atomic
def vote_cast(
    *,
    proposal: Proposal,
    choice: str = "",
    by: User,
    receipt: str = "",
    ranking: Sequence[str] = (),
) -> str:
    """Cast or change a vote: a `choice`, or for a ranking every option in order (`ranking`,
    first choice first). For a secret ballot, returns the receipt that lets this browser
    change it until the close (pass it back as `receipt`); nothing else can."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if not locked.is_open:
        raise ValidationError("Voting on this has closed.")
    if not may_vote(locked, by):
        raise PermissionDenied("This vote is for members with lived experience only.")
    order = _checked_ranking(locked, ranking) if locked.kind == Proposal.Kind.RANKING else []
    if order:
        choice = order[0]
    if choice not in locked.options:
        raise ValidationError("Choose one of the options.")
    if not locked.secret:
        NamedVote.objects.update_or_create(
            proposal=locked, person=by, defaults={"choice": choice, "ranking": order}
        )
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
        earlier.ranking = order
    else:
        receipt = secrets.token_urlsafe(24)
        ballots.append(
            Ballot(proposal=locked, choice=choice, ranking=order, receipt_hash=_hash(receipt))
        )
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
    # For a ranking: points (an option gets one point for each option placed below it on a
    # ballot, the Borda count), and `count` is how many put it first.
    points: int | None = None


def results(proposal: Proposal) -> list[Result]:
    """Counts per option (and, for a named ballot, who chose it), in the options' order; for
    a ranking, points too, most points first."""
    votes: list[tuple[str, list[str], str]]  # (choice, ranking, who)
    if proposal.secret:
        votes = [
            (choice, ranking, "")
            for choice, ranking in Ballot.objects.filter(proposal=proposal).values_list(
                "choice", "ranking"
            )
        ]
    else:
        votes = [
            (vote.choice, vote.ranking, vote.person.display_name)
            for vote in NamedVote.objects.filter(proposal=proposal).select_related("person")
        ]
    counts = Counter(choice for choice, _ranking, _who in votes)
    people: dict[str, list[str]] = {}
    for choice, _ranking, who in votes:
        if who:
            people.setdefault(choice, []).append(who)
    total = len(votes) or 1
    points: dict[str, int] | None = None
    if proposal.kind == Proposal.Kind.RANKING:
        points = Counter()
        for _choice, ranking, _who in votes:
            for place, option in enumerate(ranking):
                points[option] += len(ranking) - 1 - place
    rows = [
        Result(
            option,
            counts[option],
            round(100 * counts[option] / total),
            tuple(sorted(people.get(option, []))),
            None if points is None else points[option],
        )
        for option in proposal.options
    ]
    if points is not None:
        rows.sort(key=lambda row: -(row.points or 0))
    return rows


def the_group() -> list[User]:
    return list(
        User.objects.filter(is_active=True).exclude(roles=[]).order_by("display_name", "pk")
    )


def invited(proposal: Proposal, group: list[User] | None = None) -> list[User]:
    """Everyone who may vote on it, by name: who was asked is never secret. Pass `group`
    (`the_group()`) when asking for several proposals: the group is read once."""
    people = the_group() if group is None else group
    return [person for person in people if may_vote(proposal, person)]


@transaction.atomic
def comment_add(*, proposal: Proposal, text: str, by: User) -> Comment:
    """A short comment, signed, before the close. Passages naming someone else wait for her
    answer like any other (mentions)."""
    if not by.is_in_group:
        raise PermissionDenied("Only people in the group can comment.")
    if proposal.is_closed:
        raise ValidationError("Comments closed when the vote closed.")
    text = text.strip()
    if not text:
        raise ValidationError("Write your comment.")
    if len(text) > Comment.MAX_LENGTH:
        raise ValidationError(f"Keep a comment to {Comment.MAX_LENGTH} characters or fewer.")
    comment = Comment.objects.create(proposal=proposal, author=by, text=text)
    mentions_sync(source_kind=COMMENT, source_id=comment.pk, texts={"text": text}, writer=by)
    log_action(by=by, action="proposals.comment.added", obj=comment)
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, by: User) -> None:
    """Its writer takes a comment back (it goes for everyone)."""
    if comment.author_id != by.pk:
        raise PermissionDenied("Only its writer can delete a comment.")
    mentions_forget_source(source_kind=COMMENT, source_id=comment.pk)
    log_action(by=by, action="proposals.comment.deleted", obj=comment)
    comment.delete()


def _facilitator(by: User) -> None:
    if not by.is_facilitator:
        raise PermissionDenied("Only facilitators record what came of a decision.")


@transaction.atomic
def outcome_record(*, proposal: Proposal, decision: str, outcome: str, by: User) -> None:
    """After the close, a facilitator says what the group decided and what came of it: it is
    shown on "You said, we did"."""
    _facilitator(by)
    if not proposal.is_closed:
        raise ValidationError("Say what was decided once the vote has closed.")
    proposal.decision = decision.strip()
    proposal.outcome = outcome.strip()
    proposal.outcome_by = by
    proposal.save(update_fields=["decision", "outcome", "outcome_by"])
    mentions_sync(
        source_kind=OUTCOME,
        source_id=proposal.pk,
        texts={"decision": proposal.decision, "outcome": proposal.outcome},
        writer=by,
    )
    log_action(by=by, action="proposals.outcome.recorded", obj=proposal)


@transaction.atomic
def action_add(
    *, proposal: Proposal, description: str, who: str, due_on: date | None, by: User
) -> ProposalAction:
    _facilitator(by)
    if not proposal.is_closed:
        raise ValidationError("Add actions once the vote has closed.")
    action = ProposalAction.objects.create(
        proposal=proposal, description=description.strip(), who=who.strip(), due_on=due_on
    )
    mentions_sync(
        source_kind=ACTION, source_id=action.pk, texts={"description": description}, writer=by
    )
    log_action(by=by, action="proposals.action.added", obj=action)
    return action


@transaction.atomic
def action_set_status(*, action: ProposalAction, status: str, by: User) -> None:
    _facilitator(by)
    action.status = status
    action.save(update_fields=["status"])
    log_action(by=by, action="proposals.action.status_set", obj=action, data={"to": status})
