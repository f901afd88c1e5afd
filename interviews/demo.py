"""Demo data: one interview of Ruth (a member) by Priya (a researcher), waiting
for Ruth's review of her transcript; and, when the demo has meetings, the last
meeting held, observed by Priya (Jo said no), with Priya's observation note,
shared with researchers. Every word is invented."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from consent.models import Audience
from consent.services import shares_set
from interviews import services
from interviews.models import ConsentItem, Mode, Status
from interviews.observation import services as observation_services
from meetings import services as meeting_services
from meetings.models import Attendance, Meeting
from meetings.observation import expected_people

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
    _observation(people)


OBSERVATION_NOTE = """\
Faye opened with a check-in round; everyone said one word about their fortnight.

Ruth spoke about giving personal details out loud at the reception desk. Maya agreed and \
suggested a card you can hand over instead. Dr Sam Sample listened and said the practice could \
try it.

People answered each other more than the facilitator: a sign of peer support. The quiet room \
was used twice, and nobody had to explain why.
"""


def _observation(people: dict[str, Any]) -> None:
    """The last meeting held, observed by Priya: everyone who came answered, Jo said no."""
    meeting = (
        Meeting.objects.past()
        .not_cancelled()
        .filter(pk__in=Attendance.objects.values("meeting_id"))
        .first()
    )
    if meeting is None:
        return
    priya = people["priya"]
    meeting_services.observer_set(meeting=meeting, observer=priya, by=people["faye"])
    for person in expected_people(meeting):
        meeting_services.observation_answer(
            meeting=meeting, person=person, consents=person != people["jo"]
        )
    note = observation_services.observation_note_write(
        meeting=meeting, text=OBSERVATION_NOTE, by=priya
    )
    shares_set(item=note, wanted={Audience.RESEARCHERS: False}, by=priya)
