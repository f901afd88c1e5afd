"""Your data: download it, leave the group, delete your account. And, for facilitators,
who left or asked for deletion, and when (never anything they wrote)."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone

from bridging_gaps.paging import page_of
from bridging_gaps.reauthentication import reauthentication_required
from bridging_gaps.types import AuthenticatedRequest
from consent.models import Audience, Share
from consent.policy import anonymous_label
from datarights import services
from datarights.forms import DeleteAccountForm, DownloadForm, LeaveForm
from datarights.hooks import day, hooks
from datarights.models import DataDownload, Departure
from datarights.sharing import sharing_now
from people.access import facilitator_required
from people.models import User


def _posting(request: HttpRequest) -> bool:
    return request.method == "POST"


@reauthentication_required(enabled=_posting)
def data_download(request: AuthenticatedRequest) -> HttpResponse:
    """Make my file, and see how it is going. Works without JavaScript (reload the page);
    static/js/data-download.js refreshes the progress while the file is being made."""
    form = DownloadForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.download_request(
                person=request.user, email_when_ready=form.cleaned_data["email_when_ready"]
            )
        except ValidationError as error:
            messages.info(request, error.messages[0])
        else:
            messages.success(request, "We are making your file. This page shows how it is going.")
        return redirect("data_download")
    download = DataDownload.objects.filter(person=request.user).first()
    return render(
        request,
        "datarights/data_download.html",
        {
            "form": form,
            "download": download,
            "ready": download is not None and download.is_ready(),
            "expiry_hours": settings.DATA_DOWNLOAD_EXPIRY_HOURS,
        },
    )


def data_download_file(request: AuthenticatedRequest, download_id: Any) -> HttpResponseBase:
    download = DataDownload.objects.filter(person=request.user, pk=download_id).first()
    if download is None or not download.is_ready():
        # Someone else's, an old link, or expired: all alike.
        raise Http404("No such file.")
    return _send(request, download)


@reauthentication_required
def _send(request: AuthenticatedRequest, download: DataDownload) -> HttpResponseBase:
    # The password is asked only once the file is known to be theirs: anyone else has had a 404.
    try:
        source = default_storage.open(download.file, "rb")
    except FileNotFoundError:
        raise Http404("No such file.") from None
    services.download_fetched(download=download)
    response = FileResponse(
        source,
        as_attachment=True,
        filename=f"workspace-data-{timezone.localdate(download.ready_at):%Y-%m-%d}.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "no-store, private"
    return response


def leave_group(request: AuthenticatedRequest) -> HttpResponse:
    """Close my account myself, choosing what happens to what I shared."""
    form = LeaveForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        # Closed meanwhile (in another tab): there is nothing left to do.
        with suppress(ValidationError):
            services.leave_group(
                person=request.user,
                keep_shared_anonymously=form.keep_shared_anonymously,
                keep_research_use=form.cleaned_data["keep_research_use"],
            )
        logout(request)
        messages.info(
            request,
            "You have left the group, and you are signed out. Thank you for everything you "
            "gave. To come back one day, ask a facilitator.",
        )
        return redirect("account_login")
    return render(
        request, "datarights/leave.html", {"form": form, **_closing_context(request.user)}
    )


def account_delete(request: AuthenticatedRequest) -> HttpResponse:
    """Ask for my account to be deleted: password again, then a cooling-off period."""
    form = DeleteAccountForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        # Asked already, in another tab: the first request stands.
        with suppress(ValidationError):
            services.deletion_request(person=request.user)
        departure = services.pending_deletion(request.user)
        logout(request)
        if departure is not None:
            messages.info(
                request,
                f"We will delete your account on {day(departure.erase_after)}. You are "
                "signed out. If you change your mind before then, sign in: that stops it.",
            )
        return redirect("account_login")
    preview = [
        sentence
        for erase_preview in hooks("erase_preview")
        for sentence in erase_preview(request.user)
    ]
    return render(
        request,
        "datarights/delete.html",
        {
            "form": form,
            "preview": preview,
            "days": settings.ACCOUNT_DELETION_COOLING_OFF_DAYS,
            "erase_on": day(timezone.now() + services.cooling_off()),
            **_closing_context(request.user),
        },
    )


def _closing_context(person: User) -> dict[str, Any]:
    others = User.objects.filter(is_active=True, is_facilitator=True).exclude(pk=person.pk)
    return {
        "sharing": sharing_now(person),
        "research_ever": Share.objects.filter(
            owner=person, audience=Audience.RESEARCH_USE
        ).exists(),
        "anonymous_label": anonymous_label(person),
        "last_facilitator": person.is_facilitator and not others.exists(),
    }


@facilitator_required
def departures(request: AuthenticatedRequest) -> HttpResponse:
    """Who left, or asked for their account to be deleted, and when. Nothing they wrote."""
    rows = Departure.objects.select_related("person").order_by("-at")
    page = page_of(rows, request.GET.get("page"), 50)
    return render(request, "datarights/departures.html", {"page": page})
