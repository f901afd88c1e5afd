"""Interview records: the list, planning, the record's page, the consent form, the steps.

The recording and the transcript have their own module (file_views.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bridging_gaps.idempotency import idempotent
from bridging_gaps.paging import page_of
from bridging_gaps.reauthentication import reauthentication_required
from bridging_gaps.types import AuthenticatedRequest
from consent.describe import attach_sharing_tags
from consent.models import AccessEvent
from consent.policy import record_access
from interviews import services, workflow
from interviews.access import (
    can_delete,
    get_interview_as_interviewer,
    get_interview_as_participant,
    get_interview_for_user,
    get_own_interview,
    passages_for,
    recording_of,
)
from interviews.forms import ConsentFormEntry, InterviewForm, PlanInterviewForm, WithdrawForm
from interviews.models import (
    ConsentAnswer,
    ConsentForm,
    ConsentItem,
    Interview,
    Recording,
    Status,
)
from people.access import researcher_required
from people.models import Role

if TYPE_CHECKING:
    from people.models import User

# What withdrawing each yes does, said before it is done.
WITHDRAW_EFFECTS = {
    ConsentItem.TAKING_PART: (
        "You leave the study. The recording and the transcript are deleted now, and "
        "nobody you shared the interview with can see it any more. The researcher keeps "
        "a note that the interview took place and what was agreed and withdrawn, and "
        "nothing of what was said."
    ),
    ConsentItem.AUDIO: (
        "The recording is deleted now, for good. The transcript stays, with the choices "
        "you made about it."
    ),
    ConsentItem.QUOTES: (
        "Researchers must not quote your words in anything they publish from now on. "
        "Anything already published cannot be changed."
    ),
    ConsentItem.FUTURE_RESEARCH: (
        "Your interview will not be kept for future research once this study ends."
    ),
    ConsentItem.RECONTACT: "The researchers will not contact you again about research.",
}

STEP_BUTTONS = {
    Status.CONDUCTED: "Mark as conducted",
    Status.READY: "Mark as ready for analysis",
}


def interview_list(request: AuthenticatedRequest) -> HttpResponse:
    """Interviews I gave, interviews I conduct, and interviews shared with me."""
    interviews = (
        Interview.objects.visible_to(request.user)
        .select_related("owner", "interviewer")
        .order_by("-date", "-created_at")
    )
    page = page_of(interviews, request.GET.get("page"), 50)
    items = list(page.object_list)
    record_access(viewer=request.user, items=items, how=AccessEvent.How.LISTED)
    attach_sharing_tags(items, request.user)
    return render(
        request,
        "interviews/interview_list.html",
        {
            "interviews": items,
            "page": page,
            "is_researcher": request.user.has_role(Role.RESEARCHER),
        },
    )


@researcher_required
@idempotent
def interview_plan(request: AuthenticatedRequest) -> HttpResponse:
    form = PlanInterviewForm(
        request.POST if request.method == "POST" else None, interviewer=request.user
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            interview = services.interview_plan(
                interviewer=request.user,
                interviewee=data["interviewee"],
                participant_code=data["participant_code"],
                topic=data["topic"],
                date=data["date"],
                mode=data["mode"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                "The interview is planned. Only the interviewee and you can see it. "
                "Next, record the consent form.",
            )
            return redirect("interview_detail", interview_id=interview.pk)
    return render(request, "interviews/interview_form.html", {"form": form})


def interview_edit(request: AuthenticatedRequest, interview_id: Any) -> HttpResponse:
    interview = get_interview_as_interviewer(request, interview_id)
    form = InterviewForm(request.POST if request.method == "POST" else None, instance=interview)
    if request.method == "POST" and form.is_valid():
        try:
            services.interview_edit(interview=interview, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Saved.")
            return redirect("interview_detail", interview_id=interview.pk)
    return render(request, "interviews/interview_form.html", {"form": form, "interview": interview})


def _step_rows(interview: Interview, viewer: User) -> list[dict[str, Any]]:
    # Who did a step, by their part in the interview, never by name: the
    # interviewee's name must not reach an audience she shared with anonymously.
    rows = []
    for step in interview.steps.all():
        if step.by_id == viewer.pk:
            who = "you"
        elif step.by_id == interview.interviewer_id:
            who = "the interviewer"
        elif step.by_id == interview.owner_id:
            who = "the interviewee"
        else:
            who = "someone else"
        rows.append({"step": step, "who": who})
    return rows


def _consent(interview: Interview) -> tuple[ConsentForm | None, list[ConsentAnswer]]:
    form = (
        ConsentForm.objects.filter(interview=interview)
        .select_related("confirmation")
        .prefetch_related("answers__withdrawal")
        .first()
    )
    if form is None:
        return None, []
    order = {value: index for index, value in enumerate(ConsentItem.values)}
    answers = sorted(form.answers.all(), key=lambda answer: order[answer.item])
    for answer in answers:
        answer.current = answer.agreed and not hasattr(answer, "withdrawal")  # type: ignore[attr-defined]
    return form, answers


def interview_detail(request: AuthenticatedRequest, interview_id: Any) -> HttpResponse:
    interview = get_interview_for_user(request, interview_id)
    user = request.user
    is_owner, is_interviewer = interview.is_owner(user), interview.is_interviewer(user)
    sees_original = is_owner or is_interviewer
    consent_form, answers = _consent(interview)
    current = {answer.item for answer in answers if answer.current}  # type: ignore[attr-defined]
    passages = passages_for(interview, user)
    recording = Recording.objects.visible_to(user).filter(interview=interview).first()
    following = workflow.next_step(interview)
    return render(
        request,
        "interviews/interview_detail.html",
        {
            "interview": interview,
            "is_owner": is_owner,
            "is_interviewer": is_interviewer,
            "sees_original": sees_original,
            "steps": _step_rows(interview, user),
            "consent_form": consent_form,
            "answers": answers,
            "passages": passages,
            "taken_out": sum(1 for p in passages if p.is_taken_out),
            "recording": recording,
            "step_button": STEP_BUTTONS.get(following) if following else None,
            "next_step": following,
            "can_record": interview.status in workflow.RECORDING_STATUSES
            and ConsentItem.AUDIO in current,
            "can_add_transcript": interview.status in (Status.CONDUCTED, Status.TRANSCRIBED),
            "can_review": interview.status in workflow.REVIEW_STATUSES,
            "can_delete": can_delete(interview, user),
            "withdrawn": interview.status == Status.WITHDRAWN,
        },
    )


@require_POST
def interview_step(request: AuthenticatedRequest, interview_id: Any) -> HttpResponse:
    """The interviewer's moves: conducted, ready for analysis."""
    interview = get_interview_as_interviewer(request, interview_id)
    wanted = request.POST.get("to", "")
    if wanted not in STEP_BUTTONS:
        messages.error(request, "That is not a step you can take here.")
        return redirect("interview_detail", interview_id=interview.pk)
    try:
        services.interview_move(interview=interview, to=Status(wanted), by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"The interview is now {Status(wanted).label}.")
    return redirect("interview_detail", interview_id=interview.pk)


def consent_record(request: AuthenticatedRequest, interview_id: Any) -> HttpResponse:
    interview = get_interview_as_interviewer(request, interview_id)
    if interview.status != Status.PLANNED:
        messages.info(request, "The consent form of this interview is already recorded.")
        return redirect("interview_detail", interview_id=interview.pk)
    form = ConsentFormEntry(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_form_record(
                interview=interview,
                information_sheet_version=form.cleaned_data["information_sheet_version"],
                signed_on=form.cleaned_data["signed_on"],
                answers=form.answers(),
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, "The consent form is recorded. The interviewee can read and confirm it."
            )
            return redirect("interview_detail", interview_id=interview.pk)
    return render(request, "interviews/consent_form.html", {"form": form, "interview": interview})


@require_POST
def consent_confirm(request: AuthenticatedRequest, interview_id: Any) -> HttpResponse:
    interview = get_own_interview(request, interview_id)
    try:
        services.consent_confirm(interview=interview, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Thank you. You confirmed what you agreed.")
    return redirect("interview_detail", interview_id=interview.pk)


def consent_withdraw(request: AuthenticatedRequest, interview_id: Any, item: str) -> HttpResponse:
    """Say what withdrawing a yes does, then do it. Narrowing never asks for a password."""
    interview = get_interview_as_participant(request, interview_id)
    if item not in ConsentItem.values:
        raise Http404("No such consent item.")
    answer = ConsentAnswer.objects.filter(
        form__interview=interview, item=item, agreed=True, withdrawal__isnull=True
    ).first()
    if answer is None:
        messages.info(request, "There is no yes to withdraw for this item.")
        return redirect("interview_detail", interview_id=interview.pk)
    form = WithdrawForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.consent_withdraw(
            interview=interview, item=item, by=request.user, reason=form.cleaned_data["reason"]
        )
        messages.success(request, f"Withdrawn: {ConsentItem(item).label.lower()}.")
        return redirect("interview_detail", interview_id=interview.pk)
    return render(
        request,
        "interviews/consent_withdraw.html",
        {
            "form": form,
            "interview": interview,
            "item": ConsentItem(item),
            "effect": WITHDRAW_EFFECTS[ConsentItem(item)],
            "for_someone_else": not interview.is_owner(request.user),
        },
    )


def interview_delete(request: AuthenticatedRequest, interview_id: Any) -> HttpResponse:
    interview = get_interview_as_participant(request, interview_id)
    if not can_delete(interview, request.user):
        raise Http404("No such item.")
    return _interview_delete(request, interview)


@reauthentication_required
def _interview_delete(request: AuthenticatedRequest, interview: Interview) -> HttpResponse:
    # Asked only once the person is known to have the right: anyone else has had a 404.
    if request.method == "POST":
        services.interview_delete(interview=interview, by=request.user)
        messages.success(request, "The interview is deleted.")
        return redirect("interview_list")
    return render(
        request,
        "interviews/interview_delete.html",
        {
            "interview": interview,
            "has_recording": recording_of(interview) is not None,
            "has_transcript": interview.passages.exists(),
        },
    )
