"""Fetching a researcher's exports for a request, or 404: only the researcher who made an
export, while still in its project, reaches it."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from bridging_gaps.types import AuthenticatedRequest
from people.models import User
from research.analysis.access import projects_for
from research.exports.models import Export


def exports_for(user: User) -> QuerySet[Export]:
    """The exports this researcher made, in projects they are still in."""
    return Export.objects.filter(created_by=user, project__in=projects_for(user))


def get_export_for_user(request: AuthenticatedRequest, export_id: Any) -> Export:
    export = exports_for(request.user).select_related("project").filter(pk=export_id).first()
    if export is None:
        raise Http404("No such export.")
    return export
