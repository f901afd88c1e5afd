"""Research projects and their codebook. For researchers (403 for others); a project's pages
for its researchers (404 for others)."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bridging_gaps.idempotency import idempotent
from bridging_gaps.paging import page_of
from bridging_gaps.types import AuthenticatedRequest
from people.access import researcher_required
from people.models import User
from research.analysis import services
from research.analysis.access import (
    get_project_for_user,
    get_theme,
    projects_for,
)
from research.analysis.forms import ProjectForm, ResearcherAddForm, ThemeForm
from research.analysis.matrix import removed_passages, theme_columns
from research.analysis.models import ProjectItem, ResearchProject, Theme
from research.exports.models import Export
from research.granted import kind_or_none

ITEMS_PER_PAGE = 25
EXPORTS_PER_PAGE = 20


@researcher_required
def research_home(request: AuthenticatedRequest) -> HttpResponse:
    projects = projects_for(request.user).annotate(
        item_count=Count("items", filter=Q(items__withdrawn_at__isnull=True), distinct=True)
    )
    return render(request, "research/home.html", {"projects": projects})


@researcher_required
@idempotent
def project_create(request: AuthenticatedRequest) -> HttpResponse:
    form = ProjectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            project = services.project_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                "Project started. Its codebook starts with the six trauma-informed principles.",
            )
            return redirect("project_detail", project_id=project.pk)
    return render(request, "research/project_form.html", {"form": form})


@researcher_required
def project_detail(request: AuthenticatedRequest, project_id: Any) -> HttpResponse:
    project = get_project_for_user(request, project_id)
    items = (
        ProjectItem.objects.in_analysis()
        .filter(project=project)
        .annotate(passage_count=Count("passages"))
        .order_by("date", "added_at")
    )
    page = page_of(items, request.GET.get("page"), ITEMS_PER_PAGE)
    for item in page.object_list:
        kind = kind_or_none(item.item_kind)
        item.kind_label = kind.label if kind else "item"
    # Its own pages (`?exports=2`), beside the items' (`?page=2`): every export stays reachable.
    exports = page_of(
        Export.objects.filter(project=project)
        .select_related("created_by")
        .order_by("-created_at", "-pk"),
        request.GET.get("exports"),
        EXPORTS_PER_PAGE,
    )
    return render(
        request,
        "research/project_detail.html",
        {
            "project": project,
            "researchers": list(project.researchers.order_by("display_name")),
            "page": page,
            "exports": exports,
            "removed": removed_passages(project),
            "theme_count": Theme.objects.filter(project=project).count(),
        },
    )


@researcher_required
@idempotent
def project_settings(request: AuthenticatedRequest, project_id: Any) -> HttpResponse:
    """Name, description and researchers of the project."""
    project = get_project_for_user(request, project_id)
    form = ProjectForm(instance=project)
    add_form = ResearcherAddForm(project=project)
    if request.method == "POST" and "remove" in request.POST:
        person = project.researchers.filter(pk=_uuid_or_none(request.POST["remove"])).first()
        if person is not None:
            try:
                services.project_researcher_remove(project=project, person=person, by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, f"{person.display_name} is no longer in the project.")
        if person == request.user:
            return redirect("research_home")
        return redirect("project_settings", project_id=project.pk)
    if request.method == "POST" and "person" in request.POST:
        add_form = ResearcherAddForm(request.POST, project=project)
        if add_form.is_valid():
            added: User = add_form.cleaned_data["person"]
            services.project_researcher_add(project=project, person=added, by=request.user)
            messages.success(request, f"{added.display_name} is in the project now.")
            return redirect("project_settings", project_id=project.pk)
    elif request.method == "POST":
        form = ProjectForm(request.POST, instance=ResearchProject.objects.get(pk=project.pk))
        if form.is_valid():
            try:
                services.project_update(project=project, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Saved.")
                return redirect("project_detail", project_id=project.pk)
    return render(
        request,
        "research/project_settings.html",
        {
            "project": project,
            "form": form,
            "add_form": add_form,
            "researchers": project.researchers.order_by("display_name"),
        },
    )


def _uuid_or_none(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(value)
    except ValueError:
        return None


@researcher_required
@idempotent
def codebook(request: AuthenticatedRequest, project_id: Any) -> HttpResponse:
    project = get_project_for_user(request, project_id)
    form = ThemeForm(request.POST or None, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_add(project=project, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Added to the codebook.")
            return redirect("codebook", project_id=project.pk)
    themes = list(Theme.objects.filter(project=project).annotate(passage_count=Count("passages")))
    return render(
        request,
        "research/codebook.html",
        {"project": project, "form": form, "columns": theme_columns(themes)},
    )


@researcher_required
def theme_edit(request: AuthenticatedRequest, project_id: Any, theme_id: Any) -> HttpResponse:
    project = get_project_for_user(request, project_id)
    theme = get_theme(project, theme_id)
    form = ThemeForm(request.POST or None, instance=theme, project=project)
    if request.method == "POST" and form.is_valid():
        try:
            services.theme_update(theme=theme, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            # A name in its words is on its field; a code under itself, on "Under".
            form.add_error(None if hasattr(error, "error_dict") else "parent", error)
        else:
            messages.success(request, "Saved.")
            return redirect("codebook", project_id=project.pk)
    return render(
        request, "research/theme_edit.html", {"project": project, "theme": theme, "form": form}
    )


@require_POST
@researcher_required
def theme_remove(request: AuthenticatedRequest, project_id: Any, theme_id: Any) -> HttpResponse:
    project = get_project_for_user(request, project_id)
    theme = get_theme(project, theme_id)
    services.theme_remove(theme=theme, by=request.user)
    messages.success(
        request,
        f"Removed “{theme.name}” and the codes under it. Coded passages keep their other codes.",
    )
    return redirect("codebook", project_id=project.pk)
