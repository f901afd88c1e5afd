"""How views fetch meetings, minutes and actions. One helper per object.

Meetings belong to the whole group: anyone holding a role in it sees them (the
views are wrapped in `group_member_required`). Minutes are items of the
consent ledger and are fetched through the policy. Facilitation gives no view
of minutes that were not shared with the facilitator.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from bridging_gaps.types import AuthenticatedRequest
from consent.policy import get_item_for_user, get_managed_item
from meetings.models import Action, Decision, Meeting, Minutes


def get_meeting_for_user(request: AuthenticatedRequest, meeting_id: Any) -> Meeting:
    if not request.user.is_in_group:
        raise PermissionDenied("This page is for people in the group.")
    return get_object_or_404(Meeting.objects.select_related("series", "observer"), pk=meeting_id)


def get_minutes_for_user(request: AuthenticatedRequest, minutes_id: Any) -> Minutes:
    """Read minutes through the consent policy (the read is logged for the writer), or 404."""
    return get_item_for_user(
        request, Minutes.objects.select_related("owner", "meeting"), minutes_id
    )


def get_own_minutes(request: AuthenticatedRequest, minutes_id: Any) -> Minutes:
    return get_managed_item(request, Minutes.objects.select_related("meeting"), minutes_id)


def get_action_for_user(request: AuthenticatedRequest, action_id: Any) -> Action:
    """An action in minutes this person may read, or 404."""
    visible = Minutes.objects.visible_to(request.user)
    action = (
        Action.objects.select_related("minutes__meeting", "owner")
        .filter(pk=action_id, minutes__in=visible.values("pk"))
        .first()
    )
    if action is None:
        raise Http404("No such action.")
    return action


def get_decision_for_user(request: AuthenticatedRequest, decision_id: Any) -> Decision:
    visible = Minutes.objects.visible_to(request.user)
    decision = (
        Decision.objects.select_related("minutes__meeting")
        .filter(pk=decision_id, minutes__in=visible.values("pk"))
        .first()
    )
    if decision is None:
        raise Http404("No such decision.")
    return decision
