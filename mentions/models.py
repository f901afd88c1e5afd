"""Passages that name someone, and what she decided about them.

A `Mention` is one person named in one sentence of a text someone else wrote about the group
(minutes, a decision, an action, an agenda item, a cancellation message, an observation note).
It is an item of the consent ledger owned by the person named: her part of the writer's words.
Only she and the writer see it; she decides what others read of it (docs/mentions.md).
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone

from consent.items import ShareableItem


def sentence_key(sentence: str) -> str:
    """The same sentence keeps its answer when the writer edits something else."""
    return hashlib.sha256(" ".join(sentence.split()).encode()).hexdigest()


class Mention(ShareableItem):
    class State(models.TextChoices):
        PENDING = "pending", "waiting for your answer"
        FINE = "fine", "you said that's fine"
        NAME_OUT = "name_out", "your name is taken out"
        PASSAGE_OUT = "passage_out", "the passage is taken out"
        # Her account was deleted: her name was replaced by its pseudonym in the text.
        ERASED = "erased", "your account was deleted"

    writer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # Where the passage is: a kind of text (mentions.sources), the object, the field.
    source_kind = models.CharField(max_length=40)
    source_id = models.UUIDField()
    field = models.CharField(max_length=40)
    # The sentence as written, and the words in it that name her.
    sentence = models.TextField()
    sentence_key = models.CharField(max_length=64)
    words = ArrayField(models.CharField(max_length=200), default=list)
    state = models.CharField(max_length=12, choices=State.choices, default=State.PENDING)
    answered_at = models.DateTimeField(null=True, blank=True)
    # Her reason for taking the passage out: hers, shown to the writer only if she chooses.
    reason = models.TextField(blank=True)
    reason_for_writer = models.BooleanField(default=False)
    # The writer changed the text and the sentence is no longer in it.
    gone_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["source_kind", "source_id"], name="mentions_source"),
            models.Index(fields=["owner", "state"], name="mentions_owner_state"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["source_kind", "source_id", "field", "owner", "sentence_key"],
                condition=Q(gone_at__isnull=True),
                name="mentions_one_live_per_sentence",
            )
        ]

    @property
    def is_live(self) -> bool:
        return self.gone_at is None

    @property
    def hidden_from_readers(self) -> bool:
        """The whole passage is hidden from everyone but the writer and her."""
        return self.state == self.State.PASSAGE_OUT

    @property
    def name_hidden_from_readers(self) -> bool:
        """Readers see "a member" instead of her name: until she answers, and if she asked."""
        return self.state in (self.State.PENDING, self.State.NAME_OUT)


class ResearchChoice(models.Model):
    """Her answer to: may passages others wrote about me go into research exports?

    No row means no (the default). Asked in *My account* and on her first mention."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="mention_research_choice"
    )
    research_use = models.BooleanField(default=False)
    decided_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"Research choice {str(self.pk)[:8]}"
