"""Observation notes: written only by the meeting's observer once consent is collected,
never describing those who said no, seen by researchers (and facilitators if the
group agreed) only when the writer shares them."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consent.models import AccessEvent, Audience, Share
from consent.policy import research_use_granted
from interviews.models import (
    ObservationNote,
    ObservationNoteChange,
    ObservationSharingDecision,
    observation_note_export_text,
)
from interviews.observation import services
from interviews.observation.mentions import mentions
from meetings import services as meeting_services
from people.models import Role, User
from tests.factories import UserFactory
from tests.factories_meetings import AttendanceFactory, MeetingFactory, in_days
from tests.factories_observation import ObservationNoteFactory, group_agrees, observed_meeting
from tests.helpers import share, sign_in_recently

pytestmark = pytest.mark.django_db


@pytest.fixture
def ruth():
    return UserFactory(display_name="Ruth Example", roles=[Role.MEMBER])


@pytest.fixture
def meeting(cast, ruth):
    """Observed by cast.researcher; the member said yes, Ruth said no: consent collected."""
    return observed_meeting(cast.researcher, said_yes=[cast.member], said_no=[ruth])


def write_url(meeting):
    return reverse("observation_note_write", args=[meeting.pk])


# --- Who may write, and when ------------------------------------------------------


def test_observation_note_cannot_be_created_without_observation_consent(client, cast, ruth):
    waiting = observed_meeting(cast.researcher, said_yes=[cast.member], unanswered=[ruth])
    with pytest.raises(ValidationError, match="cannot be written without observation consent"):
        services.observation_note_write(
            meeting=waiting, text="The room was warm.", by=cast.researcher
        )

    client.force_login(cast.researcher)
    page = client.get(write_url(waiting)).text
    assert "An observation note cannot be written without observation consent." in page
    assert "1 person has not answered yet" in page
    assert "<textarea" not in page
    # A note sent anyway is refused with the same message, and what was typed stays.
    response = client.post(write_url(waiting), {"text": "The room was warm."})
    assert response.status_code == 200
    assert "cannot be written without observation consent" in response.text
    assert "The room was warm." in response.text
    assert not ObservationNote.objects.exists()


def test_a_note_can_be_written_once_everyone_answered_even_if_someone_said_no(
    client, cast, meeting
):
    client.force_login(cast.researcher)
    response = client.post(write_url(meeting), {"text": "The group talked about reception."})
    note = ObservationNote.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("observation_note_detail", args=[note.pk])
    assert (note.owner, note.meeting, note.updated_by) == (
        cast.researcher,
        meeting,
        cast.researcher,
    )


def test_without_an_observer_nobody_can_write_a_note(client, cast):
    meeting = MeetingFactory(starts_at=in_days(-7), ends_at=in_days(-7, hour=20))
    client.force_login(cast.researcher)
    response = client.get(write_url(meeting))
    assert response.status_code == 403
    assert services.NOT_THE_OBSERVER in response.text


def test_only_the_named_observer_can_write_a_note(client, cast, meeting):
    other_researcher = UserFactory(roles=[Role.RESEARCHER])
    for person in (other_researcher, cast.facilitator, cast.member):
        client.force_login(person)
        response = client.post(write_url(meeting), {"text": "Notes"})
        assert response.status_code == 403
        assert services.NOT_THE_OBSERVER in response.text
    with pytest.raises(ValidationError, match="named as the observer"):
        services.observation_note_write(meeting=meeting, text="Notes", by=other_researcher)
    assert not ObservationNote.objects.exists()


def test_an_observer_who_is_no_longer_a_researcher_cannot_write(cast, meeting):
    cast.researcher.roles = [Role.MEMBER]
    cast.researcher.save()
    with pytest.raises(ValidationError, match="named as the observer"):
        services.observation_note_write(meeting=meeting, text="Notes", by=cast.researcher)


def test_no_note_before_the_meeting_starts_or_about_a_cancelled_meeting(cast, ruth):
    coming = observed_meeting(cast.researcher, said_no=[ruth], days_ago=-7)
    with pytest.raises(ValidationError, match="once the meeting has started"):
        services.observation_note_write(meeting=coming, text="Notes", by=cast.researcher)
    cancelled = observed_meeting(cast.researcher, said_no=[ruth])
    meeting_services.meeting_cancel(meeting=cancelled, message="Closed", by=cast.facilitator)
    with pytest.raises(ValidationError, match="cancelled"):
        services.observation_note_write(meeting=cancelled, text="Notes", by=cast.researcher)


def test_an_empty_note_is_refused_with_a_message(client, cast, meeting):
    client.force_login(cast.researcher)
    response = client.post(write_url(meeting), {"text": "   "})
    assert "Write what you observed." in response.text
    assert not ObservationNote.objects.exists()


# --- Those who said no --------------------------------------------------------------


def test_those_who_said_no_are_listed_to_the_writer(client, cast, ruth, meeting):
    client.force_login(cast.researcher)
    page = client.get(write_url(meeting)).text
    listed = page[page.index("Do not describe these people") : page.index("Only you see this list")]
    assert "Ruth Example" in listed
    assert "They said no to being observed" in listed
    assert cast.member.display_name not in listed
    assert "<textarea" in page

    note = services.observation_note_write(meeting=meeting, text="Notes", by=cast.researcher)
    page = client.get(reverse("observation_note_edit", args=[note.pk])).text
    listed = page[page.index("Do not describe these people") : page.index("Only you see this list")]
    assert "Ruth Example" in listed


def test_anyone_who_never_answered_is_listed_too(client, cast, ruth, meeting):
    note = services.observation_note_write(meeting=meeting, text="Notes", by=cast.researcher)
    # Someone else is recorded as having come after the note was written.
    late = UserFactory(display_name="Lateo Arrival", roles=[Role.MEMBER])
    AttendanceFactory(meeting=meeting, person=late)
    client.force_login(cast.researcher)
    page = client.get(reverse("observation_note_edit", args=[note.pk])).text
    assert "They have not answered" in page
    assert "Lateo Arrival" in page


def test_nobody_but_the_writer_learns_who_said_no(client, cast, ruth, meeting):
    note = services.observation_note_write(meeting=meeting, text="Notes", by=cast.researcher)
    group_agrees()
    share(note, researchers=False, facilitators=False)
    colleague = UserFactory(roles=[Role.RESEARCHER])
    for reader in (colleague, cast.facilitator):
        client.force_login(reader)
        for url in (
            reverse("observation_note_detail", args=[note.pk]),
            reverse("meeting_observation_notes", args=[meeting.pk]),
            reverse("observation_note_list"),
        ):
            response = client.get(url)
            assert response.status_code == 200
            assert "Ruth Example" not in response.text


def test_a_note_naming_someone_who_said_no_is_not_saved_and_keeps_the_text(client, cast, meeting):
    client.force_login(cast.researcher)
    typed = "The group welcomed everyone. Ruth asked about the waiting room."
    response = client.post(write_url(meeting), {"text": typed})
    assert response.status_code == 200
    assert (
        "Your note mentions &#x27;Ruth&#x27;, who said no to being observed. "
        "Take it out before saving." in response.text
    )
    assert typed.replace("'", "&#x27;") in response.text
    assert "Nothing you typed has been lost." in response.text
    assert not ObservationNote.objects.exists()


def test_changing_a_note_checks_the_names_again(client, cast, meeting):
    note = services.observation_note_write(meeting=meeting, text="First draft.", by=cast.researcher)
    client.force_login(cast.researcher)
    url = reverse("observation_note_edit", args=[note.pk])
    response = client.post(url, {"text": "First draft. Ruth Example left early."})
    assert "Your note mentions &#x27;Ruth Example&#x27;" in response.text
    note.refresh_from_db()
    assert note.text == "First draft."
    client.post(url, {"text": "Second draft."})
    note.refresh_from_db()
    assert note.text == "Second draft."


def test_a_later_no_is_shown_on_the_note_to_its_writer(client, cast, meeting):
    note = services.observation_note_write(
        meeting=meeting, text="Mina Member spoke about reception.", by=cast.researcher
    )
    meeting_services.observation_answer(meeting=meeting, person=cast.member, consents=False)
    client.force_login(cast.researcher)
    page = client.get(reverse("observation_note_detail", args=[note.pk])).text
    assert "Someone in this note did not agree" in page
    assert "Your note mentions &#x27;Mina Member&#x27;, who said no to being observed." in page


def test_a_new_observer_does_not_change_whom_an_earlier_note_leaves_out(
    client, cast, ruth, meeting
):
    note = services.observation_note_write(meeting=meeting, text="Notes", by=cast.researcher)
    other = UserFactory(roles=[Role.RESEARCHER])
    meeting_services.observer_set(meeting=meeting, observer=other, by=cast.facilitator)
    with pytest.raises(ValidationError, match="Ruth"):
        services.observation_note_edit(note=note, text="Ruth spoke.", by=cast.researcher)
    services.observation_note_edit(note=note, text="Mina Member spoke.", by=cast.researcher)


# --- Every change recorded ----------------------------------------------------------


def test_every_change_is_recorded_with_who_did_it(client, cast, meeting):
    client.force_login(cast.researcher)
    client.post(write_url(meeting), {"text": "First."})
    note = ObservationNote.objects.get()
    client.post(reverse("observation_note_edit", args=[note.pk]), {"text": "Second."})
    client.post(reverse("observation_note_edit", args=[note.pk]), {"text": "Second."})
    client.post(reverse("observation_note_delete", args=[note.pk]))
    changes = list(
        ObservationNoteChange.objects.order_by("at").values_list("what", "by", "meeting")
    )
    assert changes == [
        ("written", cast.researcher.pk, meeting.pk),
        ("changed", cast.researcher.pk, meeting.pk),
        ("deleted", cast.researcher.pk, meeting.pk),
    ]


def test_deleting_removes_the_text_and_the_ledger_keeps_that_it_existed(client, cast, meeting):
    note = services.observation_note_write(
        meeting=meeting, text="Only in the note.", by=cast.researcher
    )
    share(note, researchers=False)
    client.force_login(cast.researcher)
    page = client.get(reverse("observation_note_delete", args=[note.pk])).text
    assert "Nobody it was shared with can see it any more." in page
    response = client.post(reverse("observation_note_delete", args=[note.pk]))
    assert response["Location"] == reverse("observation_note_list")
    assert not ObservationNote.objects.filter(pk=note.pk).exists()
    share_row = Share.objects.get(item_kind="observation_note", item_id=note.pk)
    assert share_row.withdrawal.withdrawn_by == cast.researcher
    assert ObservationNoteChange.objects.filter(note_id=note.pk, what="deleted").exists()
    client.force_login(cast.gp)
    assert client.get(reverse("observation_note_detail", args=[note.pk])).status_code == 404


def test_only_the_writer_changes_or_deletes_a_note(cast, meeting):
    note = services.observation_note_write(meeting=meeting, text="Notes", by=cast.researcher)
    other = UserFactory(roles=[Role.RESEARCHER])
    with pytest.raises(PermissionDenied):
        services.observation_note_edit(note=note, text="Changed", by=other)
    with pytest.raises(PermissionDenied):
        services.observation_note_delete(note=note, by=other)


def test_the_ledgers_cannot_be_changed_in_the_database(cast, meeting):
    services.observation_note_write(meeting=meeting, text="Notes", by=cast.researcher)
    services.observation_sharing_decide(facilitators_may_read=True, by=cast.facilitator)
    with pytest.raises(DatabaseError), transaction.atomic():
        ObservationNoteChange.objects.update(what="deleted")
    with pytest.raises(DatabaseError), transaction.atomic():
        ObservationNoteChange.objects.all().delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        ObservationSharingDecision.objects.update(facilitators_may_read=False)
    with pytest.raises(DatabaseError), transaction.atomic():
        ObservationSharingDecision.objects.all().delete()


# --- Who sees it ---------------------------------------------------------------------


def test_a_new_note_is_seen_by_its_writer_only(client, cast, meeting):
    note = services.observation_note_write(
        meeting=meeting, text="Private words", by=cast.researcher
    )
    assert not Share.objects.exists()
    colleague = UserFactory(roles=[Role.RESEARCHER])
    for person in (colleague, cast.facilitator, cast.member):
        client.force_login(person)
        response = client.get(reverse("observation_note_detail", args=[note.pk]))
        assert response.status_code == 404
    client.force_login(cast.researcher)
    page = client.get(reverse("observation_note_detail", args=[note.pk])).text
    assert "Private words" in page
    assert "Only you can see this." in page  # the share panel


def test_reading_a_shared_note_is_logged_for_its_writer(client, cast, meeting):
    note = services.observation_note_write(meeting=meeting, text="Notes", by=cast.researcher)
    share(note, researchers=False)
    colleague = UserFactory(roles=[Role.RESEARCHER])
    client.force_login(colleague)
    client.get(reverse("observation_note_list"))
    client.get(reverse("observation_note_detail", args=[note.pk]))
    hows = set(AccessEvent.objects.filter(owner=cast.researcher).values_list("how", flat=True))
    assert hows == {AccessEvent.How.LISTED, AccessEvent.How.VIEWED}


def test_a_note_cannot_be_shared_with_gps_the_group_or_without_a_name(cast, meeting):
    note = services.observation_note_write(meeting=meeting, text="Notes", by=cast.researcher)
    for wanted in ({Audience.GPS: False}, {Audience.GROUP: False}, {Audience.RESEARCHERS: True}):
        with pytest.raises(ValidationError):
            share(note, **{str(a): anon for a, anon in wanted.items()})


def test_facilitators_are_offered_only_once_the_group_agreed(client, cast, meeting):
    note = services.observation_note_write(meeting=meeting, text="Notes", by=cast.researcher)
    sign_in_recently(client, cast.researcher)
    share_url = reverse("share", args=["observation_note", note.pk])
    page = client.get(share_url).text
    assert " Researchers</label>" in page
    assert " Facilitators</label>" not in page
    assert (
        "Facilitators are not offered"
        in client.get(reverse("observation_note_detail", args=[note.pk])).text
    )
    with pytest.raises(ValidationError, match="cannot be shared with facilitators"):
        share(note, facilitators=False)
    # A facilitators answer sent anyway is not taken.
    client.post(share_url, {"who": "some", "audiences": ["facilitators"], "confirm": "1"})
    assert not Share.objects.filter(audience=Audience.FACILITATORS).exists()

    services.observation_sharing_decide(facilitators_may_read=True, by=cast.facilitator)
    assert " Facilitators</label>" in client.get(share_url).text
    client.post(share_url, {"who": "some", "audiences": ["facilitators"], "confirm": "1"})
    assert Share.objects.current().filter(audience=Audience.FACILITATORS).count() == 1
    client.force_login(cast.facilitator)
    assert client.get(reverse("observation_note_detail", args=[note.pk])).status_code == 200


def test_when_the_group_stops_agreeing_facilitators_stop_seeing_notes_at_once(
    client, cast, meeting
):
    group_agrees()
    note = services.observation_note_write(meeting=meeting, text="Notes", by=cast.researcher)
    share(note, researchers=False, facilitators=False)
    client.force_login(cast.facilitator)
    response = client.post(
        reverse("observation_sharing_change"),
        {"facilitators_may_read": "no", "how_agreed": "Talked about at the meeting in June."},
    )
    assert response.status_code == 302
    assert client.get(reverse("observation_note_detail", args=[note.pk])).status_code == 404
    withdrawn = Share.objects.get(audience=Audience.FACILITATORS)
    assert withdrawn.withdrawal.withdrawn_by == cast.facilitator
    assert "do not read observation notes" in withdrawn.withdrawal.reason
    # Researchers still see it.
    assert Share.objects.current().get().audience == Audience.RESEARCHERS


def test_only_facilitators_record_the_group_decision_and_everyone_in_the_group_reads_it(
    client, cast
):
    client.force_login(cast.researcher)
    response = client.post(reverse("observation_sharing_change"), {"facilitators_may_read": "yes"})
    assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.observation_sharing_decide(facilitators_may_read=True, by=cast.researcher)
    assert not ObservationSharingDecision.objects.exists()

    client.force_login(cast.facilitator)
    client.post(
        reverse("observation_sharing_change"),
        {"facilitators_may_read": "yes", "how_agreed": "Agreed at the meeting on 4 March."},
    )
    decision = ObservationSharingDecision.objects.get()
    assert (decision.facilitators_may_read, decision.decided_by) == (True, cast.facilitator)
    client.force_login(cast.member)
    page = client.get(reverse("observation_sharing")).text
    assert "Yes: researchers may share observation notes with facilitators." in page
    assert "Agreed at the meeting on 4 March." in page
    assert cast.facilitator.display_name in page


def test_the_decision_form_needs_an_answer(client, cast):
    client.force_login(cast.facilitator)
    response = client.post(reverse("observation_sharing_change"), {"how_agreed": "We talked"})
    assert "Choose yes or no, as the group decided." in response.text
    assert "We talked" in response.text
    assert not ObservationSharingDecision.objects.exists()


# --- The meeting page and the lists ----------------------------------------------------


def test_the_meeting_page_offers_the_observer_to_write_and_others_what_they_may_read(
    client, cast, meeting
):
    client.force_login(cast.researcher)
    page = client.get(reverse("meeting_detail", args=[meeting.pk])).text
    assert "Write an observation note" in page
    note = services.observation_note_write(meeting=meeting, text="Notes", by=cast.researcher)
    client.force_login(cast.member)
    assert "Observation notes" not in client.get(reverse("meeting_detail", args=[meeting.pk])).text
    share(note, researchers=False)
    colleague = UserFactory(roles=[Role.RESEARCHER])
    client.force_login(colleague)
    page = client.get(reverse("meeting_detail", args=[meeting.pk])).text
    assert "Observation notes you can read</a> (1)" in page
    assert "Write an observation note" not in page


def test_the_lists_show_only_notes_the_viewer_may_read(client, cast, meeting):
    mine = services.observation_note_write(meeting=meeting, text="My own note", by=cast.researcher)
    other_writer = UserFactory(display_name="Other Writer", roles=[Role.RESEARCHER])
    shared = ObservationNoteFactory(owner=other_writer, meeting=meeting, text="Shared note")
    share(shared, researchers=False)
    ObservationNoteFactory(owner=other_writer, meeting=meeting, text="Kept private")
    client.force_login(cast.researcher)
    for url in (
        reverse("observation_note_list"),
        reverse("meeting_observation_notes", args=[meeting.pk]),
    ):
        page = client.get(url).text
        assert mine.text in page
        assert "Shared note" in page
        assert "Other Writer" in page
        assert "Kept private" not in page


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def notes_for(reader, meeting, count: int) -> None:
    for _ in range(count):
        note = ObservationNoteFactory(meeting=meeting)
        share(note, researchers=False)
        ObservationNoteFactory(owner=reader, meeting=meeting)


@pytest.mark.parametrize("url_name", ["observation_note_list", "meeting_observation_notes"])
def test_the_lists_make_the_same_number_of_queries_for_2_and_12_notes(
    client, cast, meeting, url_name, django_assert_max_num_queries
):
    args = [meeting.pk] if url_name == "meeting_observation_notes" else []
    url = reverse(url_name, args=args)
    client.force_login(cast.researcher)
    notes_for(cast.researcher, meeting, 1)
    few = queries(client, url)
    notes_for(cast.researcher, meeting, 5)
    many = queries(client, url)
    assert few == many
    with django_assert_max_num_queries(8):
        client.get(url)


def test_the_writing_page_makes_the_same_queries_for_few_and_many_people(
    client, cast, django_assert_max_num_queries
):
    def people(count, prefix):
        return [UserFactory(display_name=f"{prefix} {n}") for n in range(count)]

    small = observed_meeting(cast.researcher, said_yes=people(1, "Yes"), said_no=people(1, "No"))
    large = observed_meeting(cast.researcher, said_yes=people(10, "Yes"), said_no=people(10, "No"))
    client.force_login(cast.researcher)
    counts = [queries(client, write_url(meeting)) for meeting in (small, large)]
    assert counts[0] == counts[1]
    with django_assert_max_num_queries(16):
        client.post(write_url(large), {"text": "No 3 was there."})


# --- Research exports -------------------------------------------------------------------


def test_a_note_goes_into_research_exports_only_with_its_writers_grant(cast, meeting):
    note = services.observation_note_write(meeting=meeting, text="What I saw", by=cast.researcher)
    assert not research_use_granted(ObservationNote.objects.all()).exists()
    share(note, research_use=True)
    assert list(research_use_granted(ObservationNote.objects.all())) == [note]
    exported = observation_note_export_text(note)
    assert exported.text == "What I saw"
    assert exported.meeting_id == meeting.pk
    assert exported.date == meeting.local_date


def test_the_demo_has_an_observed_meeting_and_a_note_that_leaves_out_who_said_no(client):
    call_command("seed_demo", stdout=StringIO())
    note = ObservationNote.objects.get()
    jo = User.objects.get(email="jo@example.org")
    status = services.status_for_writer(note)
    assert status.collected
    assert status.refused == [jo]
    assert mentions(note.text, status) == []
    lee = User.objects.get(email="lee@example.org")  # a GP and researcher: it was shared
    client.force_login(lee)
    response = client.get(reverse("observation_note_detail", args=[note.pk]))
    assert response.status_code == 200
    assert "Jo Demo" not in response.text


def test_without_meetings_the_demo_has_no_observation_note(cast):
    from interviews import demo

    demo._observation({"priya": cast.researcher, "faye": cast.facilitator, "jo": cast.member})
    assert not ObservationNote.objects.exists()


def test_audiences_offered_now_change_nothing_for_kinds_without_the_hook(cast, meeting):
    from consent.registry import get_kind
    from tests.factories_interviews import CustodialInterviewFactory

    interview_kind = get_kind("interview")
    assert interview_kind.audiences_now is None
    interview = CustodialInterviewFactory()
    assert interview_kind.audiences_for(interview) == interview_kind.audiences
    note = ObservationNoteFactory(owner=cast.researcher, meeting=meeting)
    note_kind = get_kind("observation_note")
    assert note_kind.audiences_for(note) == (Audience.RESEARCHERS,)
    group_agrees()
    assert note_kind.audiences_for(note) == (Audience.RESEARCHERS, Audience.FACILITATORS)
    group_agrees(agrees=False)
    assert note_kind.audiences_for(note) == (Audience.RESEARCHERS,)
