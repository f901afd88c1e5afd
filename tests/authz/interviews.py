"""Who may use the interview and observation note pages.

An interview belongs to its interviewee; an observation note to the researcher who
wrote it. Observation notes are tried as every viewer in the states their kind
allows (researchers, and facilitators once the group agreed; never GPs, the whole
group, or anonymously). Writing one is for the meeting's named observer alone.
"""

from django.urls import reverse

from interviews.models import Status
from tests.authz.specs import (
    FacilitatorsOnly,
    GroupOnly,
    ItemPage,
    ListPage,
    OwnerOnly,
    ResearchersOnly,
)
from tests.factories_interviews import (
    CustodialInterviewFactory,
    add_recording,
    interview_at,
    wav_bytes,
)
from tests.factories_observation import ObservationNoteFactory, group_agrees, observed_meeting

# A recording is shared by name only and never for research (interviews/apps.py).
RECORDING_STATES = ("private", "shared_with_gps_named", "withdrawn")


def make_interview(owner, secret):
    """The interviewee is the owner; the interviewer is a researcher outside the cast."""
    return interview_at(Status.REVIEWED, interviewee=owner, topic=secret)


def make_recording(owner, secret):
    # The interview stays private: its topic must reach nobody the recording is shared with.
    interview = interview_at(
        Status.CONDUCTED, interviewee=owner, topic=secret.related("interview topic")
    )
    # The secret is the sound itself: the audio URL must send it to exactly those allowed.
    return add_recording(interview, wav_bytes(secret.encode() * 50))


def audio_link(recording, secret):
    """The recording's page shows no words of its own: it links to the sound."""
    return reverse("recording_audio", args=[recording.pk])


def make_with_consent(owner, secret):
    return interview_at(Status.CONSENT_RECORDED, interviewee=owner, topic=secret)


def make_transcribed(owner, secret):
    return interview_at(Status.TRANSCRIBED, interviewee=owner, topic=secret)


def make_custodial(owner, secret):
    """The interviewer's own pages: here the owner is the interviewer (custodian of an
    outside participant's interview), so "owner only" means "the interviewer only"."""
    return CustodialInterviewFactory(interviewer=owner, topic=secret)


NOTE_STATES = (
    "private",
    "withdrawn",
    "research_only",
    "shared_with_researchers_named",
    "shared_with_facilitators_named",
)


def make_note(owner, secret):
    # The group agreed, so that the note can be shared with facilitators.
    group_agrees()
    return ObservationNoteFactory(owner=owner, text=secret)


def meeting_the_researcher_observes(cast):
    """Consent collected (one yes, one no): the observer gets the form, everyone else 403."""
    return [observed_meeting(cast.researcher, said_yes=[cast.member], said_no=[cast.gp]).pk]


CLASSIFIED = {
    "interview_list": ListPage(make=make_interview, own=True, shared=True),
    "interview_plan": ResearchersOnly(),
    "interview_detail": ItemPage(make=make_interview),
    "interview_edit": OwnerOnly(make=make_custodial),
    "interview_step": OwnerOnly(make=make_custodial, method="post", data={"to": "conducted"}),
    "interview_delete": OwnerOnly(make=make_transcribed),
    "consent_record": OwnerOnly(make=make_custodial),
    "consent_confirm": OwnerOnly(make=make_with_consent, method="post"),
    "consent_withdraw": OwnerOnly(make=make_with_consent, args=lambda i: [i.pk, "recontact"]),
    "recording_upload": OwnerOnly(make=make_custodial),
    "recording_detail": ItemPage(make=make_recording, states=RECORDING_STATES, shows=audio_link),
    "recording_audio": ItemPage(make=make_recording, states=RECORDING_STATES),
    "transcript_edit": OwnerOnly(make=make_custodial),
    "transcript_review": OwnerOnly(make=make_transcribed),
    "originals_delete": OwnerOnly(make=make_transcribed),
    # Observation notes.
    "observation_note_list": ListPage(make=make_note, states=NOTE_STATES),
    "meeting_observation_notes": ListPage(
        make=make_note, group_only=True, states=NOTE_STATES, args=lambda note: [note.meeting_id]
    ),
    # Only the meeting's named observer: here cast.researcher.
    "observation_note_write": ResearchersOnly(args=meeting_the_researcher_observes),
    "observation_note_detail": ItemPage(make=make_note, states=NOTE_STATES),
    "observation_note_edit": OwnerOnly(make=make_note),
    "observation_note_delete": OwnerOnly(make=make_note),
    # The group's decision: everyone in the group reads it, facilitators record it.
    "observation_sharing": GroupOnly(),
    "observation_sharing_change": FacilitatorsOnly(),
}
