"""Saying more may be shown of a passage about her, or that passages about her may go into
research, widens her consent: as with sharing, her password is asked first if she signed in a
while ago (a phone someone else picked up while she was signed in must not say yes for her).
Taking her name or a passage out, or saying no, never waits."""

from __future__ import annotations

import pytest
from django.urls import reverse

from mentions import services
from mentions.models import Mention, ResearchChoice
from people.models import Role
from tests.factories import UserFactory
from tests.factories_meetings import minutes_written
from tests.helpers import sign_in_recently

pytestmark = pytest.mark.django_db


@pytest.fixture
def ruth():
    return UserFactory(display_name="Ruth", roles=[Role.MEMBER])


@pytest.fixture
def mention(ruth):
    minutes_written("We met. Ruth talked about her housing.")
    return Mention.objects.get(owner=ruth)


def answer(client, mention, state):
    return client.post(reverse("mention_detail", args=[mention.pk]), {"answer": state})


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (Mention.State.PENDING, Mention.State.FINE),
        (Mention.State.NAME_OUT, Mention.State.FINE),
        (Mention.State.PASSAGE_OUT, Mention.State.NAME_OUT),
    ],
)
def test_showing_more_of_a_passage_about_her_asks_for_her_password_first(
    client, ruth, mention, before, after
):
    if before != Mention.State.PENDING:
        services.mention_answer(mention=mention, state=before, by=ruth)
    client.force_login(ruth)  # signed in a while ago

    response = answer(client, mention, after)

    assert response["Location"].startswith(reverse("account_reauthenticate"))
    mention.refresh_from_db()
    assert mention.state == before


@pytest.mark.parametrize(
    "after", [Mention.State.NAME_OUT, Mention.State.PASSAGE_OUT], ids=["name out", "passage out"]
)
def test_showing_less_never_waits(client, ruth, mention, after):
    client.force_login(ruth)

    response = answer(client, mention, after)

    assert response["Location"] == reverse("mentions_mine")
    mention.refresh_from_db()
    assert mention.state == after


def test_with_her_password_just_given_her_answer_is_saved(client, ruth, mention):
    sign_in_recently(client, ruth)

    assert answer(client, mention, Mention.State.FINE)["Location"] == reverse("mentions_mine")
    mention.refresh_from_db()
    assert mention.state == Mention.State.FINE


def test_saying_yes_to_research_asks_for_her_password_and_no_never_waits(client, ruth):
    client.force_login(ruth)
    url = reverse("mentions_mine")

    response = client.post(url, {"research_use": "yes"})

    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not ResearchChoice.objects.filter(person=ruth, research_use=True).exists()
    assert client.post(url, {"research_use": "no"})["Location"] == url
    sign_in_recently(client, ruth)
    assert client.post(url, {"research_use": "yes"})["Location"] == url
    assert ResearchChoice.objects.get(person=ruth).research_use
