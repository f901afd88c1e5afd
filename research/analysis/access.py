"""Fetching projects, their items, themes and passages for a request, or 404: only the
researchers of a project reach them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from bridging_gaps.types import AuthenticatedRequest
from people.access import is_researcher
from people.models import User
from research.analysis.models import Passage, ProjectItem, ResearchProject, Theme


def projects_for(user: User) -> QuerySet[ResearchProject]:
    """The projects this researcher is in."""
    if not is_researcher(user):
        return ResearchProject.objects.none()
    return ResearchProject.objects.filter(researchers=user)


def get_project_for_user(request: AuthenticatedRequest, project_id: Any) -> ResearchProject:
    project = projects_for(request.user).filter(pk=project_id).first()
    if project is None:
        raise Http404("No such project.")
    return project


def get_item_for_coding(
    request: AuthenticatedRequest, project: ResearchProject, item_id: Any
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
