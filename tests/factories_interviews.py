"""Interviews for tests: built through the services, so each one went through the workflow."""

from __future__ import annotations

import io
import wave
from datetime import date
from pathlib import Path
from typing import Any

import factory
from django.core.files.uploadedfile import SimpleUploadedFile

from interviews import services
from interviews.audio import identify
from interviews.models import ConsentItem, Interview, Mode, Recording, Status
from people.models import Role
from tests.factories import UserFactory

MEDIA = Path(__file__).parent / "interviews" / "media"

TRANSCRIPT = (
    "Interviewer: How did the first appointment feel?\n\n"
    "Participant: I was nervous. The receptionist was kind to me.\n\n"
    "Interviewer: What would have helped?\n\n"
    "Participant: Being asked once, not five times, what happened to me."
)


def wav_bytes(payload: bytes = b"\x80" * 8000) -> bytes:
    """A real WAV file (8-bit mono) whose sound is `payload`: a test can find
    a secret in the bytes a view sends."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(1)
        wav.setframerate(8000)
        wav.writeframes(payload)
    return buffer.getvalue()


def sample(name: str) -> bytes:
    """A tiny real audio (or video) file from tests/interviews/media/."""
    return (MEDIA / name).read_bytes()


def upload(content: bytes, name: str = "recording.wav", content_type: str = "audio/wav") -> Any:
    return SimpleUploadedFile(name, content, content_type=content_type)


class CustodialInterviewFactory(factory.django.DjangoModelFactory):
    """An outside participant's interview: the interviewer owns it as custodian."""

    class Meta:
        model = Interview

    interviewer = factory.SubFactory(UserFactory, roles=[Role.RESEARCHER])
    owner = factory.SelfAttribute("interviewer")
    interviewee = None
    participant_code = factory.Sequence(lambda n: f"P{n:02d}")
    topic = factory.Sequence(lambda n: f"Experiences of GP care {n}")
    date = factory.LazyFunction(date.today)
    mode = Mode.IN_PERSON


ORDER = [
    Status.PLANNED,
    Status.CONSENT_RECORDED,
    Status.CONDUCTED,
    Status.TRANSCRIBED,
    Status.REVIEWED,
    Status.READY,
]


def consent_answers(**overrides: bool) -> dict[str, bool]:
    answers = dict.fromkeys(ConsentItem.values, True)
    answers.update(overrides)
    return answers


def interview_at(
    status: Status = Status.PLANNED,
    *,
    interviewee: Any = None,
    interviewer: Any = None,
    topic: str = "Experiences of GP care",
    transcript: str = TRANSCRIPT,
    audio: bool = True,
    **answers: bool,
) -> Interview:
    """An interview walked through the workflow, by its real services, up to `status`."""
    interviewee = interviewee or UserFactory(roles=[Role.MEMBER])
    interviewer = interviewer or UserFactory(roles=[Role.RESEARCHER])
    interview = services.interview_plan(
        interviewer=interviewer,
        interviewee=interviewee,
        topic=topic,
        date=date(2026, 5, 12),
        mode=Mode.IN_PERSON,
    )
    reached = ORDER.index(status)
    if reached >= 1:
        services.consent_form_record(
            interview=interview,
            information_sheet_version="2.1",
            signed_on=date(2026, 5, 12),
            answers=consent_answers(audio=audio, **answers),
            by=interviewer,
        )
    if reached >= 2:
        services.interview_move(interview=interview, to=Status.CONDUCTED, by=interviewer)
    if reached >= 3:
        services.transcript_save(interview=interview, text=transcript, by=interviewer)
    if reached >= 4:
        services.review_save(interview=interview, choices={}, by=interviewee, finished=True)
    if reached >= 5:
        services.interview_move(interview=interview, to=Status.READY, by=interviewer)
    interview.refresh_from_db()
    return interview


def add_recording(interview: Interview, content: bytes | None = None) -> Recording:
    content = wav_bytes() if content is None else content
    file = upload(content)
    return services.recording_save(
        interview=interview,
        upload=file,
        detected=identify(file),
        size=len(content),
        by=interview.interviewer,
    )
