"""Research projects and their Framework analysis: codebook, coded passages, matrix.

Nothing here holds identified text. A project item keeps the *anonymised* text of an item whose
owner allowed research use; when that grant ends, the text and its coded passages are deleted
(research/analysis/services.py, ``project_items_purge``) and only a count stays, so the matrix
can say how many passages were removed. See docs/research.md.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from research.granted import still_granted
from research.refi_qda import GuidMaker

# The six trauma-informed principles every codebook starts with (docs/research.md).
TRAUMA_INFORMED_PRINCIPLES: list[tuple[str, str]] = [
    (
        "Safety",
        "Feeling physically and emotionally safe: the place, the people, the way things are done.",
    ),
    (
        "Trustworthiness and transparency",
        "Decisions and what happens next are explained openly, so trust can be built and kept.",
    ),
    (
        "Peer support",
        "People with lived experience support each other, and their experience is valued.",
    ),
    (
        "Collaboration and mutuality",
        "Power is shared: staff and people with lived experience decide together.",
    ),
    (
        "Empowerment, voice and choice",
        "People's strengths are recognised; they choose, and their voice changes things.",
    ),
    (
        "Cultural, historical and gender issues",
        "Stereotypes and biases are moved past; gender, culture and history are taken into "
        "account.",
    ),
]


def new_project_key() -> str:
    # The key of a project's pseudonyms. Random, never shown, never changed: exports of one
    # project name each person the same way, and two projects never share pseudonyms.
    return f"project-{uuid.uuid4().hex}"


class ResearchProject(models.Model):
    """A piece of research: the researchers in it, its codebook, its items and exports."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField("name of the project", max_length=120)
    description = models.TextField(
        "what the project is about (optional)",
        blank=True,
        help_text="The researchers in the project see this. It goes into the export files.",
    )
    key = models.CharField(max_length=100, unique=True, editable=False, default=new_project_key)
    researchers = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="research_projects")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def guids(self) -> GuidMaker:
        """GUIDs for REFI-QDA files: the same in every export of this project."""
        return GuidMaker(f"bridging-gaps:project:{self.id}")

    def source_guid(self, item_kind: str, item_id: uuid.UUID) -> uuid.UUID:
        """The id an item has in this project's files (never its id in the workspace)."""
        return uuid.UUID(self.guids("source", f"{item_kind}:{item_id}"))


class Theme(models.Model):
    """A code of the project's codebook (a theme, or a code under one)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    project = models.ForeignKey(ResearchProject, on_delete=models.CASCADE, related_name="themes")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="under",
    )
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["position", "created_at"]
        constraints = [
            models.UniqueConstraint(
                "project",
                "parent",
                Lower("name"),
                name="research_theme_unique_name_per_parent",
                nulls_distinct=False,
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ProjectItemQuerySet(models.QuerySet["ProjectItem"]):
    def in_analysis(self) -> ProjectItemQuerySet:
        """Items whose text is here: added, and the owner's research-use grant still current.

        The grant is checked again at read time (``research.granted.still_granted``), so an
        item whose purge has not run yet is never shown either.
        """
        return still_granted(self.filter(withdrawn_at__isnull=True))  # type: ignore[return-value]


class ProjectItem(models.Model):
    """An item added to a project's analysis: its anonymised text, never the original.

    The text was anonymised with the project's pseudonyms when it was added, and the researchers
    code passages of it. When the owner withdraws research use the text and the passages are
    deleted; the row stays, empty, to count what was removed.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    project = models.ForeignKey(ResearchProject, on_delete=models.CASCADE, related_name="items")
    item_kind = models.CharField(max_length=40)
    item_id = models.UUIDField()
    pseudonym = models.CharField(max_length=12)
    role = models.CharField(max_length=40)
    date = models.DateField()
    meeting_label = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)
    replacement_counts = models.JSONField(default=dict, blank=True)
    flag_count = models.PositiveIntegerField(default=0)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)
    added_in = models.ForeignKey(
        "research.Export", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    passages_removed = models.PositiveIntegerField(default=0)

    objects = ProjectItemQuerySet.as_manager()

    class Meta:
        ordering = ["date", "added_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "item_kind", "item_id"], name="research_projectitem_once"
            ),
        ]
        indexes = [models.Index(fields=["item_kind", "item_id"])]

    def __str__(self) -> str:
        return f"{self.pseudonym}, {self.date:%d %B %Y}"


class Passage(models.Model):
    """A coded stretch of an item's anonymised text: ``text[start:end]``, in code points."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(ProjectItem, on_delete=models.CASCADE, related_name="passages")
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    themes = models.ManyToManyField(Theme, related_name="passages")
    memo = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["start", "end", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="research_passage_not_empty"
            ),
            # Coding a stretch again adds codes to it (research.analysis.services.passages_code).
            models.UniqueConstraint(
                fields=["item", "start", "end"], name="research_passage_one_per_stretch"
            ),
        ]

    def __str__(self) -> str:
        return f"Passage {self.start}–{self.end}"

    @property
    def quote(self) -> str:
        return self.item.text[self.start : self.end]


class MatrixCell(models.Model):
    """One cell of the framework matrix: a researcher's summary of a case on a theme."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    project = models.ForeignKey(
        ResearchProject, on_delete=models.CASCADE, related_name="matrix_cells"
    )
    case = models.CharField(max_length=12)
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="cells")
    summary = models.TextField(blank=True)
    # A passage it may draw on was withdrawn by its owner since the summary was written.
    needs_review = models.BooleanField(default=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["project", "case", "theme"], name="research_matrixcell_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} × {self.theme_id}"
