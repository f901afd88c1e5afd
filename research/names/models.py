"""What the anonymiser needs from the workspace: terms to take out, people's other names, and a
stable pseudonym for each person in each research project."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone


class SensitiveTerm(models.Model):
    """A word or phrase the group asked to keep out of research exports, such as the name of a
    refuge, a street or a small service. Facilitators keep the list."""

    class Label(models.TextChoices):
        PLACE = "PLACE", "Place"
        ORGANISATION = "ORGANISATION", "Organisation"
        SERVICE = "SERVICE", "Service"
        PERSON = "PERSON", "Person outside the workspace"
        OTHER = "REDACTED", "Something else"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    term = models.CharField(
        "word or phrase",
        max_length=120,
        help_text="Exactly as people write it. Capital letters do not matter.",
    )
    label = models.CharField(
        "what it is",
        max_length=20,
        choices=Label.choices,
        help_text="Exports show this label in its place, for example [PLACE].",
    )
    note = models.CharField(
        "note for facilitators (optional)",
        max_length=200,
        blank=True,
        help_text="Why it is on the list. Never exported.",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = [Lower("term")]
        constraints = [
            models.UniqueConstraint(Lower("term"), name="research_sensitiveterm_unique_ci"),
        ]

    def __str__(self) -> str:
        # What the group takes out of research: never in logs or error reports.
        return f"Sensitive term {str(self.pk)[:8]}"

    @property
    def replacement(self) -> str:
        return f"[{self.label}]"


class OtherName(models.Model):
    """A name someone is also known by: their full name, a nickname, a name they used before.

    Private to the person. Used for one thing only: taking their names out of research
    exports. Not shown to anyone else, not in the admin, never exported.
    """

    class Source(models.TextChoices):
        GIVEN = "given", "added by you"
        EARLIER = "earlier", "a name you showed before"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="other_names"
    )
    name = models.CharField("name", max_length=120)
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.GIVEN)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                "person", Lower("name"), name="research_othername_unique_per_person_ci"
            ),
        ]

    def __str__(self) -> str:
        return "Other name"  # never the name itself: this may end up in logs


class Pseudonym(models.Model):
    """The pseudonym of one person in one research project: P01, GP1, R1, SW1...

    Assigned once, never changed or reused, so a researcher can follow a case across exports
    of the project. The row names its subject by kind and UUID ("user" and the account's id),
    not by a foreign key: other kinds of participant (an interviewee without an account) can
    get pseudonyms from the same table, and a deleted account keeps its number taken.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    project_key = models.CharField(max_length=100)
    subject_kind = models.CharField(max_length=20)
    subject_id = models.UUIDField()
    prefix = models.CharField(max_length=4)
    number = models.PositiveIntegerField()
    label = models.CharField(max_length=12)
    assigned_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["project_key", "prefix", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["project_key", "subject_kind", "subject_id"],
                name="research_pseudonym_one_per_subject",
            ),
            models.UniqueConstraint(
                fields=["project_key", "prefix", "number"], name="research_pseudonym_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return self.label
