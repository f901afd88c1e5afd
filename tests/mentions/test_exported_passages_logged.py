"""A passage that names her and goes into a research export (she said yes to research use of
passages about her) is in her "Who has seen my things", as each read of it in the workspace is:
the README promises "each time someone read a passage naming you". So is a researcher reading
it in an export's preview or in the analysis. Before, only the owner of the minutes was told;
the person they named was not."""

from __future__ import annotations

import pytest
from django.urls import reverse

from consent.models import AccessEvent
from mentions import services
from mentions.models import Mention
from people.models import Role
from tests.factories import UserFactory
from tests.factories_meetings import minutes_written
from tests.factories_research import draft_export, made_export, make_project
from tests.helpers import share, sign_in_recently

pytestmark = pytest.mark.django_db


@pytest.fixture
def ruth():
    person = UserFactory(display_name="Ruth", roles=[Role.MEMBER])
    services.research_choice_set(person=person, research_use=True)
    return person


def minutes_saying(body, *, days_ago=2):
    minutes = minutes_written(body, days_ago=days_ago)
    share(minutes, research_use=True)
    return minutes


def exported_by(cast, purpose="file"):
    project = make_project(cast.researcher)
    return made_export(project, cast.researcher, kinds=("minutes",), purpose=purpose)


@pytest.mark.parametrize("purpose", ["file", "analysis"])
def test_an_export_holding_a_passage_about_her_is_in_her_record(client, cast, ruth, purpose):
    minutes_saying("We met. Ruth made the tea.")

    export = exported_by(cast, purpose)

    (event,) = AccessEvent.objects.filter(owner=ruth)
    assert event.item_kind == "mention"
    assert event.item_id == Mention.objects.get(owner=ruth).pk
    assert (event.viewer, event.how) == (cast.researcher, AccessEvent.How.EXPORTED)
    assert event.reference == str(export.id)
    client.force_login(ruth)
    page = client.get(reverse("seen")).text
    assert "included it in a research export" in page


def test_a_passage_that_stayed_out_of_the_export_is_not_in_her_record(cast, ruth):
    ann = UserFactory(display_name="Annika", roles=[Role.MEMBER])  # never said yes
    minutes_saying("We met. Ruth made the tea.", days_ago=3)
    minutes_saying("We met. Ruth and Annika talked about rent.")
    services.mention_answer(
        mention=Mention.objects.get(owner=ruth, sentence="Ruth made the tea."),
        state=Mention.State.PASSAGE_OUT,
        by=ruth,
    )

    exported_by(cast)

    assert not AccessEvent.objects.filter(owner__in=[ruth, ann]).exists()


def test_a_researcher_reading_it_in_a_preview_the_analysis_or_a_download_is_in_her_record(
    client, cast, ruth
):
    from research.analysis.models import ProjectItem

    minutes_saying("We met. Ruth made the tea.")
    project = make_project(cast.researcher)
    draft = draft_export(project, cast.researcher, kinds=("minutes",))
    sign_in_recently(client, cast.researcher)

    assert "made the tea" in client.get(reverse("export_preview", args=[draft.pk])).text
    made_export(project, cast.researcher, kinds=("minutes",), purpose="analysis")
    item = ProjectItem.objects.get()
    assert "made the tea" in client.get(reverse("item_code", args=[project.pk, item.pk])).text
    made = made_export(project, cast.researcher, kinds=("minutes",))
    assert client.get(reverse("export_download", args=[made.pk])).status_code == 200

    read = AccessEvent.objects.filter(owner=ruth, item_kind="mention", viewer=cast.researcher)
    assert set(read.values_list("how", flat=True)) == {
        AccessEvent.How.VIEWED,  # the preview
        AccessEvent.How.EXPORTED,  # into the analysis
        AccessEvent.How.ANALYSED,  # its page in the project
        AccessEvent.How.DOWNLOADED,  # the file
    }
