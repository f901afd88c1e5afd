"""Deciding together: the list, proposing, voting, and facilitators pausing or closing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from bridging_gaps.idempotency import idempotent
from bridging_gaps.types import AuthenticatedRequest
from mentions.display import prepare_many
from mentions.forms import NamesNotice
from mentions.forms import names_notice as names_to_confirm
from people.access import facilitator_required, group_member_required
from proposals import services
from proposals.forms import (
    ActionForm,
    ActionStatusForm,
    CommentForm,
    OutcomeForm,
    ProposalForm,
    RankingForm,
    StatusForm,
    VoteForm,
)
from proposals.models import Comment, Proposal, Voted

RECEIPT_COOKIE = "ballot-{}"
SECRET_YES = "yes"  # noqa: S105 (the form's answer for a secret ballot, not a password)


def _proposal_or_404(proposal_id: Any) -> Proposal:
    proposal = Proposal.objects.filter(pk=proposal_id).select_related("created_by").first()
    if proposal is None:
        raise Http404("No such proposal.")
    return proposal


@group_member_required
def proposal_list(request: AuthenticatedRequest) -> HttpResponse:
    proposals = list(Proposal.objects.select_related("created_by").order_by("-created_at")[:50])
    voted = set(
        Voted.objects.filter(person=request.user, proposal__in=proposals).values_list(
            "proposal_id", flat=True
        )
    )
    prepare_many(request.user, [(proposals, services.PROPOSAL, ["question"])])
    return render(request, "proposals/proposal_list.html", {"proposals": proposals, "voted": voted})


@group_member_required
@idempotent
def proposal_new(request: AuthenticatedRequest) -> HttpResponse:
    form = ProposalForm(request.POST or None)
    names_notice = None
    if request.method == "POST" and form.is_valid():
        names_notice = names_to_confirm(
            request,
            [form.cleaned_data["question"], form.cleaned_data["details"]],
            writer=request.user,
        )
    if request.method == "POST" and form.is_valid() and names_notice is None:
        data = form.cleaned_data
        try:
            proposal = services.proposal_create(
                question=data["question"],
                details=data["details"],
                kind=data["kind"],
                options=data["option_list"],
                electorate=data["electorate"],
                secret=data["secret"] == SECRET_YES,
                results_hidden=data["results_hidden"],
                closes_at=form.closes_at(),
                by=request.user,
                meeting=data["meeting"],
            )
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, "Your proposal is open. Everyone in the group can see it.")
            return redirect("proposal_detail", proposal_id=proposal.pk)
    return render(
        request, "proposals/proposal_form.html", {"form": form, "names_notice": names_notice}
    )


@group_member_required
def proposal_detail(request: AuthenticatedRequest, proposal_id: Any) -> HttpResponse:
    proposal = _proposal_or_404(proposal_id)
    cookie = RECEIPT_COOKIE.format(proposal.pk)
    form_class = RankingForm if proposal.kind == Proposal.Kind.RANKING else VoteForm
    form = form_class(request.POST or None, proposal=proposal)
    receipt = ""
    if request.method == "POST" and form.is_valid():
        try:
            receipt = services.vote_cast(
                proposal=proposal,
                choice=form.cleaned_data.get("choice", ""),
                ranking=form.ranking(),
                by=request.user,
                receipt=request.COOKIES.get(cookie, ""),
            )
        except (ValidationError, PermissionDenied) as error:
            message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            form.add_error(None, message)
        else:
            messages.success(
                request,
                "Your vote is counted. It is secret: nobody, not even the people who run the "
                "website, can see what you chose."
                if proposal.secret
                else "Your vote is counted. After the close everyone will see what you chose.",
            )
            response = redirect("proposal_detail", proposal_id=proposal.pk)
            if receipt:
                # Only this browser can change the vote: the receipt is kept nowhere else.
                response.set_cookie(
                    cookie,
                    receipt,
                    max_age=max(60, int((proposal.closes_at - timezone.now()).total_seconds())),
                    httponly=True,
                    secure=request.is_secure(),
                    samesite="Lax",
                )
            return response
    return _detail(request, proposal, form=form, comment_form=CommentForm())


def _detail(
    request: AuthenticatedRequest,
    proposal: Proposal,
    *,
    form: Any,
    comment_form: CommentForm,
    names_notice: NamesNotice | None = None,
) -> HttpResponse:
    cookie = RECEIPT_COOKIE.format(proposal.pk)
    has_voted = Voted.objects.filter(proposal=proposal, person=request.user).exists()
    show_results = proposal.is_closed or not proposal.results_hidden
    comments = list(proposal.comments.select_related("author"))
    actions = list(proposal.actions.all())
    prepare_many(
        request.user,
        [
            ([proposal], services.PROPOSAL, ["question", "details"]),
            ([proposal], services.OUTCOME, ["decision", "outcome"]),
            (comments, services.COMMENT, ["text"]),
            (actions, services.ACTION, ["description"]),
        ],
    )
    context = {
        "proposal": proposal,
        "form": form,
        "comment_form": comment_form,
        "names_notice": names_notice,
        "comments": comments,
        "actions": actions,
        "invited": services.invited(proposal),
        "may_vote": services.may_vote(proposal, request.user),
        "has_voted": has_voted,
        "can_change": has_voted and (not proposal.secret or cookie in request.COOKIES),
        "voted_count": Voted.objects.filter(proposal=proposal).count(),
        "results": services.results(proposal) if show_results else None,
        "show_names": proposal.is_closed and not proposal.secret,
        "status_form": StatusForm() if request.user.is_facilitator else None,
    }
    return render(request, "proposals/proposal_detail.html", context)


@require_POST
@group_member_required
@idempotent
def comment_add(request: AuthenticatedRequest, proposal_id: Any) -> HttpResponse:
    proposal = _proposal_or_404(proposal_id)
    form = CommentForm(request.POST)
    names_notice = None
    if form.is_valid():
        names_notice = names_to_confirm(request, [form.cleaned_data["text"]], writer=request.user)
    if form.is_valid() and names_notice is None:
        try:
            services.comment_add(proposal=proposal, text=form.cleaned_data["text"], by=request.user)
        except ValidationError as error:
            form.add_error("text", " ".join(error.messages))
        else:
            messages.success(request, "Your comment is added. Everyone in the group can read it.")
            return redirect("proposal_detail", proposal_id=proposal.pk)
    # What she typed stays in the box, with the reason (or who it names) above it.
    vote_class = RankingForm if proposal.kind == Proposal.Kind.RANKING else VoteForm
    return _detail(
        request,
        proposal,
        form=vote_class(proposal=proposal),
        comment_form=form,
        names_notice=names_notice,
    )


def comment_delete(
    request: AuthenticatedRequest, proposal_id: Any, comment_id: Any
) -> HttpResponse:
    """Its writer deletes her comment, after seeing it once more. Anyone else's comment answers
    like one that does not exist."""
    comment = (
        Comment.objects.filter(pk=comment_id, proposal_id=proposal_id, author=request.user)
        .select_related("proposal")
        .first()
    )
    if comment is None:
        raise Http404("No such comment.")
    if request.method == "POST":
        services.comment_delete(comment=comment, by=request.user)
        messages.success(request, "Your comment is deleted.")
        return redirect("proposal_detail", proposal_id=proposal_id)
    return render(request, "proposals/comment_delete.html", {"comment": comment})


@facilitator_required
@idempotent
def proposal_outcome(request: AuthenticatedRequest, proposal_id: Any) -> HttpResponse:
    """After the close: what the group decided, what came of it, and actions."""
    proposal = _proposal_or_404(proposal_id)
    if not proposal.is_closed:
        messages.error(request, "Say what was decided once the vote has closed.")
        return redirect("proposal_detail", proposal_id=proposal.pk)
    post = request.POST if request.method == "POST" else None
    which = request.POST.get("form", "") if post is not None else ""
    outcome_form = OutcomeForm(
        post if which == "outcome" else None,
        initial={"decision": proposal.decision or _winner(proposal), "outcome": proposal.outcome},
    )
    action_form = ActionForm(post if which == "action" else None)
    status_form = ActionStatusForm(post if which == "status" else None)
    names_notice = None
    if which == "outcome" and outcome_form.is_valid():
        names_notice = names_to_confirm(
            request,
            [outcome_form.cleaned_data["decision"], outcome_form.cleaned_data["outcome"]],
            writer=request.user,
            source=(services.OUTCOME, proposal.pk),
        )
    elif which == "action" and action_form.is_valid():
        names_notice = names_to_confirm(
            request, [action_form.cleaned_data["description"]], writer=request.user
        )
    if which == "outcome" and outcome_form.is_valid() and names_notice is None:
        services.outcome_record(proposal=proposal, by=request.user, **outcome_form.cleaned_data)
        messages.success(request, "Saved. It is on “You said, we did”.")
        return redirect("proposal_outcome", proposal_id=proposal.pk)
    if which == "action" and action_form.is_valid() and names_notice is None:
        services.action_add(proposal=proposal, by=request.user, **action_form.cleaned_data)
        messages.success(request, "The action is added.")
        return redirect("proposal_outcome", proposal_id=proposal.pk)
    if which == "status" and status_form.is_valid():
        action = proposal.actions.filter(pk=status_form.cleaned_data["action"]).first()
        if action is None:
            raise Http404("No such action.")
        services.action_set_status(
            action=action, status=status_form.cleaned_data["status"], by=request.user
        )
        messages.success(request, "Saved.")
        return redirect("proposal_outcome", proposal_id=proposal.pk)
    actions = list(proposal.actions.all())
    prepare_many(
        request.user,
        [
            ([proposal], services.PROPOSAL, ["question"]),
            (actions, services.ACTION, ["description"]),
        ],
    )
    return render(
        request,
        "proposals/proposal_outcome.html",
        {
            "proposal": proposal,
            "outcome_form": outcome_form,
            "action_form": action_form,
            "names_notice": names_notice,
            "names_notice_for": which if names_notice else "",
            "actions": [
                (action, ActionStatusForm(initial={"action": action.pk, "status": action.status}))
                for action in actions
            ],
        },
    )


def _winner(proposal: Proposal) -> str:
    rows = services.results(proposal)
    if not rows or not any(row.count for row in rows):
        return ""
    if proposal.kind == Proposal.Kind.RANKING:
        return f"{rows[0].option} (most points)"
    best = max(rows, key=lambda row: row.count)
    return f"{best.option} ({best.count} of {sum(row.count for row in rows)} votes)"


@require_POST
@facilitator_required
def proposal_status(request: AuthenticatedRequest, proposal_id: Any) -> HttpResponse:
    proposal = _proposal_or_404(proposal_id)
    form = StatusForm(request.POST)
    if form.is_valid():
        services.proposal_set_status(
            proposal=proposal,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
        messages.success(request, "Done. Everyone in the group can read why.")
    else:
        messages.error(request, "Choose what to do and say why.")
    return redirect("proposal_detail", proposal_id=proposal.pk)
