"""How views fetch meetings, minutes and actions. One helper per object.

Meetings belong to the whole group: anyone holding a role in it sees them (the
views are wrapped in `group_member_required`). Minutes are items of the
consent ledger and are fetched through the policy. Facilitation gives no view
of minutes that were not shared with the facilitator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from bridging_gaps.types import AuthenticatedRequest
from consent.models import AccessEvent
from consent.policy import get_item_for_user, get_managed_item, record_access
from consent.titles import titles_of
from meetings.models import Action, Decision, Meeting, Minutes
from people.access import is_facilitator

if TYPE_CHECKING:
    from people.models import User


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


def own_minutes_of_meeting(request: AuthenticatedRequest, meeting: Meeting) -> Minutes | None:
    """The minutes this person wrote of the meeting, if any."""
    return Minutes.objects.owned_by(request.user).filter(meeting=meeting).first()


def minutes_of_meeting_for_user(request: AuthenticatedRequest, meeting: Meeting) -> list[Minutes]:
    """Every set of minutes of the meeting this person may read (not logged: the meeting
    page links to them, it does not show them)."""
    return list(
        Minutes.objects.visible_to(request.user)
        .filter(meeting=meeting)
        .select_related("owner")
        .order_by("created_at")
    )


def _may_keep_up_to_date(request: AuthenticatedRequest, minutes: Minutes) -> None:
    """Facilitators keep decisions and actions up to date, and so does the minutes' writer.
    Asked only once the person may read the minutes: anyone else has had a 404."""
    if not (is_facilitator(request.user) or minutes.owner_id == request.user.pk):
        raise PermissionDenied("Only facilitators can keep actions and decisions up to date.")


def get_action_to_update(request: AuthenticatedRequest, action_id: Any) -> Action:
    """An action in minutes this person may read, or 404 (exactly as if there were none);
    403 if she may read it but not keep it up to date. Its words are part of the minutes:
    the read is in the minutes' writer's access log."""
    visible = Minutes.objects.visible_to(request.user)
    action = (
        Action.objects.select_related("minutes__meeting", "owner")
        .filter(pk=action_id, minutes__in=visible.values("pk"))
        .first()
    )
    if action is None:
        raise Http404("No such action.")
    _may_keep_up_to_date(request, action.minutes)
    record_access(viewer=request.user, items=[action.minutes], how=AccessEvent.How.VIEWED)
    return action


def get_decision_to_update(request: AuthenticatedRequest, decision_id: Any) -> Decision:
    """As get_action_to_update, for a decision."""
    visible = Minutes.objects.visible_to(request.user)
    decision = (
        Decision.objects.select_related("minutes__meeting")
        .filter(pk=decision_id, minutes__in=visible.values("pk"))
        .first()
    )
    if decision is None:
        raise Http404("No such decision.")
    _may_keep_up_to_date(request, decision.minutes)
    record_access(viewer=request.user, items=[decision.minutes], how=AccessEvent.How.VIEWED)
    return decision


def parts_in_others_minutes_for(
    person: User,
) -> tuple[list[tuple[Action, str]], list[tuple[Decision, str]]]:
    """For her data download: actions given to her, and decisions whose outcome she wrote,
    in minutes others wrote that she may read now, each with the minutes' title as she may
    see it. Parts of minutes she may not read are not hers to take."""
    readable = Minutes.objects.visible_to(person).exclude(owner=person)
    actions = list(
        Action.objects.filter(owner=person, minutes__in=readable.values("pk"))
        .select_related("minutes__meeting", "owner")
        .order_by("created_at")
    )
    decisions = list(
        Decision.objects.filter(
            updated_by=person, outcome__gt="", minutes__in=readable.values("pk")
        )
        .select_related("minutes__meeting")
        .order_by("created_at")
    )
    minutes = {a.minutes_id: a.minutes for a in actions} | {
        d.minutes_id: d.minutes for d in decisions
    }
    titles = titles_of(list(minutes.values()), person)
    return (
        [(action, titles[action.minutes_id]) for action in actions],
        [(decision, titles[decision.minutes_id]) for decision in decisions],
    )
