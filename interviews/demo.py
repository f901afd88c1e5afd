"""Demo data: one interview of Ruth (a member) by Priya (a researcher), waiting
for Ruth's review of her transcript. Every word is invented."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from interviews import services
from interviews.models import ConsentItem, Mode, Status

TRANSCRIPT = """\
Priya: Thank you for talking to me today. What was your first visit to the practice like?

Ruth: I nearly did not go in. I sat outside for ten minutes first.

Priya: What made you go in, in the end?

Ruth: The receptionist came out and asked if I was all right. She did not make me say why.

Priya: Was there anything that made it harder?

Ruth: Having to tell my story again to someone new. Every time it is someone new.

Priya: What would you change?

Ruth: Let me write it down once, and let me choose who reads it.
"""


def seed(people: dict[str, Any]) -> None:
    ruth, priya = people["ruth"], people["priya"]
    interview = services.interview_plan(
        interviewer=priya,
        interviewee=ruth,
        topic="First visits to the GP practice",
        date=timezone.localdate() - timedelta(days=14),
        mode=Mode.IN_PERSON,
    )
    services.consent_form_record(
        interview=interview,
        information_sheet_version="1.2",
        signed_on=interview.date,
        answers={
            ConsentItem.TAKING_PART: True,
            ConsentItem.AUDIO: True,
            ConsentItem.QUOTES: True,
            ConsentItem.FUTURE_RESEARCH: False,
            ConsentItem.RECONTACT: True,
        },
        by=priya,
    )
    services.interview_move(interview=interview, to=Status.CONDUCTED, by=priya)
    # Now "transcribed": Ruth's review is the next step.
    services.transcript_save(interview=interview, text=TRANSCRIPT, by=priya)
