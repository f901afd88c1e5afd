"""Writes for research projects and the Framework analysis. Each in one transaction.

The analysis keeps anonymised text only (``ProjectItem.text``); when an owner withdraws
research use, ``project_items_purge`` deletes that text and its coded passages at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from actionlog.services import log_action
from people.models import Role, User
from research.analysis.models import (
    TRAUMA_INFORMED_PRINCIPLES,
    MatrixCell,
    Passage,
    ProjectItem,
    ResearchProject,
    Theme,
)
from research.analysis.spans import OffsetMap, Span
from research.analysis.unnamed import refuse_names
from research.granted import still_granted
from research.names.marking import replacement_counts

if TYPE_CHECKING:
    from consent.registry import ExportText
    from research.anonymiser import Anonymised
    from research.exports.models import ExportItem


@dataclass(frozen=True, slots=True)
class Prepared:
    """One chosen item, anonymised; ``coded`` is its item in the project's analysis, if any
    (with its passages), so the files can carry the coding over."""

    row: ExportItem
    item: Any
    text: ExportText
    anonymised: Anonymised
    coded: ProjectItem | None


# --- Projects and their researchers --------------------------------------------------------


@transaction.atomic
def project_create(*, name: str, description: str = "", by: User) -> ResearchProject:
    """A new project, its creator in it, its codebook seeded with the six principles."""
    if not by.has_role(Role.RESEARCHER):
        raise ValidationError("Only researchers can start a research project.")
    _named_nobody(by, of="project", name=name, description=description)
    project = ResearchProject.objects.create(name=name, description=description, created_by=by)
    project.researchers.add(by)
    Theme.objects.bulk_create(
        Theme(project=project, name=theme, description=text, position=index)
        for index, (theme, text) in enumerate(TRAUMA_INFORMED_PRINCIPLES)
    )
    log_action(by=by, action="research.project.created", obj=project)
    return project


@transaction.atomic
def project_update(
    *, project: ResearchProject, name: str, description: str, by: User
) -> ResearchProject:
    _named_nobody(by, of="project", name=name, description=description)
    project.name = name
    project.description = description
    project.save(update_fields=["name", "description"])
    log_action(by=by, action="research.project.changed", obj=project)
    return project


@transaction.atomic
def project_researcher_add(*, project: ResearchProject, person: User, by: User) -> None:
    if not (person.is_active and person.has_role(Role.RESEARCHER)):
        raise ValidationError("Only researchers can join a research project.")
    project.researchers.add(person)
    log_action(by=by, action="research.project.researcher_added", obj=project, person=person)


@transaction.atomic
def project_researcher_remove(*, project: ResearchProject, person: User, by: User) -> None:
    if project.researchers.exclude(pk=person.pk).count() == 0:
        raise ValidationError("A project needs at least one researcher.")
    project.researchers.remove(person)
    log_action(by=by, action="research.project.researcher_removed", obj=project, person=person)


def _named_nobody(writer: User, *, of: str, name: str, description: str) -> None:
    """A project's and a theme's words go into every REFI-QDA project it exports."""
    refuse_names(name, field="name", what=f"{of}'s name", writer=writer)
    refuse_names(description, field="description", what="description", writer=writer)


# --- The codebook ------------------------------------------------------------------------


def _check_parent(theme: Theme | None, parent: Theme | None, project: ResearchProject) -> None:
    if parent is None:
        return
    if parent.project_id != project.pk:
        raise ValidationError("That theme is not in this project.")
    ancestor: Theme | None = parent
    while ancestor is not None:
        if theme is not None and ancestor.pk == theme.pk:
            raise ValidationError("A theme cannot go under itself or one of its own codes.")
        ancestor = ancestor.parent


@transaction.atomic
def theme_add(
    *, project: ResearchProject, name: str, description: str = "", parent: Theme | None, by: User
) -> Theme:
    _check_parent(None, parent, project)
    _named_nobody(by, of="theme", name=name, description=description)
    last = Theme.objects.filter(project=project, parent=parent).aggregate(Max("position"))
    done = Theme.objects.create(
        project=project,
        parent=parent,
        name=name,
        description=description,
        position=(last["position__max"] or 0) + 1,
    )
    log_action(by=by, action="research.theme.added", obj=done)
    return done


@transaction.atomic
def theme_update(
    *, theme: Theme, name: str, description: str, parent: Theme | None, by: User
) -> Theme:
    _check_parent(theme, parent, theme.project)
    _named_nobody(by, of="theme", name=name, description=description)
    theme.name, theme.description, theme.parent = name, description, parent
    theme.save(update_fields=["name", "description", "parent"])
    log_action(by=by, action="research.theme.changed", obj=theme)
    return theme


@transaction.atomic
def theme_remove(*, theme: Theme, by: User) -> None:
    """Remove a theme and the codes under it. Passages stay, without these codes; their cells
    in the matrix go."""
    log_action(by=by, action="research.theme.removed", obj=theme)
    theme.delete()


# --- Coding ----------------------------------------------------------------------------------


@transaction.atomic
def passages_code(
    *, item: ProjectItem, spans: Sequence[Span], themes: Iterable[Theme], memo: str, by: User
) -> list[Passage]:
    """Code stretches of an item's anonymised text with one or more themes of its project."""
    chosen = list(themes)
    if not spans:
        raise ValidationError("Choose the words to code.")
    if not chosen:
        raise ValidationError("Choose at least one code.")
    if any(theme.project_id != item.project_id for theme in chosen):
        raise ValidationError("Codes must come from this project's codebook.")
    refuse_names(memo, field="memo", what="memo", writer=by)
    locked = ProjectItem.objects.select_for_update().get(pk=item.pk)
    if locked.withdrawn_at is not None:
        raise ValidationError("Its owner withdrew it from research: it cannot be coded.")
    passages = []
    for span in spans:
        if not 0 <= span.start < span.end <= len(locked.text):
            raise ValidationError("That stretch is not in the text.")
        # One passage per stretch: coding it again adds codes (and the memo), never a copy,
        # which analysis tools would count twice.
        passage, created = Passage.objects.get_or_create(
            item=locked, start=span.start, end=span.end, defaults={"memo": memo, "created_by": by}
        )
        if not created and memo and memo not in passage.memo:
            passage.memo = f"{passage.memo}\n\n{memo}" if passage.memo else memo
            passage.save(update_fields=["memo"])
        passage.themes.add(*chosen)
        passages.append(passage)
    log_action(by=by, action="research.passage.coded", obj=item, data={"passages": len(passages)})
    return passages


@transaction.atomic
def passage_remove(*, passage: Passage, by: User) -> None:
    log_action(by=by, action="research.passage.removed", obj=passage)
    passage.delete()


@transaction.atomic
def matrix_cell_save(
    *, project: ResearchProject, case: str, theme: Theme, summary: str, by: User
) -> MatrixCell:
    if theme.project_id != project.pk:
        raise ValidationError("That theme is not in this project.")
    refuse_names(summary, field="summary", what="summary", writer=by)
    cell, _ = MatrixCell.objects.update_or_create(
        project=project,
        case=case,
        theme=theme,
        defaults={
            "summary": summary,
            "needs_review": False,
            "updated_by": by,
            "updated_at": timezone.now(),
        },
    )
    log_action(by=by, action="research.matrix_cell.saved", obj=cell)
    return cell


# --- Items in the analysis ------------------------------------------------------------------


def _fields(prepared: Prepared) -> dict[str, Any]:
    row, result = prepared.row, prepared.anonymised
    return {
        "pseudonym": row.pseudonym,
        "role": row.role,
        "date": row.date,
        "meeting_label": row.meeting_label,
        "text": result.text,
        "replacement_counts": replacement_counts(result),
        "flag_count": len(result.flags),
    }


@transaction.atomic
def project_items_store(
    *, project: ResearchProject, prepared: Sequence[Prepared], export: Any, by: User
) -> tuple[int, int]:
    """Add anonymised items to the analysis, or bring those there up to date.

    An item already there keeps its coded passages, carried over to its new text; a passage
    whose words are gone is removed. Returns (items added or updated, passages removed)."""
    existing = {
        (item.item_kind, item.item_id): item
        for item in ProjectItem.objects.select_for_update().filter(
            project=project, item_id__in=[p.row.item_id for p in prepared]
        )
    }
    new: list[ProjectItem] = []
    dropped = 0
    for entry in prepared:
        fields = _fields(entry)
        item = existing.get((entry.row.item_kind, entry.row.item_id))
        if item is None:
            new.append(
                ProjectItem(
                    project=project,
                    item_kind=entry.row.item_kind,
                    item_id=entry.row.item_id,
                    added_by=by,
                    added_in=export,
                    **fields,
                )
            )
            continue
        if item.withdrawn_at is None and item.text == fields["text"]:
            continue
        dropped += _carry_passages(item, fields["text"])
        for name, value in fields.items():
            setattr(item, name, value)
        item.withdrawn_at = None
        item.added_by, item.added_in, item.added_at = by, export, timezone.now()
        item.save()
    ProjectItem.objects.bulk_create(new)
    log_action(
        by=by,
        action="research.project.items_stored",
        obj=project,
        data={"items": len(prepared), "passages_dropped": dropped},
    )
    return len(prepared), dropped


def _carry_passages(item: ProjectItem, text: str) -> int:
    offsets = OffsetMap(item.text, text)
    dropped = 0
    for passage in item.passages.all():
        span = offsets.span(passage.start, passage.end)
        if span is None:
            passage.delete()
            dropped += 1
        elif (span.start, span.end) != (passage.start, passage.end):
            passage.start, passage.end = span.start, span.end
            passage.save(update_fields=["start", "end"])
    return dropped


@transaction.atomic
def project_item_retext(*, item: ProjectItem, anonymised: Anonymised, by: User | None) -> bool:
    """The item's text made again from its item, after someone named in it said no to research
    use of passages about her: its coded passages carried over, those whose words are gone
    removed (counted, and the matrix summaries that may draw on them marked to review). An
    item with nothing left leaves the analysis, as a withdrawn one does (an export leaves such
    an item out too). Returns whether the text changed."""
    locked = ProjectItem.objects.select_for_update().get(pk=item.pk)
    if locked.withdrawn_at is not None or locked.text == anonymised.text:
        return False
    if not anonymised.text.strip():
        dropped = _item_take_out(locked)
    else:
        coded = list(locked.passages.values_list("pk", "themes"))
        dropped = _carry_passages(locked, anonymised.text)
        kept = set(locked.passages.values_list("pk", flat=True))
        theme_ids = {theme for pk, theme in coded if pk not in kept and theme is not None}
        locked.text = anonymised.text
        locked.replacement_counts = replacement_counts(anonymised)
        locked.flag_count = len(anonymised.flags)
        locked.passages_removed += dropped
        locked.save(update_fields=["text", "replacement_counts", "flag_count", "passages_removed"])
        if theme_ids:
            MatrixCell.objects.filter(
                project=locked.project_id, case=locked.pseudonym, theme__in=theme_ids
            ).update(needs_review=True)
    log_action(
        by=by,
        action="research.project.item_made_again",
        obj=locked.project,
        data={"passages_dropped": dropped},
    )
    return True


@transaction.atomic
def project_items_purge(*, item_kind: str, item_id: Any) -> int:
    """The owner withdrew research use (or the item is gone): delete its anonymised text and
    its coded passages in every project, at once. The row stays, empty, counting the passages
    removed; summaries in the matrix that may draw on them are marked to review, and a case
    with nothing left loses its row. Returns the number of passages removed."""
    items = ProjectItem.objects.select_for_update().filter(
        item_kind=item_kind, item_id=item_id, withdrawn_at__isnull=True
    )
    return sum(_item_take_out(item) for item in items)


def _item_take_out(item: ProjectItem) -> int:
    """The item leaves the analysis: its text and coded passages deleted, the row kept, empty,
    counting them; the case's summaries that may draw on them marked to review, or gone with
    the case if nothing of it is left. Returns the number of passages removed."""
    passages = item.passages.all()
    theme_ids = set(passages.values_list("themes", flat=True)) - {None}
    count = passages.count()
    passages.delete()
    item.text = ""
    item.replacement_counts = {}
    item.flag_count = 0
    item.withdrawn_at = timezone.now()
    item.passages_removed += count
    item.save()
    cells = MatrixCell.objects.filter(project=item.project_id, case=item.pseudonym)
    if not ProjectItem.objects.filter(
        project=item.project_id, pseudonym=item.pseudonym, withdrawn_at__isnull=True
    ).exists():
        cells.delete()
    elif theme_ids:
        cells.filter(theme__in=theme_ids).update(needs_review=True)
    return count


def project_items_purge_withdrawn() -> int:
    """Purge every item whose grant ended without the purge running (a safety net for the
    daily job: withdrawals purge at once through a signal). Returns the items purged."""
    live = ProjectItem.objects.filter(withdrawn_at__isnull=True)
    stale = live.exclude(pk__in=still_granted(live).values("pk"))
    pairs = set(stale.values_list("item_kind", "item_id"))
    for item_kind, item_id in pairs:
        project_items_purge(item_kind=item_kind, item_id=item_id)
    return len(pairs)
