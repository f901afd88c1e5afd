"""Coding anonymised items, and the framework matrix. For a project's researchers only.

Everything shown here is anonymised text the project keeps (``ProjectItem.text``) of items
whose owners allow research use now: nothing reads identified text.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import resolve
from django.utils import timezone
from django.views.decorators.http import require_POST

from bridging_gaps.paging import page_of
from bridging_gaps.reauthentication import reauthentication_required
from bridging_gaps.types import AuthenticatedRequest
from consent.models import AccessEvent
from consent.policy import record_access_by_ref
from mentions.research import passages_read
from people.access import is_researcher, researcher_required
from research.analysis import services
from research.analysis.access import (
    get_item_for_coding,
    get_passage,
    get_project_for_user,
    get_theme,
    projects_for,
)
from research.analysis.forms import CodingForm, MatrixCellForm
from research.analysis.matrix import (
    build_matrix,
    matrix_csv,
    matrix_xlsx,
    project_cases,
    theme_columns,
)
from research.analysis.models import MatrixCell, Passage, ProjectItem, Theme
from research.analysis.spans import Span, merge, paragraphs, sentences
from research.granted import kind_or_none

_CASE = re.compile(r"[A-Z]{1,3}\d{1,4}")


def _layout(item: ProjectItem, passages: list[Passage]) -> list[dict[str, Any]]:
    """The text as paragraphs of sentences, each sentence with the codes already on it."""
    text = item.text
    layout = []
    for paragraph in paragraphs(text):
        rows = []
        for sentence in sentences(text, paragraph):
            codes = sorted(
                {
                    theme.name
                    for passage in passages
                    if passage.start < sentence.end and passage.end > sentence.start
                    for theme in passage.themes.all()
                }
            )
            rows.append(
                {"span": sentence, "text": text[sentence.start : sentence.end], "codes": codes}
            )
        layout.append({"span": paragraph, "sentences": rows})
    return layout


def _span_choices(layout: list[dict[str, Any]]) -> list[tuple[str, str]]:
    choices: dict[str, str] = {}
    for paragraph in layout:
        span: Span = paragraph["span"]
        choices.setdefault(span.value, "paragraph")
        for sentence in paragraph["sentences"]:
            choices.setdefault(sentence["span"].value, sentence["text"])
    return list(choices.items())


@researcher_required
def item_code(request: AuthenticatedRequest, project_id: Any, item_id: Any) -> HttpResponse:
    """Code passages of one item's anonymised text."""
    project = get_project_for_user(request, project_id)
    item = get_item_for_coding(request, project, item_id)
    passages = list(
        Passage.objects.filter(item=item)
        .select_related("created_by")
        .prefetch_related("themes")
        .order_by("start", "end")
    )
    layout = _layout(item, passages)
    form = CodingForm(request.POST or None, item=item, span_choices=_span_choices(layout))
    if request.method == "POST" and form.is_valid():
        try:
            made = services.passages_code(
                item=item,
                spans=_merged(item, form.chosen_spans()),
                themes=form.cleaned_data["themes"],
                memo=form.cleaned_data["memo"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            count = len(made)
            messages.success(request, f"Coded: {count} passage{'s' if count != 1 else ''}.")
            return redirect("item_code", project_id=project.pk, item_id=item.pk)
    kind = kind_or_none(item.item_kind)
    # The page shows the anonymised copy: its owner sees each time.
    record_access_by_ref(
        viewer=request.user,
        refs=[(item.item_kind, item.item_id)],
        how=AccessEvent.How.ANALYSED,
        reference=str(project.pk),
    )
    # And the people it names, for each passage about them it holds.
    passages_read(
        refs=ProjectItem.objects.filter(pk=item.pk).values("item_kind", "item_id"),
        viewer=request.user,
        how=AccessEvent.How.ANALYSED,
        reference=str(project.pk),
    )
    return render(
        request,
        "research/item_code.html",
        {
            "project": project,
            "item": item,
            "kind_label": kind.label if kind else "item",
            "layout": layout,
            "form": form,
            "chosen": set(request.POST.getlist("spans")),
            "passages": [
                {"passage": passage, "quote": item.text[passage.start : passage.end]}
                for passage in passages
            ],
            "columns": theme_columns(list(Theme.objects.filter(project=project))),
            "checked_themes": set(request.POST.getlist("themes")),
        },
    )


def _merged(item: ProjectItem, spans: list[Span]) -> list[Span]:
    return merge(item.text, spans)


@require_POST
@researcher_required
def passage_remove(request: AuthenticatedRequest, project_id: Any, passage_id: Any) -> HttpResponse:
    project = get_project_for_user(request, project_id)
    passage = get_passage(project, passage_id)
    item_id = passage.item_id
    services.passage_remove(passage=passage, by=request.user)
    messages.success(request, "The passage is no longer coded.")
    return redirect("item_code", project_id=project.pk, item_id=item_id)


CASES_PER_PAGE = 25


@researcher_required
def matrix(request: AuthenticatedRequest, project_id: Any) -> HttpResponse:
    """The matrix a page of cases at a time (the downloads hold every case)."""
    project = get_project_for_user(request, project_id)
    page = page_of(project_cases(project), request.GET.get("page"), CASES_PER_PAGE)
    return render(
        request,
        "research/matrix.html",
        {"project": project, "matrix": build_matrix(project, cases=page.object_list), "page": page},
    )


def _case_or_404(project: Any, case: str) -> str:
    if not _CASE.fullmatch(case):
        raise Http404("No such case.")
    cases = set(
        ProjectItem.objects.in_analysis()
        .filter(project=project)
        .values_list("pseudonym", flat=True)
    )
    if case not in cases:
        raise Http404("No such case.")
    return case


@researcher_required
def matrix_cell(
    request: AuthenticatedRequest, project_id: Any, case: str, theme_id: Any
) -> HttpResponse:
    """Write the summary of one case on one theme."""
    project = get_project_for_user(request, project_id)
    case = _case_or_404(project, case)
    theme = get_theme(project, theme_id)
    saved = MatrixCell.objects.filter(project=project, case=case, theme=theme).first()
    form = MatrixCellForm(request.POST or None, initial={"summary": saved.summary if saved else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.matrix_cell_save(
                project=project,
                case=case,
                theme=theme,
                summary=form.cleaned_data["summary"].strip(),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Saved the summary of {case} on “{theme.name}”.")
            return redirect("matrix", project_id=project.pk)
    row = next((row for row in build_matrix(project, cases=[case]).rows if row.case == case), None)
    cell = next((cell for cell in row.cells if cell.theme.pk == theme.pk), None) if row else None
    return render(
        request,
        "research/matrix_cell.html",
        {
            "project": project,
            "case": case,
            "theme": theme,
            "form": form,
            "saved": saved,
            "passages": cell.passages if cell else [],
        },
    )


def _downloading_matrix(request: HttpRequest) -> bool:
    """Re-authenticate before a download, only for the project's researchers (others 404)."""
    if not is_researcher(request.user):
        return False
    match = resolve(request.path_info)
    return projects_for(request.user).filter(pk=match.kwargs["project_id"]).exists()  # type: ignore[arg-type]


@researcher_required
@reauthentication_required(enabled=_downloading_matrix)
def matrix_download(
    request: AuthenticatedRequest, project_id: Any, file_format: str
) -> HttpResponse:
    """The matrix as CSV or XLSX: the same cells as the page."""
    project = get_project_for_user(request, project_id)
    built = build_matrix(project)
    stamp = f"{timezone.localdate():%Y-%m-%d}"
    if file_format == "csv":
        response = HttpResponse(matrix_csv(built), content_type="text/csv; charset=utf-8")
    elif file_format == "xlsx":
        response = HttpResponse(
            matrix_xlsx(built, title=f"Framework matrix: {project.name}"),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        raise Http404("No such format.")
    response["Content-Disposition"] = (
        f'attachment; filename="framework-matrix-{stamp}.{file_format}"'
    )
    return response
