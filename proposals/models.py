"""Proposals anyone in the group can start, and their ballots (docs/proposals.md).

A secret ballot is kept so that nobody can tie a person to a choice, not even with the database
in hand: `Ballot` holds the choice and a hash of a receipt only its voter's browser keeps, and no
voter, no time; `Voted` says only that a person voted, with no time and no choice. The ballots
of a proposal are written again in a random order each time one is cast, so not even the order
of the rows on disk follows the order of the votes.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone

from meetings.models import Action


class Proposal(models.Model):
    class Kind(models.TextChoices):
        YES_NO = "yes_no", "Yes, no, or abstain"
        CHOICE = "choice", "One of several options"
        RANKING = "ranking", "A ranking: put the options in order"

    class Electorate(models.TextChoices):
        GROUP = "group", "Everyone in the group"
        MEMBERS = "members", "Members with lived experience only"

    class Status(models.TextChoices):
        OPEN = "open", "open"
        PAUSED = "paused", "paused"
        CLOSED = "closed", "closed"

    YES_NO_OPTIONS = ("Yes", "No", "Abstain")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    question = models.CharField(max_length=300)
    details = models.TextField(blank=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    options = ArrayField(models.CharField(max_length=200))
    electorate = models.CharField(max_length=10, choices=Electorate.choices)
    secret = models.BooleanField(default=True)
    results_hidden = models.BooleanField(default=True)
    closes_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    status_reason = models.TextField(blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The meeting where it was (or will be) talked about, if any.
    meeting = models.ForeignKey(
        "meetings.Meeting", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # After the close: what the group decided, and what came of it ("You said, we did").
    decision = models.TextField(blank=True)
    outcome = models.TextField(blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["-created_at"])]

    def __str__(self) -> str:
        return f"Proposal {str(self.pk)[:8]}"

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED or timezone.now() >= self.closes_at

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN and not self.is_closed


class Ballot(models.Model):
    """One secret vote: its choice, and the hash of a receipt only the voter's browser holds
    (to change it before the close). No voter, no time; the id is random."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="ballots")
    choice = models.CharField(max_length=200)
    # For a ranking: every option, first choice first (`choice` is the first).
    ranking = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    receipt_hash = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return "A ballot"


class Voted(models.Model):
    """That a person voted on a proposal: nothing about what, or when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="voted")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "person"], name="proposals_one_vote_each")
        ]

    def __str__(self) -> str:
        return "Voted"


class NamedVote(models.Model):
    """A vote on a named ballot: who chose what (shown after the close)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="named_votes")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    choice = models.CharField(max_length=200)
    ranking = ArrayField(models.CharField(max_length=200), default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "person"], name="proposals_one_named_vote")
        ]

    def __str__(self) -> str:
        return "A named vote"


class Comment(models.Model):
    """A short, plain comment on a proposal before it closes, signed by its writer (a comment
    is never part of a secret ballot: what it says is the writer's to say)."""

    MAX_LENGTH = 1000

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    text = models.TextField(max_length=MAX_LENGTH)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Comment {str(self.pk)[:8]}"


class ProposalAction(models.Model):
    """Something to be done because of what the group decided."""

    # The same steps, in the same words, as an action in minutes.
    Status = Action.Status

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(max_length=500)
    # Who will do it, in words ("Faye", "the practice manager").
    who = models.CharField(max_length=80, blank=True)
    due_on = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Action {str(self.pk)[:8]}"
