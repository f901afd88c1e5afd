"""What researchers write in the analysis (a passage's memo, a case's summary on a theme) goes
into the project's exports and downloads, which hold no names, and is read by the project's
other researchers, who know people only by their codes. A memo or a summary that names someone
in the group is not saved: the page says who it names and to write the code instead, and keeps
what was typed. Before, it was saved, and went out in the export's REFI-QDA project as it was."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from research.analysis.services import matrix_cell_save, passages_code
from research.analysis.spans import Span
from research.models import MatrixCell, Passage, ProjectItem, ResearchProject
from tests.factories_research import granted_note, made_export, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def analysed(cast):
    project = make_project(cast.researcher)
    granted_note(owner=cast.owner, title="", body="I felt safe today. Nobody rushed me.")
    made_export(project, cast.researcher, purpose="analysis")
    return project, ProjectItem.objects.get(project=project)


def test_a_memo_that_names_someone_is_not_saved_and_the_page_says_why(client, cast, analysed):
    project, item = analysed
    client.force_login(cast.researcher)
    memo = f"Like what {cast.owner.display_name} said at the last meeting."

    response = client.post(
        reverse("item_code", args=[project.pk, item.pk]),
        {"spans": ["0:18"], "themes": [project.themes.first().pk], "memo": memo},
    )

    assert response.status_code == 200
    page = response.text
    assert f"Your memo names {cast.owner.display_name}" in page
    assert "Write their code instead" in page
    assert memo in page  # what was typed is kept
    assert not Passage.objects.exists()


def test_a_summary_that_names_someone_is_not_saved_and_the_page_says_why(client, cast, analysed):
    project, item = analysed
    theme = project.themes.first()
    client.force_login(cast.researcher)
    summary = f"{cast.owner.display_name} feels safe with the GP."

    response = client.post(
        reverse("matrix_cell", args=[project.pk, item.pseudonym, theme.pk]), {"summary": summary}
    )

    assert response.status_code == 200
    assert f"Your summary names {cast.owner.display_name}" in response.text
    assert summary in response.text
    assert not MatrixCell.objects.exists()


def test_the_services_refuse_a_name_whoever_calls_them(cast, analysed):
    project, item = analysed
    theme = project.themes.first()
    named = f"{cast.gp.display_name} listened."
    with pytest.raises(ValidationError):
        passages_code(
            item=item, spans=[Span(0, 18)], themes=[theme], memo=named, by=cast.researcher
        )
    with pytest.raises(ValidationError):
        matrix_cell_save(
            project=project, case=item.pseudonym, theme=theme, summary=named, by=cast.researcher
        )


def test_a_code_an_everyday_word_and_her_own_name_are_fine(cast, analysed):
    project, item = analysed
    theme = project.themes.first()
    memo = f"{item.pseudonym} felt safe; I hope the GP keeps it so. {cast.researcher.display_name}"

    passages_code(item=item, spans=[Span(0, 18)], themes=[theme], memo=memo, by=cast.researcher)

    assert Passage.objects.get().memo == memo


def test_a_memo_saved_before_this_rule_goes_out_without_the_name(cast, analysed):
    import io
    import zipfile

    from tests.research.exports import zip_of

    project, item = analysed
    (passage,) = passages_code(
        item=item, spans=[Span(0, 18)], themes=[project.themes.first()], memo="", by=cast.researcher
    )
    # As one saved before the rule was: straight into the table.
    Passage.objects.filter(pk=passage.pk).update(memo=f"{cast.gp.display_name} listened.")

    export = made_export(project, cast.researcher)

    with zipfile.ZipFile(io.BytesIO(zip_of(export).read("project.qdpx"))) as inner:
        xml = inner.read("project.qde").decode()
    assert "listened." in xml
    assert cast.gp.display_name not in xml
    assert cast.gp.display_name.split()[-1] not in xml


def test_a_project_or_a_code_that_names_someone_is_not_saved_and_the_page_says_why(
    client, cast, analysed
):
    """A project's name and description and its codebook go into every REFI-QDA project it
    exports, as memos do."""
    project, _ = analysed
    name = cast.owner.display_name
    client.force_login(cast.researcher)

    started = client.post(
        reverse("project_create"), {"name": "Waiting rooms", "description": f"With {name}."}
    )
    settings = client.post(
        reverse("project_settings", args=[project.pk]),
        {"name": "Waiting rooms", "description": f"Started after {name} spoke."},
    )
    added = client.post(reverse("codebook", args=[project.pk]), {"name": f"{name}'s story"})
    theme = project.themes.first()
    edited = client.post(
        reverse("theme_edit", args=[project.pk, theme.pk]),
        {"name": theme.name, "description": f"As {name} put it."},
    )

    for response, what in [
        (started, "description"),
        (settings, "description"),
        (added, "name"),
        (edited, "description"),
    ]:
        assert response.status_code == 200
        assert f"names {name}" in response.text, what
        assert name in response.text  # what was typed is kept
    project.refresh_from_db()
    theme.refresh_from_db()
    assert name not in project.description
    assert name not in theme.description
    assert not project.themes.filter(name__contains=name).exists()
    assert ResearchProject.objects.count() == 1
