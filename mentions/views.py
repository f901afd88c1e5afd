"""Passages that name me: what they say, who would read them, and my answer."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import resolve

from bridging_gaps.paging import page_of
from bridging_gaps.reauthentication import reauthentication_required
from bridging_gaps.types import AuthenticatedRequest
from mentions import services, sources
from mentions.access import (
    get_mention_for_user,
    get_own_mention,
    mentions_of,
    research_choice,
    waiting,
)
from mentions.forms import AnswerForm, ResearchChoiceForm
from mentions.models import Mention
from people.access import facilitator_required


def _about(mention: Mention) -> dict[str, Any]:
    source = sources.get(mention.source_kind)
    return {
        "mention": mention,
        "label": source.label if source else "something",
        "readers": source.readers(mention.source_id) if source else "",
        "url": source.url(mention.source_id) if source else None,
    }


# How much readers see of a passage after each answer: an answer that shows more widens her
# consent, and asks for her password first (as sharing more widely does).
_SHOWN: dict[str, int] = {
    Mention.State.PASSAGE_OUT: 0,
    Mention.State.PENDING: 1,
    Mention.State.NAME_OUT: 1,
    Mention.State.FINE: 2,
}


def _says_yes_to_research(request: HttpRequest) -> bool:
    if request.method != "POST" or request.POST.get("research_use") != "yes":
        return False
    choice = research_choice(cast(AuthenticatedRequest, request).user)
    return not (choice and choice.research_use)


def _shows_more(request: HttpRequest) -> bool:
    if request.method != "POST" or request.POST.get("answer") not in _SHOWN:
        return False
    # Resolved here: a request resumed after re-authentication has no resolver_match.
    mention_id = resolve(request.path_info).kwargs["mention_id"]
    mention = mentions_of(cast(AuthenticatedRequest, request).user).filter(pk=mention_id).first()
    if mention is None or mention.state not in _SHOWN:
        return False  # not hers (the view answers 404), or no longer hers to answer
    return _SHOWN[request.POST["answer"]] > _SHOWN[mention.state]


@reauthentication_required(enabled=_says_yes_to_research)
def mentions_mine(request: AuthenticatedRequest) -> HttpResponse:
    """Every passage of someone else's words that names me, and my research choice."""
    choice = research_choice(request.user)
    form = ResearchChoiceForm(
        request.POST if request.method == "POST" else None,
        initial={"research_use": "yes" if choice and choice.research_use else "no"},
    )
    if request.method == "POST" and form.is_valid():
        services.research_choice_set(
            person=request.user, research_use=form.cleaned_data["research_use"]
        )
        messages.success(request, "Saved. You can change this at any time.")
        return redirect("mentions_mine")
    page = page_of(mentions_of(request.user), request.GET.get("page"), 30)
    return render(
        request,
        "mentions/mine.html",
        {
            "page": page,
            "entries": [_about(mention) for mention in page.object_list],
            "form": form,
            "choice": choice,
        },
    )


@reauthentication_required(enabled=_shows_more)
def mention_detail(request: AuthenticatedRequest, mention_id: Any) -> HttpResponse:
    """The passage, who would read it, and her answer (the writer sees it, read only)."""
    # The writer reads her own words here (not logged, as on her text's own page).
    mention = get_mention_for_user(request, mention_id)
    is_hers = mention.owner_id == request.user.pk
    form = None
    if is_hers:
        mention = get_own_mention(request, mention_id)
        form = AnswerForm(
            request.POST if request.method == "POST" else None,
            initial={
                "answer": mention.state if mention.state != Mention.State.PENDING else None,
                "reason": mention.reason,
                "reason_for_writer": mention.reason_for_writer,
            },
        )
        if request.method == "POST" and form.is_valid():
            services.mention_answer(
                mention=mention,
                state=form.cleaned_data["answer"],
                reason=form.cleaned_data["reason"],
                reason_for_writer=form.cleaned_data["reason_for_writer"],
                by=request.user,
            )
            messages.success(request, "Saved. It applies now, for everyone who reads it.")
            return redirect("mentions_mine")
    return render(
        request,
        "mentions/detail.html",
        {**_about(mention), "form": form, "is_hers": is_hers},
    )


@facilitator_required
def mentions_waiting(request: AuthenticatedRequest) -> HttpResponse:
    """For facilitators: who has not answered yet about a passage naming them, in what kind of
    text, since when. Never the passage, never an answer or a reason."""
    page = page_of(waiting(), request.GET.get("page"), 50)
    rows = [
        {
            "mention": mention,
            "label": (source.label if (source := sources.get(mention.source_kind)) else ""),
        }
        for mention in page.object_list
    ]
    return render(request, "mentions/waiting.html", {"page": page, "rows": rows})
