"""Deciding together: anyone in the group proposes; a secret ballot cannot be tied to a person,
whatever is read; results stay hidden until the close; a named ballot shows who chose what."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from people.models import Role
from proposals import services
from proposals.models import Ballot, NamedVote, Proposal, Voted
from tests.factories import UserFactory
from tests.proposals import propose


def test_a_member_can_propose_and_her_name_is_on_it(client, cast):
    client.force_login(cast.member)
    response = client.post(
        reverse("proposal_new"),
        {
            "question": "Which day suits?",
            "kind": "choice",
            "options": "Tuesday\nThursday",
            "electorate": "members",
            "secret": "yes",
            "results_hidden": "on",
            "days": "7",
        },
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert proposal.created_by == cast.member
    assert proposal.options == ["Tuesday", "Thursday"]
    assert proposal.secret


def test_a_secret_vote_cannot_be_tied_to_the_person_whatever_table_is_read(cast):
    proposal = propose(cast.member)
    voters = [UserFactory(display_name=f"Voter {n}") for n in range(3)]
    for person, choice in zip(voters, ["Yes", "No", "Yes"], strict=True):
        services.vote_cast(proposal=proposal, choice=choice, by=person)
    # Ballots: choices only; Voted: people only.
    ballot_columns = {field.column for field in Ballot._meta.concrete_fields}
    assert ballot_columns == {"id", "proposal_id", "choice", "ranking", "receipt_hash"}
    voted_columns = {field.column for field in Voted._meta.concrete_fields}
    assert voted_columns == {"id", "proposal_id", "person_id"}
    # No other table holds a person next to a choice of this proposal.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema='public'"
        )
        tables = [name for (name,) in cursor.fetchall()]
        for table in tables:
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608
            for row in cursor.fetchall():
                text = " ".join(map(str, row))
                for person in voters:
                    if str(person.pk) in text:
                        assert "Yes" not in text.split(), table
                        assert "No" not in text.split(), table
    assert Ballot.objects.filter(proposal=proposal).count() == 3


def test_the_order_of_ballots_on_disk_does_not_follow_the_order_of_voting(cast):
    proposal = propose(cast.member, kind=Proposal.Kind.CHOICE, options=[str(n) for n in range(12)])
    for number in range(12):
        services.vote_cast(proposal=proposal, choice=str(number), by=UserFactory())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT choice FROM proposals_ballot WHERE proposal_id = %s ORDER BY ctid",
            [proposal.pk],
        )
        on_disk = [choice for (choice,) in cursor.fetchall()]
    assert sorted(on_disk, key=int) == [str(n) for n in range(12)]
    assert on_disk != [str(n) for n in range(12)]  # 1 chance in 479 million of a false failure


def test_a_secret_vote_is_changed_only_with_the_receipt_its_browser_keeps(cast):
    proposal = propose(cast.member)
    voter = UserFactory()
    receipt = services.vote_cast(proposal=proposal, choice="Yes", by=voter)
    services.vote_cast(proposal=proposal, choice="No", by=voter, receipt=receipt)
    assert list(Ballot.objects.values_list("choice", flat=True)) == ["No"]
    with pytest.raises(ValidationError, match="only on the phone or computer"):
        services.vote_cast(proposal=proposal, choice="Yes", by=voter)
    assert Voted.objects.filter(person=voter).count() == 1


def test_results_are_hidden_until_the_close_and_a_named_ballot_then_shows_who(client, cast):
    proposal = propose(cast.member, secret=False)
    services.vote_cast(proposal=proposal, choice="Yes", by=cast.gp)
    client.force_login(cast.owner)
    url = reverse("proposal_detail", args=[proposal.pk])
    page = client.get(url).text
    assert "The results are shown when the vote closes." in page
    assert "1 person has voted" in page
    # Who may vote is shown by name; who chose what is not, until the close.
    assert cast.gp.display_name in page
    assert f"<td>{cast.gp.display_name}</td>" not in page
    Proposal.objects.filter(pk=proposal.pk).update(closes_at=timezone.now())
    page = client.get(url).text
    assert f"<td>{cast.gp.display_name}</td>" in page
    assert NamedVote.objects.get().choice == "Yes"


def test_a_members_only_vote_refuses_others_and_facilitators_close_with_a_reason(cast):
    proposal = propose(cast.member, electorate=Proposal.Electorate.MEMBERS)
    with pytest.raises(PermissionDenied):
        services.vote_cast(proposal=proposal, choice="Yes", by=cast.gp)
    member = UserFactory(roles=[Role.MEMBER])
    services.vote_cast(proposal=proposal, choice="Yes", by=member)
    with pytest.raises(PermissionDenied):
        services.proposal_set_status(proposal=proposal, status="closed", reason="x", by=member)
    services.proposal_set_status(
        proposal=proposal, status="closed", reason="We agreed at the meeting.", by=cast.facilitator
    )
    proposal.refresh_from_db()
    assert proposal.is_closed
    with pytest.raises(ValidationError, match="closed"):
        services.vote_cast(proposal=proposal, choice="No", by=UserFactory(roles=[Role.MEMBER]))


def test_voting_through_the_page_sets_a_receipt_only_this_browser_has(client, cast):
    proposal = propose(cast.member)
    client.force_login(cast.owner)
    url = reverse("proposal_detail", args=[proposal.pk])
    response = client.post(url, {"choice": "Yes"})
    assert response.status_code == 302
    assert f"ballot-{proposal.pk}" in response.cookies
    assert response.cookies[f"ballot-{proposal.pk}"]["httponly"]
    response = client.post(url, {"choice": "No"})
    assert list(Ballot.objects.values_list("choice", flat=True)) == ["No"]


def test_her_download_says_she_voted_and_her_choice_only_on_a_named_ballot(cast):
    from proposals.data_rights import KEPT_WITH_NOBODY, collect

    secret = propose(cast.member, question="Secret one?")
    named = propose(cast.member, question="Named one?", secret=False)
    services.vote_cast(proposal=secret, choice="No", by=cast.owner)
    services.vote_cast(proposal=named, choice="Abstain", by=cast.owner)
    (section,) = collect(cast.owner)
    choices = {vote["secret"]: vote["choice"] for vote in section.data["votes"]}
    assert choices == {True: None, False: "Abstain"}
    shown = [
        {f.label: f.text for f in entry.facts}["Your choice"]
        for entry in section.entries
        if entry.group == "votes"
    ]
    assert KEPT_WITH_NOBODY in shown
    # The questions are the member's words, not hers: only when they were asked.
    assert "Secret one?" not in repr(section.data)
    assert "Named one?" not in repr(section.data)
    assert "'No'" not in repr(section.data)


def test_everyone_who_may_vote_is_told_and_the_email_says_only_there_is_something_to_decide(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    from people.models import Notice

    with django_capture_on_commit_callbacks(execute=True):
        proposal = propose(
            cast.member,
            question="Should we stop asking GPs?",
            electorate=Proposal.Electorate.MEMBERS,
        )
    told = set(Notice.objects.values_list("person", flat=True))
    assert cast.owner.pk in told  # a member
    assert cast.gp.pk not in told  # not in the electorate
    assert cast.member.pk not in told  # she asked
    assert {message.subject for message in mailoutbox} == {"Your workspace: something to decide"}
    assert all("GPs" not in message.body for message in mailoutbox)
    assert Notice.objects.filter(url__endswith=f"{proposal.pk}/").count() == len(told)


def test_too_many_or_too_long_options_are_refused_with_what_was_typed_kept(client, cast):
    client.force_login(cast.member)
    form = {
        "question": "Which day suits?",
        "kind": "choice",
        "electorate": "group",
        "secret": "yes",
        "days": "7",
    }
    long_option = "Tuesday " + "x" * 300
    page = client.post(reverse("proposal_new"), {**form, "options": f"{long_option}\nThursday"})
    assert page.status_code == 200
    assert "Keep each option to 200 characters or fewer." in page.text
    assert "Which day suits?" in page.text
    many = "\n".join(f"Day {n}" for n in range(13))
    page = client.post(reverse("proposal_new"), {**form, "options": many})
    assert "Give at most 12 options." in page.text
    assert not Proposal.objects.exists()
