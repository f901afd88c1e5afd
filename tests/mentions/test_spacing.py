"""A passage is found by its words, whatever their spacing: a writer who changes only the
spaces in a sentence (two spaces, a tab, a non-breaking space) has not changed the passage, so
it keeps its answer, and what readers and research are shown of it follows that answer. Before,
the answer was kept but the passage was looked for as first typed: a passage taken out was shown
again, with her name, to everyone, and went to research."""

from __future__ import annotations

import pytest
from django.urls import reverse

from meetings.minutes import services as minutes_services
from mentions import services as mention_services
from mentions.models import Mention
from people.models import Role
from tests.factories import UserFactory
from tests.factories_meetings import minutes_written
from tests.factories_research import made_export, make_project
from tests.helpers import share
from tests.research.exports import csv_rows, zip_of

pytestmark = pytest.mark.django_db

SPACED = [
    "Ruth talked about  her housing.",
    "Ruth talked\tabout her housing.",
    "Ruth talked\xa0about her housing.",
]


@pytest.fixture
def ruth():
    return UserFactory(display_name="Ruth", roles=[Role.MEMBER])


@pytest.fixture
def minutes(ruth):
    minutes = minutes_written("We met. Ruth talked about her housing. We ate.")
    mention_services.mention_answer(
        mention=Mention.objects.get(owner=ruth), state=Mention.State.PASSAGE_OUT, by=ruth
    )
    return minutes


def respaced(minutes, sentence):
    return minutes_services.minutes_update(
        minutes=minutes, body=f"We met. {sentence} We ate.", by=minutes.owner
    )


@pytest.mark.parametrize("sentence", SPACED, ids=["two spaces", "a tab", "a non-breaking space"])
def test_a_passage_taken_out_stays_out_when_only_its_spacing_changes(
    client, cast, minutes, sentence
):
    respaced(minutes, sentence)

    client.force_login(cast.member)
    page = client.get(reverse("minutes_detail", args=[minutes.pk])).text
    assert "housing" not in page
    assert "We ate." in page
    assert Mention.objects.get(gone_at__isnull=True).sentence == sentence


@pytest.mark.parametrize("sentence", SPACED, ids=["two spaces", "a tab", "a non-breaking space"])
def test_research_never_takes_a_passage_taken_out_whose_spacing_changed(
    cast, ruth, minutes, sentence
):
    mention_services.research_choice_set(person=ruth, research_use=True)
    respaced(minutes, sentence)
    share(minutes, research_use=True)

    export = made_export(make_project(cast.researcher), cast.researcher, kinds=("minutes",))

    (text,) = [row["text"] for row in csv_rows(zip_of(export))]
    assert "housing" not in text
    assert "We ate." in text


def test_a_mention_left_out_of_step_before_is_put_right_by_the_migration(client, cast, minutes):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("mentions.migrations.0002_sentences_as_written")
    respaced(minutes, "Ruth talked about  her housing.")
    Mention.objects.update(sentence="Ruth talked about her housing.")  # as the old code left it

    migration.sentences_as_written(apps, None)

    assert Mention.objects.get().sentence == "Ruth talked about  her housing."
    client.force_login(cast.member)
    assert "housing" not in client.get(reverse("minutes_detail", args=[minutes.pk])).text


@pytest.mark.parametrize(
    "now", ["Ruth talked about  her housing.", ""], ids=["spaced anew", "taken away"]
)
def test_an_edit_to_a_passage_taken_out_deletes_no_export_file_and_tells_no_researcher(
    cast, ruth, django_capture_on_commit_callbacks, now
):
    mention_services.research_choice_set(person=ruth, research_use=True)
    body = "Ruth made the tea. {} We ate."
    shown = minutes_written(body.format("Ruth talked about her housing."), days_ago=3)
    mention_services.mention_answer(
        mention=Mention.objects.get(sentence__contains="housing"),
        state=Mention.State.PASSAGE_OUT,
        by=ruth,
    )
    share(shown, research_use=True)
    export = made_export(make_project(cast.researcher), cast.researcher, kinds=("minutes",))
    assert any("made the tea" in row["text"] for row in csv_rows(zip_of(export)))

    with django_capture_on_commit_callbacks(execute=True):
        minutes_services.minutes_update(minutes=shown, body=body.format(now), by=shown.owner)

    export.refresh_from_db()
    assert export.file_name
    assert not cast.researcher.notices.exists()
