"""The framework matrix: cases (pseudonyms) by themes, a summary and coded passages per cell.

One ``Matrix`` is built for the page, the CSV and the XLSX alike, so the files say exactly what
the page shows. Only items whose owners allow research use now take part.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Sum
from django.urls import reverse

from bridging_gaps.spreadsheets import text_xlsx
from bridging_gaps.text import spreadsheet_safe
from research.analysis.models import MatrixCell, Passage, ProjectItem, ResearchProject, Theme
from research.granted import kind_or_none
from research.names.roster import role_of

REVIEW_NOTE = "Check this summary: a passage it may draw on was withdrawn by its owner."
_PSEUDONYM = re.compile(r"([A-Z]+)(\d+)")
_PREFIX_ORDER = {"P": 0, "GP": 1, "R": 2, "SW": 3}


@dataclass(frozen=True)
class Column:
    theme: Theme
    depth: int
    title: str  # the theme after the themes above it, for the header


@dataclass
class PassageLink:
    label: str
    url: str


@dataclass
class Cell:
    theme: Theme
    summary: str = ""
    needs_review: bool = False
    passages: list[PassageLink] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The cell as the files write it: the page shows the same words."""
        parts = [self.summary] if self.summary else []
        if self.passages:
            parts.append("Passages: " + "; ".join(link.label for link in self.passages))
        if self.needs_review:
            parts.append(REVIEW_NOTE)
        return "\n\n".join(parts)


@dataclass
class Row:
    case: str
    role: str
    cells: list[Cell]


@dataclass
class Matrix:
    columns: list[Column]
    rows: list[Row]
    removed: int

    def table(self) -> list[list[str]]:
        """Header and rows, as the CSV and XLSX have them."""
        header = ["Case", "Role", *(column.title for column in self.columns)]
        return [header] + [
            [row.case, row.role, *(cell.text for cell in row.cells)] for row in self.rows
        ]


def theme_columns(themes: Sequence[Theme]) -> list[Column]:
    """Every theme, each followed by the codes under it (tree order)."""
    children: dict[Any, list[Theme]] = defaultdict(list)
    for theme in themes:
        children[theme.parent_id].append(theme)
    columns: list[Column] = []

    def walk(parent: Any, depth: int, path: str) -> None:
        for theme in children.get(parent, []):
            title = f"{path} › {theme.name}" if path else theme.name
            columns.append(Column(theme, depth, title))
            walk(theme.id, depth + 1, title)

    walk(None, 0, "")
    return columns


def case_order(pseudonym: str) -> tuple[int, int, str]:
    match = _PSEUDONYM.fullmatch(pseudonym)
    if not match:
        return (9, 0, pseudonym)
    return (_PREFIX_ORDER.get(match.group(1), 8), int(match.group(2)), pseudonym)


def passage_label(item: Mapping[str, Any], start: int, end: int) -> str:
    kind = kind_or_none(item["item_kind"])
    label = kind.label if kind else "item"
    return f"{label} of {item['date']:%-d %b %Y}, characters {start}–{end}"


def removed_passages(project: ResearchProject) -> int:
    """Passages removed because their owners withdrew or someone named said no: counted when
    purged or made again, and any on items whose grant ended before the purge ran."""
    purged = ProjectItem.objects.filter(project=project).aggregate(total=Sum("passages_removed"))
    live = ProjectItem.objects.filter(project=project, withdrawn_at__isnull=True)
    pending = Passage.objects.filter(item__in=live).exclude(
        item__in=ProjectItem.objects.in_analysis().filter(project=project)
    )
    return (purged["total"] or 0) + pending.count()


def project_cases(project: ResearchProject) -> list[str]:
    """Every case (pseudonym) in the analysis, in the matrix's order: as many as the people who
    took part, not as many as the items."""
    in_analysis = ProjectItem.objects.in_analysis().filter(project=project)
    return sorted(set(in_analysis.values_list("pseudonym", flat=True).distinct()), key=case_order)


def build_matrix(project: ResearchProject, *, cases: Sequence[str] | None = None) -> Matrix:
    """The matrix in a fixed number of queries, whatever its size: every case, or only
    `cases` (a page of the matrix, or one cell's case)."""
    columns = theme_columns(list(Theme.objects.filter(project=project)))
    in_analysis = ProjectItem.objects.in_analysis().filter(project=project)
    if cases is not None:
        in_analysis = in_analysis.filter(pseudonym__in=list(cases))
    items = {row["id"]: row for row in in_analysis.values("id", "pseudonym", "item_kind", "date")}
    codings = (
        Passage.themes.through.objects.filter(passage__item__in=list(items))
        .order_by("passage__item__date", "passage__start", "passage_id")
        .values_list("theme_id", "passage_id", "passage__item_id", "passage__start", "passage__end")
    )
    links: dict[tuple[str, Any], list[PassageLink]] = defaultdict(list)
    for theme_id, passage_id, item_id, start, end in codings:
        item = items[item_id]
        url = reverse("item_code", args=[project.pk, item_id]) + f"#passage-{passage_id}"
        links[(item["pseudonym"], theme_id)].append(
            PassageLink(passage_label(item, start, end), url)
        )
    saved_cells = MatrixCell.objects.filter(project=project)
    if cases is not None:
        saved_cells = saved_cells.filter(case__in=list(cases))
    summaries = {(cell.case, cell.theme_id): cell for cell in saved_cells}
    cases = sorted({item["pseudonym"] for item in items.values()}, key=case_order)
    rows = []
    for case in cases:
        cells = []
        for column in columns:
            saved = summaries.get((case, column.theme.id))
            cells.append(
                Cell(
                    theme=column.theme,
                    summary=saved.summary if saved else "",
                    needs_review=bool(saved and saved.needs_review),
                    passages=links.get((case, column.theme.id), []),
                )
            )
        rows.append(Row(case, role_of(case), cells))
    return Matrix(columns, rows, removed_passages(project))


def matrix_csv(matrix: Matrix) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    for line in matrix.table():
        writer.writerow([spreadsheet_safe(value) for value in line])
    return out.getvalue()


def matrix_xlsx(matrix: Matrix, *, title: str) -> bytes:
    return text_xlsx(matrix.table(), sheet_title="Framework matrix", title=title, wrap=True)
