"""Exports: choose, check the anonymised preview, take words out, make, download.

Every page is for the researcher who made the export (404 for everyone else). Making it and
downloading it ask for the password again (allauth re-authentication). The preview shows only
anonymised text of items whose owners allow research use now.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import resolve, reverse
from django.views.decorators.http import require_POST

from bridging_gaps.idempotency import idempotent
from bridging_gaps.paging import page_of
from bridging_gaps.reauthentication import reauthentication_required
from bridging_gaps.types import AuthenticatedRequest
from bridging_gaps.worker import no_worker_seen
from consent.models import AccessEvent
from consent.policy import record_access_by_ref
from mentions.research import passages_read
from people.access import is_researcher, researcher_required
from research.analysis.access import get_project_for_user
from research.exports import services
from research.exports.access import exports_for, get_export_for_user
from research.exports.forms import ExportForm, RedactionForm
from research.exports.models import Export, ExportItem
from research.exports.run import preview
from research.exports.selection import date_label, meetings_of
from research.exports.withdrawal import withdrawn_since
from research.granted import kind_or_none
from research.names.marking import flagged_words, segments

PREVIEW_PER_PAGE = 20
WITHDRAWN_PER_PAGE = 50


def _own_export(request: HttpRequest) -> bool:
    """Re-authentication applies to the export's maker only: anyone else gets 404 first."""
    if not is_researcher(request.user):
        return False
    match = resolve(request.path_info)
    return exports_for(request.user).filter(pk=match.kwargs["export_id"]).exists()  # type: ignore[arg-type]


@researcher_required
@idempotent
def export_new(request: AuthenticatedRequest, project_id: Any) -> HttpResponse:
    project = get_project_for_user(request, project_id)
    purpose = (
        Export.Purpose.ANALYSIS
        if request.GET.get("purpose", request.POST.get("purpose")) == Export.Purpose.ANALYSIS
        else Export.Purpose.FILE
    )
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            export = services.export_create(
                project=project,
                purpose=purpose,
                kinds=data["kinds"],
                date_from=data["date_from"],
                date_to=data["date_to"],
                meeting_ids=[meeting.pk for meeting in data["meetings"]],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("export_preview", export_id=export.pk)
    return render(
        request,
        "research/export_new.html",
        {"project": project, "form": form, "purpose": purpose, "Purpose": Export.Purpose},
    )


def _preview_entries(request: AuthenticatedRequest, export: Export, rows: list[ExportItem]) -> Any:
    """Each row of the page anonymised, as it would go out now; the reads are logged."""
    previewed = preview(export, rows, viewer=request.user)
    entries = []
    for row in rows:
        kind = kind_or_none(row.item_kind)
        entry: dict[str, Any] = {
            "row": row,
            "kind_label": kind.label if kind else "item",
            "date": date_label(row.date),
        }
        result = previewed.get(row.pk)
        if result is not None:
            entry["segments"] = segments(result)
            entry["flagged"] = flagged_words(result)
            entry["replacements"] = len(result.replacements)
            entry["withheld"] = result.withheld
        entries.append(entry)
    return entries


def _choices(export: Export) -> dict[str, Any]:
    """What the researcher chose, as both pages show it."""
    return {
        "export": export,
        "project": export.project,
        "kinds": [kind.label for key in export.kinds if (kind := kind_or_none(key))],
        "meetings": meetings_of(export),
        "date_from": date_label(export.date_from),
        "date_to": date_label(export.date_to),
        # Only asked while the export waits on the background worker.
        "no_worker": export.is_working and no_worker_seen(),
    }


def _render_preview(
    request: AuthenticatedRequest, export: Export, redaction_form: RedactionForm | None = None
) -> HttpResponse:
    context: dict[str, Any] = {
        **_choices(export),
        "redaction_form": redaction_form or RedactionForm(),
        "expiry_hours": settings.RESEARCH_EXPORT_EXPIRY_HOURS,
    }
    if export.status == Export.Status.REVIEW:
        rows = ExportItem.objects.filter(export=export).order_by("date", "position")
        page = page_of(rows, request.GET.get("page"), PREVIEW_PER_PAGE)
        context["page"] = page
        context["entries"] = _preview_entries(request, export, list(page.object_list))
    return render(request, "research/export_preview.html", context)


@researcher_required
def export_preview(request: AuthenticatedRequest, export_id: Any) -> HttpResponse:
    export = get_export_for_user(request, export_id)
    if not export.is_draft:
        return redirect("export_detail", export_id=export.pk)
    return _render_preview(request, export)


@require_POST
@researcher_required
@idempotent
def export_redact(request: AuthenticatedRequest, export_id: Any) -> HttpResponse:
    """Take a word out of this export by hand, or put one back."""
    export = get_export_for_user(request, export_id)
    back = reverse("export_preview", args=[export.pk]) + _page_query(request)
    try:
        if "remove" in request.POST:
            if services.redaction_remove(
                export=export, words=request.POST["remove"], by=request.user
            ):
                messages.success(request, "Put back: it is no longer taken out.")
            return redirect(back)
        form = RedactionForm(request.POST)
        if not form.is_valid():
            return _render_preview(request, export, form)
        words = form.cleaned_data["words"]
        if services.redaction_add(export=export, words=words, by=request.user):
            messages.success(request, f"Taken out: “{words}” is now [REDACTED] in this export.")
        else:
            messages.info(request, f"“{words}” is taken out already.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("export_detail", export_id=export.pk)
    return redirect(back)


def _page_query(request: HttpRequest) -> str:
    page = request.POST.get("page", "")
    return f"?page={page}" if page.isdigit() else ""


@require_POST
@researcher_required
@reauthentication_required(enabled=_own_export)
def export_start(request: AuthenticatedRequest, export_id: Any) -> HttpResponse:
    export = get_export_for_user(request, export_id)
    try:
        services.export_start(export=export, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("export_preview", export_id=export.pk)
    return redirect("export_detail", export_id=export.pk)


@require_POST
@researcher_required
def export_discard(request: AuthenticatedRequest, export_id: Any) -> HttpResponse:
    export = get_export_for_user(request, export_id)
    project_id = export.project_id
    try:
        services.export_discard(export=export, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("export_detail", export_id=export.pk)
    messages.success(request, "The draft is discarded.")
    return redirect("project_detail", project_id=project_id)


@researcher_required
def export_detail(request: AuthenticatedRequest, export_id: Any) -> HttpResponse:
    """How the export is going; once made: the file, and what was withdrawn since."""
    export = get_export_for_user(request, export_id)
    if export.status == Export.Status.REVIEW:
        return redirect("export_preview", export_id=export.pk)
    withdrawn = page_of(withdrawn_since(export), request.GET.get("page"), WITHDRAWN_PER_PAGE)
    for row in withdrawn.object_list:
        kind = kind_or_none(row.item_kind)
        row.kind_label = kind.label if kind else "item"
    return render(
        request,
        "research/export_detail.html",
        {
            **_choices(export),
            "withdrawn": withdrawn,
            "can_download": export.can_download(),
        },
    )


@require_POST
@researcher_required
def export_remake(request: AuthenticatedRequest, export_id: Any) -> HttpResponse:
    """A new draft with this export's choices: its items are chosen again, without those
    withdrawn since, and checked before anything is made."""
    export = get_export_for_user(request, export_id)
    try:
        again = services.export_remake(export=export, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("export_detail", export_id=export.pk)
    return redirect("export_preview", export_id=again.pk)


@researcher_required
def export_progress(request: AuthenticatedRequest, export_id: Any) -> JsonResponse:
    """For the page's script: how far the export has got."""
    export = get_export_for_user(request, export_id)
    return JsonResponse(
        {
            "status": export.status,
            "status_label": export.get_status_display(),
            "done": export.progress_done,
            "total": export.progress_total,
            "percent": export.percent,
            "working": export.is_working,
        }
    )


@researcher_required
@reauthentication_required(enabled=_own_export)
def export_download(request: AuthenticatedRequest, export_id: Any) -> FileResponse:
    """The file, for its maker only, until it expires."""
    export = get_export_for_user(request, export_id)
    if not export.can_download() or not default_storage.exists(export.file_name):
        raise Http404("This export file is not available.")
    # Every download, the first and any later one, is in each owner's access log.
    record_access_by_ref(
        viewer=request.user,
        refs=ExportItem.objects.filter(export=export, state=ExportItem.State.EXPORTED)
        .values_list("item_kind", "item_id")
        .iterator(),
        how=AccessEvent.How.DOWNLOADED,
        reference=str(export.id),
    )
    passages_read(
        refs=ExportItem.objects.filter(export=export, state=ExportItem.State.EXPORTED).values(
            "item_kind", "item_id"
        ),
        viewer=request.user,
        how=AccessEvent.How.DOWNLOADED,
        reference=str(export.id),
    )
    return FileResponse(
        default_storage.open(export.file_name, "rb"),
        as_attachment=True,
        filename=f"research-export-{export.reference}.zip",
        content_type="application/zip",
    )
