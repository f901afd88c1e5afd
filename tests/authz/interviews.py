from interviews.models import Status
from tests.authz.specs import ItemPage, ListPage, OwnerOnly, ResearchersOnly
from tests.factories_interviews import (
    CustodialInterviewFactory,
    add_recording,
    interview_at,
    wav_bytes,
)

# A recording is shared by name only and never for research (interviews/apps.py).
RECORDING_STATES = ("private", "shared_with_gps_named", "withdrawn")


def make_interview(owner, secret):
    """The interviewee is the owner; the interviewer is a researcher outside the cast."""
    return interview_at(Status.REVIEWED, interviewee=owner, topic=secret)


def make_recording(owner, secret):
    interview = interview_at(Status.CONDUCTED, interviewee=owner, topic=secret)
    # The secret is the sound itself: the audio URL must send it to exactly those allowed.
    return add_recording(interview, wav_bytes(secret.encode() * 50))


def make_with_consent(owner, secret):
    return interview_at(Status.CONSENT_RECORDED, interviewee=owner, topic=secret)


def make_transcribed(owner, secret):
    return interview_at(Status.TRANSCRIBED, interviewee=owner, topic=secret)


def make_custodial(owner, secret):
    """The interviewer's own pages: here the owner is the interviewer (custodian of an
    outside participant's interview), so "owner only" means "the interviewer only"."""
    return CustodialInterviewFactory(interviewer=owner, topic=secret)


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
    "recording_detail": ItemPage(make=make_recording, states=RECORDING_STATES),
    "recording_audio": ItemPage(make=make_recording, states=RECORDING_STATES),
    "transcript_edit": OwnerOnly(make=make_custodial),
    "transcript_review": OwnerOnly(make=make_transcribed),
    "originals_delete": OwnerOnly(make=make_transcribed),
}
