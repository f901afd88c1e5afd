"""The recording (upload, its page, the audio itself) and the transcript (add, review)."""

from __future__ import annotations

import re
from typing import IO, Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.http import require_GET

from bridging_gaps.reauthentication import reauthentication_required
from bridging_gaps.types import AuthenticatedRequest
from consent.models import AccessEvent
from consent.policy import record_access
from interviews import services, workflow
from interviews.access import (
    get_interview_as_interviewer,
    get_own_interview,
    get_recording_for_user,
    get_recording_to_stream,
    interview_of_recording_for_user,
    recording_of,
)
from interviews.forms import RecordingForm, ReviewForm, TranscriptForm
from interviews.models import ConsentItem, Interview, Status

RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK = 64 * 1024


def recording_upload(request: AuthenticatedRequest, interview_id: Any) -> HttpResponse:
    interview = get_interview_as_interviewer(request, interview_id)
    form = RecordingForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            recording = services.recording_save(
                interview=interview,
                upload=upload,
                detected=form.detected,
                size=upload.size,
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                "The recording is saved. Only the interviewee and you can hear it "
                "unless she shares it.",
            )
            return redirect("recording_detail", recording_id=recording.pk)
    existing = recording_of(interview)
    return render(
        request,
        "interviews/recording_upload.html",
        {
            "form": form,
            "interview": interview,
            "existing": existing,
            "audio_agreed": workflow.agrees(interview, ConsentItem.AUDIO),
            "status_allows": interview.status in workflow.RECORDING_STATUSES,
        },
    )


def recording_detail(request: AuthenticatedRequest, recording_id: Any) -> HttpResponse:
    recording = get_recording_for_user(request, recording_id)
    # Shared on its own, a recording tells nothing of its interview (topic, date,
    # participant code) to someone who may not see the interview.
    interview = interview_of_recording_for_user(recording, request.user)
    return render(
        request,
        "interviews/recording_detail.html",
        {
            "recording": recording,
            "interview": interview,
            "is_interviewer": interview is not None and interview.is_interviewer(request.user),
        },
    )


class _Slice:
    """The bytes [start, start + length) of a file, read in chunks."""

    def __init__(self, fileobj: IO[bytes], start: int, length: int) -> None:
        self._fileobj = fileobj
        self._remaining = length
        fileobj.seek(start)

    def read(self, size: int = -1) -> bytes:
        if self._remaining <= 0:
            return b""
        wanted = self._remaining if size < 0 else min(size, self._remaining)
        data = self._fileobj.read(wanted)
        self._remaining -= len(data)
        return data

    def close(self) -> None:
        self._fileobj.close()


def _byte_range(header: str, size: int) -> tuple[int, int] | None:
    """One range "bytes=a-b" (what audio players ask for), or None for the whole file.
    Raises ValueError when it cannot be satisfied."""
    match = RANGE.match(header.strip())
    if not header or match is None:
        return None
    first, last = match.groups()
    if first:
        start = int(first)
        end = min(int(last), size - 1) if last else size - 1
    elif last:
        start, end = max(0, size - int(last)), size - 1
    else:
        return None
    if start >= size or start > end:
        raise ValueError("unsatisfiable range")
    return start, end


@require_GET
def recording_audio(request: AuthenticatedRequest, recording_id: Any) -> HttpResponseBase:
    """The audio itself, only through the policy; never cached, never from a public path.

    Playing or downloading someone else's recording is logged for its owner: every
    request, each piece a player asks for included (its byte range is the reference), so
    no part of the voice is heard unseen.
    """
    download = request.GET.get("download") == "1"
    recording = get_recording_to_stream(request, recording_id)
    range_header = request.headers.get("Range", "")
    try:
        byte_range = _byte_range(range_header, recording.size)
    except ValueError:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{recording.size}"
        return _private(response)
    how = AccessEvent.How.DOWNLOADED if download else AccessEvent.How.PLAYED
    piece = f"bytes {byte_range[0]}-{byte_range[1]}" if byte_range else ""
    record_access(viewer=request.user, items=[recording], how=how, reference=piece)
    fileobj = recording.file.open("rb")
    filename = f"interview-recording.{recording.extension}"
    streamed: FileResponse
    if byte_range is None:
        streamed = FileResponse(
            fileobj,
            content_type=recording.content_type,
            as_attachment=download,
            filename=filename,
        )
    else:
        start, end = byte_range
        streamed = FileResponse(
            _Slice(fileobj, start, end - start + 1),
            status=206,
            content_type=recording.content_type,
            as_attachment=download,
            filename=filename,
        )
        streamed["Content-Length"] = str(end - start + 1)
        streamed["Content-Range"] = f"bytes {start}-{end}/{recording.size}"
    streamed["Accept-Ranges"] = "bytes"
    return _private(streamed)


def _private[R: HttpResponseBase](response: R) -> R:
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    # Only this site's own pages may load it.
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response


def transcript_edit(request: AuthenticatedRequest, interview_id: Any) -> HttpResponse:
    interview = get_interview_as_interviewer(request, interview_id)
    form = TranscriptForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            passages = services.transcript_save(
                interview=interview, text=form.cleaned_data["transcript"], by=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"The transcript is saved: {len(passages)} passages. The interviewee can "
                "now read it and take passages out.",
            )
            return redirect("interview_detail", interview_id=interview.pk)
    return render(
        request,
        "interviews/transcript_form.html",
        {
            "form": form,
            "interview": interview,
            "current_passages": interview.passages.count(),
            "allowed": interview.status in (Status.CONDUCTED, Status.TRANSCRIBED),
        },
    )


def transcript_review(request: AuthenticatedRequest, interview_id: Any) -> HttpResponse:
    """The interviewee reads her transcript and takes passages out."""
    interview = get_own_interview(request, interview_id)
    if interview.status not in workflow.REVIEW_STATUSES:
        messages.info(request, "There is no transcript to review yet.")
        return redirect("interview_detail", interview_id=interview.pk)
    passages = list(interview.passages.all())
    form = ReviewForm(request.POST if request.method == "POST" else None, passages=passages)
    if request.method == "POST" and form.is_valid():
        finished = "finish" in request.POST
        taken_out = services.review_save(
            interview=interview, choices=form.choices(), by=request.user, finished=finished
        )
        text = f"Saved. {taken_out} passage{'s' if taken_out != 1 else ''} taken out."
        if finished:
            text += " Thank you: your review is finished."
        messages.success(request, text)
        return redirect("interview_detail", interview_id=interview.pk)
    return render(
        request,
        "interviews/transcript_review.html",
        {
            "form": form,
            "interview": interview,
            "can_finish": interview.status == Status.TRANSCRIBED,
        },
    )


def originals_delete(request: AuthenticatedRequest, interview_id: Any) -> HttpResponse:
    interview = get_own_interview(request, interview_id)
    return _originals_delete(request, interview)


@reauthentication_required
def _originals_delete(request: AuthenticatedRequest, interview: Interview) -> HttpResponse:
    # Asked only once the person is known to own the interview: anyone else has had a 404.
    taken_out = interview.passages.filter(taken_out_at__isnull=False).count()
    if request.method == "POST":
        deleted = services.originals_delete(interview=interview, by=request.user)
        messages.success(
            request,
            f"Deleted for good: {deleted} passage{'s' if deleted != 1 else ''} you took out.",
        )
        return redirect("interview_detail", interview_id=interview.pk)
    return render(
        request,
        "interviews/originals_delete.html",
        {"interview": interview, "taken_out": taken_out},
    )
