"""Deciding together: the list, proposing, voting, and facilitators pausing or closing."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from bridging_gaps.types import AuthenticatedRequest
from people.access import facilitator_required, group_member_required
from proposals import services
from proposals.forms import ProposalForm, StatusForm, VoteForm
from proposals.models import Proposal, Voted

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
    return render(request, "proposals/proposal_list.html", {"proposals": proposals, "voted": voted})


@group_member_required
def proposal_new(request: AuthenticatedRequest) -> HttpResponse:
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
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
            )
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, "Your proposal is open. Everyone in the group can see it.")
            return redirect("proposal_detail", proposal_id=proposal.pk)
    return render(request, "proposals/proposal_form.html", {"form": form})


@group_member_required
def proposal_detail(request: AuthenticatedRequest, proposal_id: Any) -> HttpResponse:
    proposal = _proposal_or_404(proposal_id)
    cookie = RECEIPT_COOKIE.format(proposal.pk)
    form = VoteForm(request.POST or None, proposal=proposal)
    receipt = ""
    if request.method == "POST" and form.is_valid():
        try:
            receipt = services.vote_cast(
                proposal=proposal,
                choice=form.cleaned_data["choice"],
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
    has_voted = Voted.objects.filter(proposal=proposal, person=request.user).exists()
    show_results = proposal.is_closed or not proposal.results_hidden
    context = {
        "proposal": proposal,
        "form": form,
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
