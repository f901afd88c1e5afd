"""Deciding together, after the vote and around it: a ranking counted by points, signed comments
before the close, what was decided on "You said, we did" with its actions, counts only in
research exports, comments in her data download and gone with her account."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.urls import reverse

from mentions.models import Mention
from people.models import Role
from proposals import services
from proposals.models import Comment, Proposal
from tests.factories import UserFactory
from tests.factories_meetings import MeetingFactory, in_days
from tests.factories_research import granted_note, made_export, make_project
from tests.proposals import propose

pytestmark = pytest.mark.django_db

OPTIONS = ["Library", "Community room", "Cafe"]


def ranking(by, **overrides):
    return propose(by, kind=Proposal.Kind.RANKING, options=OPTIONS, **overrides)


def closed(proposal, by):
    services.proposal_set_status(proposal=proposal, status="closed", reason="Time", by=by)
    proposal.refresh_from_db()
    return proposal


def test_a_ranking_gives_each_option_a_point_for_every_option_placed_below_it(cast):
    proposal = ranking(cast.member)
    voters = [UserFactory(roles=[Role.MEMBER]) for _ in range(3)]
    services.vote_cast(
        proposal=proposal, ranking=["Cafe", "Library", "Community room"], by=voters[0]
    )
    services.vote_cast(
        proposal=proposal, ranking=["Cafe", "Community room", "Library"], by=voters[1]
    )
    services.vote_cast(
        proposal=proposal, ranking=["Library", "Cafe", "Community room"], by=voters[2]
    )
    rows = {row.option: row for row in services.results(proposal)}
    assert {option: row.points for option, row in rows.items()} == {
        "Cafe": 5,
        "Library": 3,
        "Community room": 1,
    }
    assert {option: row.count for option, row in rows.items()} == {
        "Cafe": 2,
        "Library": 1,
        "Community room": 0,
    }
    assert [row.option for row in services.results(proposal)] == [
        "Cafe",
        "Library",
        "Community room",
    ]


def test_a_ranking_must_give_every_option_a_different_place(cast):
    proposal = ranking(cast.member)
    with pytest.raises(ValidationError):
        services.vote_cast(proposal=proposal, ranking=["Cafe", "Cafe", "Library"], by=cast.gp)
    with pytest.raises(ValidationError):
        services.vote_cast(proposal=proposal, ranking=["Cafe", "Library"], by=cast.gp)
    assert not proposal.voted.exists()


def test_ranking_on_the_page_works_without_javascript_and_a_repeated_place_is_explained(
    client, cast
):
    proposal = ranking(cast.member)
    client.force_login(cast.gp)
    url = reverse("proposal_detail", args=[proposal.pk])
    page = client.post(url, {"place_0": "1", "place_1": "1", "place_2": "3"}).text
    assert "Give every option a different place." in page
    assert not proposal.voted.exists()
    response = client.post(url, {"place_0": "2", "place_1": "3", "place_2": "1"})
    assert response.status_code == 302
    (ballot,) = proposal.ballots.all()
    assert ballot.ranking == ["Cafe", "Library", "Community room"]
    assert ballot.choice == "Cafe"


def test_a_comment_is_signed_and_read_by_the_group_and_closes_with_the_vote(client, cast):
    proposal = propose(cast.member)
    client.force_login(cast.gp)
    client.post(reverse("proposal_comment_add", args=[proposal.pk]), {"text": "Is it step-free?"})
    client.force_login(cast.member)
    page = client.get(reverse("proposal_detail", args=[proposal.pk])).text
    assert "Is it step-free?" in page
    assert cast.gp.display_name in page
    closed(proposal, cast.facilitator)
    with pytest.raises(ValidationError):
        services.comment_add(proposal=proposal, text="Too late", by=cast.member)


def test_a_comment_too_long_is_refused_and_what_was_typed_stays_in_the_box(client, cast):
    proposal = propose(cast.member)
    client.force_login(cast.gp)
    typed = "word " * 300
    page = client.post(reverse("proposal_comment_add", args=[proposal.pk]), {"text": typed}).text
    assert "There is a problem" in page
    assert typed.strip() in page
    assert not Comment.objects.exists()


def test_a_comment_naming_someone_waits_for_her_answer_before_others_read_her_name(client, cast):
    ruth = UserFactory(display_name="Ruth Example", roles=[Role.MEMBER])
    proposal = propose(cast.member)
    services.comment_add(proposal=proposal, text="Ruth Example said the cafe is loud.", by=cast.gp)
    mention = Mention.objects.get(owner=ruth)
    assert mention.state == Mention.State.PENDING
    client.force_login(cast.member)
    page = client.get(reverse("proposal_detail", args=[proposal.pk])).text
    assert "Ruth Example" not in page.split("Who can vote")[0] + page.split("Comments")[1]


def test_only_its_writer_deletes_a_comment_after_seeing_it_once_more(client, cast):
    proposal = propose(cast.member)
    comment = services.comment_add(proposal=proposal, text="My comment", by=cast.gp)
    url = reverse("proposal_comment_delete", args=[proposal.pk, comment.pk])
    client.force_login(cast.member)
    assert client.post(url).status_code == 404
    client.force_login(cast.gp)
    assert "My comment" in client.get(url).text
    client.post(url)
    assert not Comment.objects.exists()


def test_what_was_decided_by_a_vote_is_on_you_said_we_did_with_its_actions_and_meeting(
    client, cast
):
    meeting = MeetingFactory(starts_at=in_days(3), ends_at=in_days(3, hour=20))
    proposal = propose(cast.member, meeting=meeting)
    services.vote_cast(proposal=proposal, choice="Yes", by=cast.gp)
    with pytest.raises(ValidationError):
        services.outcome_record(
            proposal=proposal, decision="Early", outcome="", by=cast.facilitator
        )
    closed(proposal, cast.facilitator)
    client.force_login(cast.facilitator)
    outcome_url = reverse("proposal_outcome", args=[proposal.pk])
    # The form starts from the result.
    assert "Yes (1 of 1 votes)" in client.get(outcome_url).text
    client.post(
        outcome_url,
        {"form": "outcome", "decision": "We meet in the library.", "outcome": "Booked."},
    )
    client.post(
        outcome_url,
        {"form": "action", "description": "Book the room", "who": "Faye", "due_on": ""},
    )
    action = proposal.actions.get()
    client.post(outcome_url, {"form": "status", "action": str(action.pk), "status": "done"})
    client.force_login(cast.member)
    page = client.get(reverse("you_said_we_did")).text
    assert "Decided by a vote" in page
    assert "We meet in the library." in page
    assert "Booked." in page
    assert "Book the room" in page
    assert "Done" in page
    assert reverse("meeting_detail", args=[meeting.pk]) in page
    assert reverse("proposal_detail", args=[proposal.pk]) in page


def test_a_research_export_holds_a_vote_only_as_counts(cast):
    proposal = propose(cast.member, question="Should Ruth Example chair?", secret=False)
    services.vote_cast(proposal=proposal, choice="Yes", by=cast.gp)
    services.vote_cast(proposal=proposal, choice="No", by=cast.owner)
    other = propose(
        cast.member, kind=Proposal.Kind.CHOICE, options=["Tuesday at Acacia House", "Thursday"]
    )
    services.vote_cast(proposal=other, choice="Thursday", by=cast.gp)
    closed(proposal, cast.facilitator)
    closed(other, cast.facilitator)
    project = make_project(cast.researcher)
    granted_note(owner=cast.owner)
    export = made_export(project, cast.researcher)
    with default_storage.open(export.file_name, "rb") as stored:
        archive = zipfile.ZipFile(io.BytesIO(stored.read()))
    text = archive.read("proposals.csv").decode()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [(row["option"], row["votes"]) for row in rows if row["proposal"] == "V1"] == [
        ("Yes", "1"),
        ("No", "1"),
        ("Abstain", "0"),
    ]
    assert [(row["option"], row["votes"]) for row in rows if row["proposal"] == "V2"] == [
        ("Option 1", "0"),
        ("Option 2", "1"),
    ]
    for words in ("Ruth", "chair", "Acacia", "Thursday", cast.gp.display_name):
        assert words not in text
    assert "proposals.csv" in archive.read("README.txt").decode()


def test_her_comments_are_in_her_download_and_go_with_her_account(cast):
    from datarights.erasure import account_erase
    from datarights.services import deletion_request
    from proposals.data_rights import collect

    proposal = propose(cast.member)
    services.comment_add(proposal=proposal, text="I prefer evenings.", by=cast.gp)
    (section,) = collect(cast.gp)
    assert section.data["comments"][0]["comment"] == "I prefer evenings."
    departure = deletion_request(person=cast.gp)
    assert account_erase(departure=departure, now=departure.erase_after)
    assert not Comment.objects.exists()


def test_the_notice_of_a_new_proposal_does_not_carry_its_question(cast):
    from people.models import Notice

    propose(cast.member, question="Should Ruth Example chair?")
    assert Notice.objects.exists()
    assert not Notice.objects.filter(text__contains="Ruth").exists()


NAMING = "Ruth Example said the cafe is loud."
SAYS_WHO = "This names Ruth Example. They will be asked before anyone else reads those"


@pytest.fixture
def ruth():
    return UserFactory(display_name="Ruth Example", roles=[Role.MEMBER])


def test_a_proposal_naming_someone_says_so_before_it_is_saved_and_keeps_what_was_typed(
    client, cast, ruth
):
    client.force_login(cast.member)
    typed = {
        "question": "Should we stop meeting in the cafe?",
        "details": NAMING,
        "kind": "yes_no",
        "electorate": "group",
        "secret": "yes",
        "days": "7",
    }
    first = client.post(reverse("proposal_new"), typed)
    assert first.status_code == 200
    assert SAYS_WHO in first.text
    assert NAMING in first.text
    assert not Proposal.objects.exists()
    assert not Mention.objects.exists()
    fingerprint = first.context["names_notice"].fingerprint
    second = client.post(reverse("proposal_new"), {**typed, "names_seen": fingerprint})
    assert second.status_code == 302
    assert Mention.objects.get(owner=ruth).state == Mention.State.PENDING


def test_a_comment_naming_someone_says_so_before_it_is_saved_and_keeps_what_was_typed(
    client, cast, ruth
):
    proposal = propose(cast.member)
    url = reverse("proposal_comment_add", args=[proposal.pk])
    client.force_login(cast.gp)
    first = client.post(url, {"text": NAMING})
    assert first.status_code == 200
    assert SAYS_WHO in first.text
    assert NAMING in first.text
    assert not Comment.objects.exists()
    second = client.post(
        url, {"text": NAMING, "names_seen": first.context["names_notice"].fingerprint}
    )
    assert second.status_code == 302
    assert Mention.objects.get(owner=ruth).state == Mention.State.PENDING


@pytest.mark.parametrize(
    ("form", "typed"),
    [
        ("outcome", {"decision": NAMING, "outcome": ""}),
        ("action", {"description": NAMING, "who": "", "due_on": ""}),
    ],
)
def test_what_was_decided_or_an_action_naming_someone_says_so_before_it_is_saved(
    client, cast, ruth, form, typed
):
    proposal = closed(propose(cast.member), cast.facilitator)
    url = reverse("proposal_outcome", args=[proposal.pk])
    client.force_login(cast.facilitator)
    first = client.post(url, {"form": form, **typed})
    assert first.status_code == 200
    assert SAYS_WHO in first.text
    assert NAMING in first.text
    assert not Mention.objects.exists()
    fingerprint = first.context["names_notice"].fingerprint
    second = client.post(url, {"form": form, **typed, "names_seen": fingerprint})
    assert second.status_code == 302
    assert Mention.objects.get(owner=ruth).state == Mention.State.PENDING


def test_saving_what_was_decided_again_does_not_ask_again_about_sentences_already_asked(
    client, cast, ruth
):
    proposal = closed(propose(cast.member), cast.facilitator)
    services.outcome_record(proposal=proposal, decision=NAMING, outcome="", by=cast.facilitator)
    client.force_login(cast.facilitator)
    response = client.post(
        reverse("proposal_outcome", args=[proposal.pk]),
        {"form": "outcome", "decision": NAMING, "outcome": "Booked the library."},
    )
    assert response.status_code == 302
    assert Mention.objects.get(owner=ruth).state == Mention.State.PENDING
