"""The interview pages: the list, the record, deleting, the access log, the demo."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consent.models import AccessEvent, Share
from interviews import models as interview_models
from interviews.models import Interview, InterviewStep, Status
from people.models import Role, User
from tests.factories import UserFactory
from tests.factories_interviews import CustodialInterviewFactory, add_recording, interview_at
from tests.helpers import share, sign_in_recently

pytestmark = pytest.mark.django_db


def test_the_list_shows_interviews_i_gave_i_conduct_and_that_were_shared_with_me(client, cast):
    mine = interview_at(Status.PLANNED, interviewee=cast.researcher, topic="Given by me")
    conducting = interview_at(Status.PLANNED, interviewer=cast.researcher, topic="I conduct")
    shared = interview_at(Status.PLANNED, topic="Shared with researchers")
    share(shared, researchers=True)
    interview_at(Status.PLANNED, topic="Not for me")
    client.force_login(cast.researcher)
    page = client.get(reverse("interview_list")).text
    for interview in (mine, conducting, shared):
        assert interview.topic in page
    assert "Not for me" not in page
    assert "Plan an interview" in page
    # Shared without a name: "a member", never her name.
    assert shared.owner.display_name not in page
    assert "a member" in page


def test_the_list_logs_what_others_saw_of_her_interview(client, cast):
    interview = interview_at(Status.PLANNED, interviewee=cast.owner)
    client.force_login(interview.interviewer)
    client.get(reverse("interview_list"))
    event = AccessEvent.objects.get()
    assert (event.owner, event.how) == (cast.owner, AccessEvent.How.LISTED)


def list_queries(client, viewer, count) -> int:
    for _ in range(count):
        interview = interview_at(Status.PLANNED)
        share(interview, researchers=False)
        interview_at(Status.PLANNED, interviewer=viewer)
    client.force_login(viewer)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("interview_list"))
    assert response.status_code == 200
    return len(queries)


def test_the_list_makes_the_same_number_of_queries_for_2_and_12_interviews(client, cast):
    few = list_queries(client, cast.researcher, 1)
    many = list_queries(client, cast.researcher, 5)  # 2 + 10 more
    assert few == many


def test_the_list_query_count_is_pinned(client, cast, django_assert_max_num_queries):
    for _ in range(4):
        share(interview_at(Status.PLANNED), researchers=True)
    client.force_login(cast.researcher)
    with django_assert_max_num_queries(6):
        client.get(reverse("interview_list"))


def detail_queries(client, viewer, interview) -> int:
    client.force_login(viewer)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("interview_detail", args=[interview.pk]))
    assert response.status_code == 200
    return len(queries)


def test_the_record_page_makes_the_same_queries_for_a_short_and_a_long_transcript(client, cast):
    short = interview_at(Status.READY, interviewee=cast.owner, transcript="Q: Hi\n\nA: Hi")
    long = interview_at(
        Status.READY,
        interviewee=cast.owner,
        transcript="\n\n".join(f"Q{n}: words" for n in range(60)),
    )
    add_recording(long)
    add_recording(short)
    assert detail_queries(client, cast.owner, short) == detail_queries(client, cast.owner, long)


def test_an_anonymous_share_never_shows_her_name_on_the_record(client, cast):
    interview = interview_at(Status.READY, interviewee=cast.owner)
    share(interview, researchers=True)
    client.force_login(cast.researcher)
    page = client.get(reverse("interview_detail", args=[interview.pk])).text
    assert cast.owner.display_name not in page
    assert "a member" in page
    assert "by the interviewee" in page


def test_reading_her_interview_is_logged_for_her_even_by_the_interviewer(client, cast):
    interview = interview_at(Status.PLANNED, interviewee=cast.owner)
    client.force_login(interview.interviewer)
    client.get(reverse("interview_detail", args=[interview.pk]))
    event = AccessEvent.objects.get()
    assert (event.owner, event.viewer, event.how) == (
        cast.owner,
        interview.interviewer,
        AccessEvent.How.VIEWED,
    )


def test_the_owner_sees_the_share_panel_and_the_interviewer_does_not(client, cast):
    interview = interview_at(Status.PLANNED, interviewee=cast.owner)
    client.force_login(cast.owner)
    assert "Who can see this" in client.get(reverse("interview_detail", args=[interview.pk])).text
    client.force_login(interview.interviewer)
    page = client.get(reverse("interview_detail", args=[interview.pk])).text
    assert "Who can see this" not in page


def test_for_an_outside_participant_the_interviewer_holds_the_owners_rights(client, cast):
    interview = CustodialInterviewFactory(interviewer=cast.researcher, participant_code="P07")
    client.force_login(cast.researcher)
    page = client.get(reverse("interview_detail", args=[interview.pk])).text
    assert "You look after this interview for participant P07" in page
    assert "Who can see this" in page
    share(interview, researchers=False)
    client.force_login(cast.member)
    assert client.get(reverse("interview_detail", args=[interview.pk])).status_code == 404


def test_deleting_asks_for_the_password_again_first(client, cast):
    interview = interview_at(Status.TRANSCRIBED, interviewee=cast.owner)
    client.force_login(cast.owner)
    response = client.post(reverse("interview_delete", args=[interview.pk]))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert Interview.objects.filter(pk=interview.pk).exists()


def test_the_interviewee_deletes_her_interview_and_its_shares_end(client, cast):
    interview = interview_at(Status.TRANSCRIBED, interviewee=cast.owner)
    share(interview, researchers=False)
    sign_in_recently(client, cast.owner)
    page = client.get(reverse("interview_delete", args=[interview.pk])).text
    assert "The transcript is deleted, for good." in page
    client.post(reverse("interview_delete", args=[interview.pk]))
    assert not Interview.objects.exists()
    assert not Share.objects.current().exists()
    assert InterviewStep.objects.filter(interview_id=interview.pk).count() == 4


def test_the_interviewer_deletes_only_a_record_that_holds_none_of_her_words(client, cast):
    planned = interview_at(Status.CONSENT_RECORDED, interviewee=cast.owner)
    transcribed = interview_at(Status.TRANSCRIBED, interviewee=cast.owner)
    sign_in_recently(client, transcribed.interviewer)
    assert client.get(reverse("interview_delete", args=[transcribed.pk])).status_code == 404
    sign_in_recently(client, planned.interviewer)
    client.post(reverse("interview_delete", args=[planned.pk]))
    assert not Interview.objects.filter(pk=planned.pk).exists()


def test_the_admin_registers_no_interview_model():
    registered = set(admin.site._registry)
    own = {
        model
        for model in vars(interview_models).values()
        if isinstance(model, type) and getattr(model, "_meta", None)
    }
    assert not (registered & own)


def test_the_demo_has_an_interview_waiting_for_the_members_review():
    call_command("seed_demo", stdout=StringIO())
    interview = Interview.objects.get()
    assert interview.interviewer == User.objects.get(email="priya@example.org")
    assert interview.owner.has_role(Role.MEMBER)
    assert interview.status == Status.TRANSCRIBED
    assert interview.passages.count() > 3


def test_a_deactivated_interviewer_sees_nothing(client, cast):
    interviewer = UserFactory(roles=[Role.RESEARCHER])
    interview = interview_at(Status.PLANNED, interviewee=cast.owner, interviewer=interviewer)
    interviewer.is_active = False
    interviewer.save()
    assert not Interview.objects.visible_to(interviewer).filter(pk=interview.pk).exists()
