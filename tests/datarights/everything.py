"""A person with one of everything, and another person who shares things with her.

Every word the person writes carries a unique marker, so that tests can look for it in a
data download (it must be there) and anywhere in the database after her account is
deleted (it must be gone). The other person's words carry markers of their own: they
must never be in the person's download, and must outlive her account.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from consent.models import AccessEvent
from consent.policy import record_access
from interviews import services as interview_services
from interviews.models import ConsentItem, Interview, Recording, Status
from interviews.observation import services as observation_services
from meetings import services as meeting_services
from meetings.agenda import services as agenda_services
from meetings.minutes import services as minutes_services
from meetings.models import FinanceExport, Meeting, Minutes, Payment
from payments import services as payment_services
from people import services as people_services
from people.models import ContactDetail, Role, User
from reflections.models import ReflectiveNote
from reflections.services import note_draft_save
from research.analysis.services import matrix_cell_save, passages_code, project_create
from research.analysis.spans import Span
from research.models import Export, ProjectItem
from research.names.services import other_name_add
from safety.drafts import keep_posted
from tests.factories import InvitationFactory, UserFactory
from tests.factories_interviews import (
    CustodialInterviewFactory,
    add_recording,
    interview_at,
    wav_bytes,
)
from tests.factories_meetings import FacilitatorFactory, MeetingFactory, in_days
from tests.factories_observation import observed_meeting
from tests.factories_reflections import PromptFactory, edit_note, write_note
from tests.factories_research import granted_note, made_export
from tests.helpers import share


@dataclass
class Markers:
    """Unique words, by what they were put in."""

    prefix: str
    words: dict[str, str] = field(default_factory=dict)

    def __call__(self, what: str) -> str:
        word = f"{self.prefix}{what}{uuid.uuid4().hex[:10]}"
        self.words[what] = word
        return word

    def all(self) -> list[str]:
        return list(self.words.values())


@dataclass
class World:
    person: User
    other: User
    reader: User
    facilitator: User
    mine: Markers
    theirs: Markers
    note: ReflectiveNote
    interview: Interview
    recording: Recording
    conducted: Interview
    custodial: Interview
    minutes: Minutes
    others_minutes: Minutes
    others_note: ReflectiveNote
    attended: Meeting
    issued: Payment
    audio: bytes


def build_world() -> World:
    mine, theirs = Markers("zqmine"), Markers("zqtheirs")
    facilitator = FacilitatorFactory(display_name="Fen Facilitator")
    # A member who is also a researcher and a facilitator: she can have one of everything.
    person = UserFactory(
        display_name=f"Pia {mine('display')}",
        pronouns=mine("pronouns"),
        email=f"{mine('email')}@example.org",
        roles=[Role.MEMBER, Role.RESEARCHER],
        is_facilitator=True,
    )
    other = UserFactory(display_name="Quinn Other", roles=[Role.MEMBER])
    reader = UserFactory(display_name="Rosa Reader", roles=[Role.MEMBER])
    InvitationFactory(
        email=person.email,
        display_name=mine("invited_as"),
        invited_by=facilitator,
        accepted_by=person,
        accepted_at=timezone.now(),
    )
    other_name_add(person=person, name=mine("othername"))

    # Contact details, each shared with members.
    detail = people_services.contact_detail_add(
        owner=person, kind=ContactDetail.Kind.PHONE, value=mine("phone"), label=mine("phonelabel")
    )
    share(detail, members=False)
    others_detail = people_services.contact_detail_add(
        owner=other, kind=ContactDetail.Kind.PHONE, value=theirs("phone")
    )
    share(others_detail, members=False)

    # Notes: saved twice, answered, with an unsaved draft; and one never finished.
    prompt = PromptFactory()
    note = write_note(
        person,
        body=mine("body_first"),
        title=mine("title"),
        answers=[(prompt, mine("answer"))],
        content_warning_words=mine("warning"),
    )
    edit_note(note, body=mine("body_now"), title=note.title, answers=[(prompt, mine("answer2"))])
    note_draft_save(owner=person, note=note, data={"title": note.title, "body": mine("draft")})
    note_draft_save(owner=person, data={"body": mine("unfinished")})
    # A form she was typing when her session ended, kept for her; and one of someone else's.
    keep_posted(person=person, path="/notes/new/", data={"body": mine("keptform")})
    keep_posted(person=other, path="/notes/new/", data={"body": theirs("keptform")})
    share(note, group=False, research_use=True)
    record_access(viewer=reader, items=[note], how=AccessEvent.How.VIEWED)
    others_note = write_note(other, body=theirs("note"), title=theirs("notetitle"))
    share(others_note, group=False)
    record_access(viewer=person, items=[others_note], how=AccessEvent.How.VIEWED)

    # Meetings: an answer with needs, attendance and payments, a suggestion, minutes.
    attended = MeetingFactory(starts_at=in_days(-14), ends_at=in_days(-14, hour=20))
    later = MeetingFactory(starts_at=in_days(-7), ends_at=in_days(-7, hour=20))
    ahead = MeetingFactory(starts_at=in_days(7), ends_at=in_days(7, hour=20))
    meeting_services.rsvp_set(
        meeting=attended,
        person=person,
        answer="going",
        travel_costs=True,
        dietary=mine("dietary"),
        access=mine("access"),
    )
    meeting_services.rsvp_set(meeting=ahead, person=person, answer="going")
    meeting_services.rsvp_set(
        meeting=attended, person=other, answer="going", dietary=theirs("diet")
    )
    meeting_services.attendance_set(meeting=attended, present=[person, other], by=facilitator)
    meeting_services.attendance_set(meeting=later, present=[person], by=facilitator)
    issued = Payment.objects.get(meeting=attended, person=person)
    meeting_services.payment_update(
        payment=issued,
        amount=issued.amount,
        kind=issued.kind,
        issued=True,
        issued_on=timezone.localdate(),
        by=facilitator,
    )
    FinanceExport.objects.create(
        exported_by=facilitator,
        first_day=timezone.localdate() - timedelta(days=30),
        last_day=timezone.localdate(),
        people=[str(person.pk)],
    )
    agenda_services.agenda_propose(
        meeting=ahead, title=mine("agenda"), details=mine("agendadetails"), by=person
    )
    minutes = minutes_services.minutes_write(
        meeting=attended, body=mine("minutes"), audience="group", by=person
    )
    minutes_services.decision_add(minutes=minutes, text=mine("decision"), by=person)
    minutes_services.action_add(
        minutes=minutes,
        description=mine("action"),
        owner=None,
        owner_name="The practice manager",
        by=person,
    )
    others_minutes = minutes_services.minutes_write(
        meeting=later, body=theirs("minutes"), audience="group", by=facilitator
    )
    decision = minutes_services.decision_add(
        minutes=others_minutes, text=theirs("decision"), by=facilitator
    )
    minutes_services.decision_update(decision=decision, outcome=mine("outcome"), by=person)
    given = minutes_services.action_add(
        minutes=others_minutes, description="Ask for a quiet room", owner=person, by=facilitator
    )
    minutes_services.action_update(
        action=given, status="done", outcome=mine("actionoutcome"), by=person
    )

    # Getting paid: her choice, a claim paid (kept for finance without her words) and one
    # waiting (cancelled with her account); the other person's claim.
    payment_services.payment_choice_set(
        person=person,
        method="voucher",
        voucher_kind=mine("voucher"),
        benefits_notice_seen=True,
        by=person,
    )
    paid_claim = payment_services.claim_create(
        person=person,
        category="travel",
        amount=Decimal("4.80"),
        what_for=mine("claimpaid"),
        spent_on=timezone.localdate(),
        receipt=None,
        by=person,
    )
    payment_services.claim_create(
        person=person,
        category="food",
        amount=Decimal("3.10"),
        what_for=mine("claimwaiting"),
        spent_on=timezone.localdate(),
        receipt=None,
        by=person,
    )
    payment_services.claim_approve(claim=paid_claim, by=facilitator)
    payment_services.claim_paid(
        claim=paid_claim, paid_on=timezone.localdate(), method="cash", by=facilitator
    )
    payment_services.payment_choice_set(
        person=other, method="cash", benefits_notice_seen=True, by=other
    )
    payment_services.claim_create(
        person=other,
        category="travel",
        amount=Decimal("2.00"),
        what_for=theirs("claim"),
        spent_on=timezone.localdate(),
        receipt=None,
        by=other,
    )

    # Observation: she observes one meeting (and writes a note), and answers about another.
    observed = observed_meeting(person, said_yes=[other], said_no=[facilitator])
    observation_services.observation_note_write(meeting=observed, text=mine("observed"), by=person)
    observed_meeting(UserFactory(roles=[Role.RESEARCHER]), said_no=[person])

    # An interview she gave: a recording, a transcript, a comment, a withdrawn yes.
    interview = interview_at(
        Status.REVIEWED,
        interviewee=person,
        transcript=f"Interviewer: How was it?\n\nParticipant: {mine('transcript')}",
    )
    audio = mine("audio").encode()
    recording = add_recording(interview, wav_bytes(audio * 40))
    share(recording, researchers=False)
    passage = interview.passages.get(position=2)
    interview_services.review_save(
        interview=interview, choices={passage.pk: (True, mine("comment"))}, by=person
    )
    interview_services.consent_withdraw(
        interview=interview, item=ConsentItem.RECONTACT, by=person, reason=mine("withdrawal")
    )
    # An interview she conducted: the other person's words, which stay hers.
    conducted = interview_at(
        Status.REVIEWED,
        interviewee=other,
        interviewer=person,
        topic=mine("conductedtopic"),
        transcript=f"Participant: {theirs('transcript')}",
    )
    share(conducted, by=other, researchers=False)
    custodial = CustodialInterviewFactory(interviewer=person, topic=mine("custodialtopic"))

    # Research: her project, with a memo and a matrix summary she wrote about the other
    # person's note (given for research), and an export file, which holds her memo too.
    project = project_create(name="Study", by=person)
    given = granted_note(owner=other, body=f"Waiting rooms feel loud. {theirs('researchnote')}")
    made_export(project, person, purpose=Export.Purpose.ANALYSIS)
    item = ProjectItem.objects.get(project=project, item_id=given.pk)
    theme = project.themes.order_by("position").first()
    passages_code(item=item, spans=[Span(0, 13)], themes=[theme], memo=mine("memo"), by=person)
    matrix_cell_save(
        project=project, case=item.pseudonym, theme=theme, summary=mine("summary"), by=person
    )
    made_export(project, person)
    return World(
        person=person,
        other=other,
        reader=reader,
        facilitator=facilitator,
        mine=mine,
        theirs=theirs,
        note=note,
        interview=interview,
        recording=recording,
        conducted=conducted,
        custodial=custodial,
        minutes=minutes,
        others_minutes=others_minutes,
        others_note=others_note,
        attended=attended,
        issued=issued,
        audio=audio,
    )
