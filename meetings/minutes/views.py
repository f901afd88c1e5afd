"""Minutes, decisions and actions, and "You said, we did".

Minutes are read only through the consent policy: facilitation gives no view
of minutes that were not shared with the facilitator.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bridging_gaps.idempotency import idempotent
from bridging_gaps.types import AuthenticatedRequest
from consent.describe import AUDIENCE_WORDS
from consent.kinds import Kind
from consent.models import AccessEvent, Audience
from consent.policy import record_access
from meetings.access import (
    get_action_to_update,
    get_decision_to_update,
    get_meeting_for_user,
    get_minutes_for_user,
    get_own_minutes,
    own_minutes_of_meeting,
)
from meetings.minutes import services as minutes_services
from meetings.minutes.forms import (
    ActionForm,
    ActionUpdateForm,
    DecisionForm,
    DecisionOutcomeForm,
    MinutesForm,
    NewMinutesForm,
)
from meetings.minutes.services import MinutesAudience
from meetings.models import Action, Decision, Minutes
from meetings.outcomes import outcomes_for
from mentions.display import prepare, prepare_many
from mentions.forms import names_notice as names_to_confirm
from people.access import facilitator_required, group_member_required

if TYPE_CHECKING:
    from people.models import User

AUDIENCE_SENTENCES = {
    MinutesAudience.GROUP: f"{AUDIENCE_WORDS[Audience.GROUP].capitalize()} will see these "
    "minutes, with your name, as soon as you save them.",
    MinutesAudience.FACILITATORS: "Facilitators will see these minutes, with your name, "
    "as soon as you save them.",
    MinutesAudience.ONLY_ME: "Only you will see these minutes until you share them.",
}
SAVED_SENTENCES = {
    MinutesAudience.GROUP: "Everyone in the group can see them now, with your name.",
    MinutesAudience.FACILITATORS: "Facilitators can see them now, with your name.",
    MinutesAudience.ONLY_ME: "Only you can see them.",
}


@facilitator_required
@idempotent
def minutes_create(request: AuthenticatedRequest, meeting_id: Any) -> HttpResponse:
    meeting = get_meeting_for_user(request, meeting_id)
    # Only her own minutes count here: minutes others wrote, which she may not be able
    # to read, neither stop her nor show that they exist.
    mine = own_minutes_of_meeting(request, meeting)
    if mine is not None:
        return redirect("minutes_change", minutes_id=mine.pk)
    form = NewMinutesForm(request.POST or None)
    names_notice = None
    if request.method == "POST" and form.is_valid():
        names_notice = names_to_confirm(request, [form.cleaned_data["body"]], writer=request.user)
    if request.method == "POST" and form.is_valid() and names_notice is None:
        minutes = minutes_services.minutes_write(
            meeting=meeting,
            body=form.cleaned_data["body"],
            audience=form.cleaned_data["audience"],
            by=request.user,
        )
        messages.success(
            request, "The minutes are saved. " + SAVED_SENTENCES[form.cleaned_data["audience"]]
        )
        return redirect("minutes_change", minutes_id=minutes.pk)
    return render(
        request,
        "meetings/minutes_form.html",
        {
            "form": form,
            "meeting": meeting,
            "audience_sentences": AUDIENCE_SENTENCES,
            "names_notice": names_notice,
        },
    )


def _prepared(
    viewer: User, minutes: list[Minutes], decisions: list[Decision], actions: list[Action]
) -> None:
    """What this reader sees of passages that name people (mentions.display)."""
    prepare_many(
        viewer,
        [
            (minutes, Kind.MINUTES, ["body"]),
            (decisions, "decision", ["text", "outcome"]),
            (actions, "action", ["description", "outcome"]),
        ],
    )


def minutes_detail(request: AuthenticatedRequest, minutes_id: Any) -> HttpResponse:
    minutes = get_minutes_for_user(request, minutes_id)
    decisions = list(minutes.decisions.all())
    actions = list(minutes.actions.select_related("owner"))
    _prepared(request.user, [minutes], decisions, actions)
    return render(
        request,
        "meetings/minutes_detail.html",
        {
            "minutes": minutes,
            "meeting": minutes.meeting,
            "decisions": decisions,
            "actions": actions,
        },
    )


def minutes_change(request: AuthenticatedRequest, minutes_id: Any) -> HttpResponse:
    """The writer edits the minutes and adds decisions and actions."""
    minutes = get_own_minutes(request, minutes_id)
    form = MinutesForm(request.POST or None, initial={"body": minutes.body})
    if request.method == "POST" and form.is_valid():
        notice = names_to_confirm(
            request,
            [form.cleaned_data["body"]],
            writer=request.user,
            source=(Kind.MINUTES, minutes.pk),
        )
        if notice is not None:
            return _change_page(request, minutes, form=form, names_notice=("body", notice))
        minutes_services.minutes_update(
            minutes=minutes, body=form.cleaned_data["body"], by=request.user
        )
        messages.success(request, "The minutes are saved.")
        return redirect("minutes_detail", minutes_id=minutes.pk)
    return _change_page(request, minutes, form=form)


def _change_page(
    request: AuthenticatedRequest,
    minutes: Minutes,
    *,
    form: MinutesForm | None = None,
    decision_form: DecisionForm | None = None,
    action_form: ActionForm | None = None,
    names_notice: tuple[str, Any] | None = None,
) -> HttpResponse:
    decisions = list(minutes.decisions.all())
    actions = list(minutes.actions.select_related("owner"))
    _prepared(request.user, [], decisions, actions)
    return render(
        request,
        "meetings/minutes_change.html",
        {
            "minutes": minutes,
            "meeting": minutes.meeting,
            "form": form or MinutesForm(initial={"body": minutes.body}),
            "decision_form": decision_form or DecisionForm(),
            "action_form": action_form or ActionForm(),
            "decisions": decisions,
            "actions": actions,
            "names_notice_for": names_notice[0] if names_notice else "",
            "names_notice": names_notice[1] if names_notice else None,
        },
    )


@require_POST
@idempotent
def decision_add(request: AuthenticatedRequest, minutes_id: Any) -> HttpResponse:
    minutes = get_own_minutes(request, minutes_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        return _change_page(request, minutes, decision_form=form)
    notice = names_to_confirm(request, [form.cleaned_data["text"]], writer=request.user)
    if notice is not None:
        return _change_page(request, minutes, decision_form=form, names_notice=("decision", notice))
    minutes_services.decision_add(minutes=minutes, text=form.cleaned_data["text"], by=request.user)
    messages.success(request, "Decision added.")
    return redirect("minutes_change", minutes_id=minutes.pk)


@require_POST
@idempotent
def action_add(request: AuthenticatedRequest, minutes_id: Any) -> HttpResponse:
    minutes = get_own_minutes(request, minutes_id)
    form = ActionForm(request.POST)
    if not form.is_valid():
        return _change_page(request, minutes, action_form=form)
    notice = names_to_confirm(request, [form.cleaned_data["description"]], writer=request.user)
    if notice is not None:
        return _change_page(request, minutes, action_form=form, names_notice=("action", notice))
    minutes_services.action_add(minutes=minutes, by=request.user, **form.cleaned_data)
    messages.success(request, "Action added.")
    return redirect("minutes_change", minutes_id=minutes.pk)


def action_update(request: AuthenticatedRequest, action_id: Any) -> HttpResponse:
    """Facilitators (and the minutes' writer) keep actions up to date, in minutes they
    can read."""
    action = get_action_to_update(request, action_id)
    form = ActionUpdateForm(
        request.POST or None, initial={"status": action.status, "outcome": action.outcome}
    )
    names_notice = None
    if request.method == "POST" and form.is_valid():
        names_notice = names_to_confirm(
            request,
            [form.cleaned_data["outcome"]],
            writer=request.user,
            source=("action", action.pk),
        )
    if request.method == "POST" and form.is_valid() and names_notice is None:
        minutes_services.action_update(action=action, by=request.user, **form.cleaned_data)
        messages.success(request, "The action is updated.")
        return redirect("minutes_detail", minutes_id=action.minutes_id)
    prepare(request.user, [action], source_kind="action", fields=["description", "outcome"])
    return render(
        request,
        "meetings/action_form.html",
        {"form": form, "action": action, "names_notice": names_notice},
    )


def decision_update(request: AuthenticatedRequest, decision_id: Any) -> HttpResponse:
    decision = get_decision_to_update(request, decision_id)
    form = DecisionOutcomeForm(request.POST or None, initial={"outcome": decision.outcome})
    names_notice = None
    if request.method == "POST" and form.is_valid():
        names_notice = names_to_confirm(
            request,
            [form.cleaned_data["outcome"]],
            writer=request.user,
            source=("decision", decision.pk),
        )
    if request.method == "POST" and form.is_valid() and names_notice is None:
        minutes_services.decision_update(
            decision=decision, outcome=form.cleaned_data["outcome"], by=request.user
        )
        messages.success(request, "Saved.")
        return redirect("minutes_detail", minutes_id=decision.minutes_id)
    prepare(request.user, [decision], source_kind="decision", fields=["text", "outcome"])
    return render(
        request,
        "meetings/decision_form.html",
        {"form": form, "decision": decision, "names_notice": names_notice},
    )


@group_member_required
def you_said_we_did(request: AuthenticatedRequest) -> HttpResponse:
    """Decisions and actions over time, with what came of them: from the minutes
    this person may read, newest meeting first."""
    minutes = list(
        Minutes.objects.visible_to(request.user)
        .select_related("meeting")
        .prefetch_related(
            Prefetch("decisions", queryset=Decision.objects.order_by("created_at")),
            Prefetch("actions", queryset=Action.objects.select_related("owner")),
        )
        .order_by("-meeting__starts_at")[:100]
    )
    minutes = [m for m in minutes if m.decisions.all() or m.actions.all()]
    record_access(viewer=request.user, items=minutes, how=AccessEvent.How.LISTED)
    _prepared(
        request.user,
        [],
        [d for m in minutes for d in m.decisions.all()],
        [a for m in minutes for a in m.actions.all()],
    )
    return render(
        request,
        "meetings/you_said_we_did.html",
        {"minutes_list": minutes, "outcomes": outcomes_for(request.user)},
    )
