"""Meeting pages for everyone in the group. Facilitators' tools are in
facilitator_views.py, minutes in minutes/views.py."""

from __future__ import annotations

from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import resolve, reverse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from bridging_gaps.idempotency import idempotent
from bridging_gaps.paging import page_of
from bridging_gaps.reauthentication import reauthentication_required
from bridging_gaps.types import AuthenticatedRequest
from consent.describe import attach_sharing_tags
from meetings import calendar, services
from meetings.access import get_meeting_for_user, minutes_of_meeting_for_user
from meetings.agenda import services as agenda_services
from meetings.agenda.forms import AgendaProposeForm
from meetings.forms import MeetingSettingsForm, RsvpForm
from meetings.models import (
    AgendaItem,
    Attendance,
    AttendanceRemoved,
    FinanceExport,
    GroupAgreement,
    Meeting,
    MeetingSettings,
    ObservationAnswer,
    Payment,
    Rsvp,
)
from meetings.observation import latest_answers, observation_status
from mentions.display import prepare
from mentions.forms import names_notice as names_to_confirm
from people.access import group_member_required
from people.models import User

# The next few meetings first; "Later meetings" shows the rest, a few at a time.
PAGE_SIZE = 6


def _count(answer: str) -> Coalesce:
    counts = (
        Rsvp.objects.filter(meeting=OuterRef("pk"), answer=answer)
        .values("meeting")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counts, output_field=IntegerField()), Value(0))


def with_answers(meetings: QuerySet[Meeting], user: User) -> QuerySet[Meeting]:
    """Each meeting with its RSVP counts, this person's answer and whether they
    came: one query however many meetings and answers there are."""
    mine = Rsvp.objects.filter(meeting=OuterRef("pk"), person=user)
    return meetings.annotate(
        going=_count(Rsvp.Answer.GOING),
        maybe=_count(Rsvp.Answer.MAYBE),
        my_answer=Subquery(mine.values("answer")[:1]),
        i_came=Exists(Attendance.objects.filter(meeting=OuterRef("pk"), person=user)),
    )


@group_member_required
def meeting_list(request: AuthenticatedRequest) -> HttpResponse:
    past = request.GET.get("when") == "past"
    meetings = Meeting.objects.past() if past else Meeting.objects.upcoming()
    page = page_of(with_answers(meetings, request.user), request.GET.get("page"), PAGE_SIZE)
    return render(request, "meetings/meeting_list.html", {"page": page, "past": past})


def _observation_context(meeting: Meeting, user: User) -> dict[str, Any]:
    if meeting.observer_id is None:
        return {}
    if meeting.observer_id == user.pk:
        # The observer sees who said no (and who has not answered), so that
        # they never describe them.
        return {"observation": observation_status(meeting), "is_observer": True}
    latest = (
        ObservationAnswer.objects.filter(
            meeting=meeting, observer_id=meeting.observer_id, person=user
        )
        .order_by("-answered_at")
        .first()
    )
    return {"my_observation_answer": latest}


@group_member_required
def meeting_detail(request: AuthenticatedRequest, meeting_id: Any) -> HttpResponse:
    meeting = get_meeting_for_user(request, meeting_id)
    user = request.user
    counts = meeting.rsvps.aggregate(
        going=Count("pk", filter=Q(answer=Rsvp.Answer.GOING)),
        maybe=Count("pk", filter=Q(answer=Rsvp.Answer.MAYBE)),
        not_going=Count("pk", filter=Q(answer=Rsvp.Answer.NOT_GOING)),
    )
    agenda = list(
        meeting.agenda_items.filter(status=AgendaItem.Status.ACCEPTED).select_related("proposed_by")
    )
    minutes_list = minutes_of_meeting_for_user(request, meeting)
    attach_sharing_tags(minutes_list, user)
    prepare(user, agenda, source_kind="agenda_item", fields=["title", "details"])
    prepare(user, [meeting], source_kind="cancellation", fields=["cancellation_message"])
    my_proposals = list(
        meeting.agenda_items.filter(proposed_by=user).exclude(status=AgendaItem.Status.ACCEPTED)
    )
    context: dict[str, Any] = {
        "meeting": meeting,
        "counts": counts,
        "agenda": agenda,
        "my_proposals": my_proposals,
        "my_rsvp": Rsvp.objects.filter(meeting=meeting, person=user).first(),
        "i_came": Attendance.objects.filter(meeting=meeting, person=user).exists(),
        "minutes_list": minutes_list,
        "has_own_minutes": any(minutes.owner_id == user.pk for minutes in minutes_list),
        "can_answer": not meeting.has_ended() and not meeting.is_cancelled,
        "can_propose": not meeting.has_started() and not meeting.is_cancelled,
        **_observation_context(meeting, user),
    }
    if user.is_facilitator:
        context["waiting_proposals"] = meeting.agenda_items.filter(
            status=AgendaItem.Status.PROPOSED
        ).count()
        context["attended"] = meeting.attendances.count()
    return render(request, "meetings/meeting_detail.html", context)


ANSWER_WORDS = {
    Rsvp.Answer.GOING: "You said you are going.",
    Rsvp.Answer.MAYBE: "You said you may come.",
    Rsvp.Answer.NOT_GOING: "You said you are not going.",
}


def answer_sentence(rsvp: Rsvp) -> str:
    """Her answer and what she asked for, repeated back, as she gave them."""
    needs = [
        words
        for asked, words in (
            (rsvp.travel_costs, "help with travel costs"),
            (rsvp.childcare, "childcare"),
        )
        if asked
    ]
    parts = [ANSWER_WORDS.get(Rsvp.Answer(rsvp.answer), "")]
    if needs:
        parts.append(f"You asked for {' and '.join(needs)}.")
    if rsvp.dietary:
        parts.append(f"Food: {rsvp.dietary}.")
    if rsvp.access:
        parts.append(f"Access: {rsvp.access}.")
    if needs or rsvp.dietary or rsvp.access:
        parts.append("Only facilitators see what you need.")
    return " ".join(part for part in parts if part)


@group_member_required
def meeting_rsvp(request: AuthenticatedRequest, meeting_id: Any) -> HttpResponse:
    meeting = get_meeting_for_user(request, meeting_id)
    if meeting.has_ended() or meeting.is_cancelled:
        messages.info(request, "This meeting has finished or is cancelled: no answer is needed.")
        return redirect("meeting_detail", meeting_id=meeting.pk)
    existing = Rsvp.objects.filter(meeting=meeting, person=request.user).first()
    form = RsvpForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        rsvp = services.rsvp_set(meeting=meeting, person=request.user, **form.cleaned_data)
        messages.success(request, "Thank you. " + answer_sentence(rsvp))
        return redirect("meeting_detail", meeting_id=meeting.pk)
    return render(request, "meetings/rsvp_form.html", {"meeting": meeting, "form": form})


@group_member_required
@idempotent
def agenda_propose(request: AuthenticatedRequest, meeting_id: Any) -> HttpResponse:
    meeting = get_meeting_for_user(request, meeting_id)
    if meeting.has_started() or meeting.is_cancelled:
        messages.info(
            request, "Ideas for this meeting are closed. You can suggest one for the next."
        )
        return redirect("meeting_detail", meeting_id=meeting.pk)
    form = AgendaProposeForm(request.POST or None)
    names_notice = None
    if request.method == "POST" and form.is_valid():
        names_notice = names_to_confirm(
            request,
            [form.cleaned_data["title"], form.cleaned_data["details"]],
            writer=request.user,
        )
    if request.method == "POST" and form.is_valid() and names_notice is None:
        agenda_services.agenda_propose(meeting=meeting, by=request.user, **form.cleaned_data)
        messages.success(
            request, "Thank you. A facilitator will look at it and may talk to you about it."
        )
        return redirect("meeting_detail", meeting_id=meeting.pk)
    return render(
        request,
        "meetings/agenda_propose.html",
        {"meeting": meeting, "form": form, "names_notice": names_notice},
    )


def _agrees_to_be_observed(request: HttpRequest) -> bool:
    """A yes widens her consent (the researcher may write about her): her password first, as
    sharing more widely asks it. A no never waits."""
    if request.method != "POST" or request.POST.get("consents") != "yes":
        return False
    meeting_id = resolve(request.path_info).kwargs["meeting_id"]
    meeting = Meeting.objects.filter(pk=meeting_id).first()
    if meeting is None or meeting.observer_id is None:
        return False
    person = cast(AuthenticatedRequest, request).user
    return latest_answers(meeting).get(person.pk) is not True


@require_POST
@group_member_required
@reauthentication_required(enabled=_agrees_to_be_observed)
def observation_answer(request: AuthenticatedRequest, meeting_id: Any) -> HttpResponse:
    meeting = get_meeting_for_user(request, meeting_id)
    answer = request.POST.get("consents")
    if meeting.observer_id is None or meeting.observer_id == request.user.pk:
        messages.info(request, "Nobody is asking to observe this meeting.")
    elif answer not in ("yes", "no"):
        messages.error(request, "Choose yes or no.")
    else:
        services.observation_answer(meeting=meeting, person=request.user, consents=answer == "yes")
        messages.success(
            request,
            "Thank you. You agreed to be observed. You can change your mind at any time."
            if answer == "yes"
            else "Thank you. The researcher will not write about you. "
            "You can change your mind at any time.",
        )
    return redirect("meeting_detail", meeting_id=meeting.pk)


@group_member_required
def meeting_ics(request: AuthenticatedRequest, meeting_id: Any) -> HttpResponse:
    meeting = get_meeting_for_user(request, meeting_id)
    show_place = services.settings_for(request.user).calendar_shows_place
    body = calendar.calendar_bytes(
        [meeting], base_url=request.build_absolute_uri("/"), show_place=show_place
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="group-meeting.ics"'
    return response


@login_not_required
# Private (the link is a secret), and asked again each time: an unchanged feed answers 304.
@cache_control(private=True, no_cache=True)
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The private feed. The secret in the link is the only key: unknown, reset
    or removed links, and people no longer in the group, get 404."""
    found = (
        MeetingSettings.objects.select_related("person")
        .filter(calendar_token=token, calendar_token__isnull=False)
        .first()
    )
    if found is None or not found.person.is_in_group:
        raise Http404("No such calendar.")
    # Calendar apps ask every few minutes, for every member: an unchanged feed answers 304,
    # and a changed one is made once for everyone (meetings/calendar.py).
    version = calendar.feed_version()
    etag = f'"{version.etag}-{int(found.calendar_shows_place)}"'
    changed_at = int(version.last_change.timestamp()) if version.last_change else None
    last_modified = http_date(changed_at) if changed_at else None
    unchanged = get_conditional_response(request, etag=etag, last_modified=changed_at)
    if unchanged is not None:
        response = unchanged
    else:
        body = calendar.feed_bytes(
            version,
            base_url=request.build_absolute_uri("/"),
            show_place=found.calendar_shows_place,
        )
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = last_modified
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@group_member_required
def group_agreement(request: AuthenticatedRequest) -> HttpResponse:
    agreement = GroupAgreement.objects.select_related("written_by").first()
    return render(request, "meetings/agreement.html", {"agreement": agreement})


@group_member_required
def my_meetings(request: AuthenticatedRequest) -> HttpResponse:
    """My own record: the meetings I came to, and my payments."""
    user = request.user
    attended = (
        Attendance.objects.filter(person=user)
        .select_related("meeting")
        .order_by("-meeting__starts_at")
    )
    payments = (
        Payment.objects.filter(person=user)
        .select_related("meeting")
        .order_by("-meeting__starts_at")
    )
    exports = FinanceExport.objects.filter(people__contains=[str(user.pk)]).select_related(
        "exported_by"
    )
    return render(
        request,
        "meetings/my_meetings.html",
        {
            "attended": page_of(attended, request.GET.get("page"), 50),
            "removals": list(
                AttendanceRemoved.objects.filter(person=user)
                .select_related("meeting", "removed_by")
                .order_by("-removed_at")[:50]
            ),
            "payments": list(payments[:200]),
            "exports": list(exports[:50]),
        },
    )


@group_member_required
def meeting_settings(request: AuthenticatedRequest) -> HttpResponse:
    """Reminders, and the private calendar link."""
    mine = services.settings_for(request.user)
    form = MeetingSettingsForm(instance=mine)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "new_link":
            services.calendar_link_make(person=request.user)
            messages.success(
                request,
                "Your new calendar link is ready. Any link you had before no longer works.",
            )
            return redirect("meeting_settings")
        if action == "remove_link":
            services.calendar_link_remove(person=request.user)
            messages.success(request, "Your calendar link no longer works.")
            return redirect("meeting_settings")
        form = MeetingSettingsForm(request.POST, instance=mine)
        if form.is_valid():
            services.settings_update(person=request.user, **form.cleaned_data)
            messages.success(request, "Your settings are saved.")
            return redirect("meeting_settings")
    feed_url = (
        request.build_absolute_uri(reverse("calendar_feed", args=[mine.calendar_token]))
        if mine.calendar_token
        else None
    )
    return render(
        request, "meetings/settings.html", {"form": form, "settings": mine, "feed_url": feed_url}
    )
