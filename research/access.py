"""Who may use the research project pages, and how views fetch what they show.

Research pages are for researchers with two-step sign-in (everyone else: 403). A project's
pages are for its researchers (anyone else: 404, exactly like a project that does not exist).
An export's pages, and its file, are for the researcher who made it (404 for everyone else).
What the pages show of items is anonymised text of items whose owners allow research use now
(``ProjectItem.objects.in_analysis``); nothing here reads identified text.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from people.access import is_researcher
from people.models import User
from research.export_models import Export
from research.project_models import Passage, ProjectItem, ResearchProject, Theme


def projects_for(user: User) -> QuerySet[ResearchProject]:
    """The projects this researcher is in."""
    if not is_researcher(user):
        return ResearchProject.objects.none()
    return ResearchProject.objects.filter(researchers=user)


def get_project_for_user(request: HttpRequest, project_id: Any) -> ResearchProject:
    project = projects_for(request.user).filter(pk=project_id).first()  # type: ignore[arg-type]
    if project is None:
        raise Http404("No such project.")
    return project


def exports_for(user: User) -> QuerySet[Export]:
    """The exports this researcher made, in projects they are still in."""
    return Export.objects.filter(created_by=user, project__in=projects_for(user))


def get_export_for_user(request: HttpRequest, export_id: Any) -> Export:
    export = (
        exports_for(request.user)  # type: ignore[arg-type]
        .select_related("project")
        .filter(pk=export_id)
        .first()
    )
    if export is None:
        raise Http404("No such export.")
    return export


def get_item_for_coding(
    request: HttpRequest, project: ResearchProject, item_id: Any
) -> ProjectItem:
    """An item of the project's analysis whose owner still allows research use, or 404."""
    item = ProjectItem.objects.in_analysis().filter(project=project, pk=item_id).first()
    if item is None:
        raise Http404("No such item.")
    return item


def get_theme(project: ResearchProject, theme_id: Any) -> Theme:
    theme = Theme.objects.filter(project=project, pk=theme_id).first()
    if theme is None:
        raise Http404("No such theme.")
    return theme


def get_passage(project: ResearchProject, passage_id: Any) -> Passage:
    live = ProjectItem.objects.in_analysis().filter(project=project)
    passage = Passage.objects.filter(item__in=live, pk=passage_id).first()
    if passage is None:
        raise Http404("No such passage.")
    return passage
