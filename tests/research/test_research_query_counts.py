"""The preview, project and matrix pages make the same number of queries for a few items and
for many."""

from __future__ import annotations

import pytest
from django.urls import reverse

from research.analysis.services import matrix_cell_save, passages_code
from research.analysis.spans import Span
from research.models import ProjectItem
from tests.factories import UserFactory
from tests.factories_research import draft_export, granted_note, made_export, make_project

pytestmark = pytest.mark.django_db


def grant_notes(count: int) -> None:
    for _ in range(count):
        granted_note(owner=UserFactory(), title="", body="I felt safe today. Karen was kind.")


def code_everything(project, researcher) -> None:
    safety, peers = project.themes.all()[:2]
    for item in ProjectItem.objects.filter(project=project, passages__isnull=True):
        passages_code(
            item=item, spans=[Span(0, 18)], themes=[safety, peers], memo="", by=researcher
        )
        matrix_cell_save(
            project=project, case=item.pseudonym, theme=safety, summary="Safe.", by=researcher
        )


def queries_for(client, url, django_assert_max_num_queries, limit=40) -> int:
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_the_preview_makes_the_same_queries_for_few_and_many_items(
    client, cast, django_assert_max_num_queries
):
    project = make_project(cast.researcher)
    client.force_login(cast.researcher)
    grant_notes(3)
    few = draft_export(project, cast.researcher)
    grant_notes(45)
    many = draft_export(project, cast.researcher)
    assert many.progress_total == 48
    count = queries_for(
        client, reverse("export_preview", args=[few.pk]), django_assert_max_num_queries
    )
    assert (
        queries_for(
            client, reverse("export_preview", args=[many.pk]), django_assert_max_num_queries
        )
        == count
    )
    page_two = reverse("export_preview", args=[many.pk]) + "?page=2"
    assert queries_for(client, page_two, django_assert_max_num_queries) == count


def test_the_project_page_makes_the_same_queries_for_few_and_many_items(
    client, cast, django_assert_max_num_queries
):
    project = make_project(cast.researcher)
    client.force_login(cast.researcher)
    url = reverse("project_detail", args=[project.pk])
    grant_notes(3)
    made_export(project, cast.researcher, purpose="analysis")
    code_everything(project, cast.researcher)
    count = queries_for(client, url, django_assert_max_num_queries)
    grant_notes(40)
    made_export(project, cast.researcher, purpose="analysis")
    made_export(project, cast.researcher)
    code_everything(project, cast.researcher)
    assert ProjectItem.objects.filter(project=project).count() == 43
    assert queries_for(client, url, django_assert_max_num_queries) == count


def test_the_matrix_page_makes_the_same_queries_for_few_and_many_cases(
    client, cast, django_assert_max_num_queries
):
    project = make_project(cast.researcher)
    client.force_login(cast.researcher)
    url = reverse("matrix", args=[project.pk])
    grant_notes(2)
    made_export(project, cast.researcher, purpose="analysis")
    code_everything(project, cast.researcher)
    count = queries_for(client, url, django_assert_max_num_queries)
    grant_notes(25)
    made_export(project, cast.researcher, purpose="analysis")
    code_everything(project, cast.researcher)
    project.themes.create(name="Another theme", position=9)
    body = client.get(url).content.decode()
    # 27 cases: a page of 25 (test_the_matrix_comes_a_page_of_cases_at_a_time... has the rest).
    assert body.count('<th scope="row">') == 25
    assert queries_for(client, url, django_assert_max_num_queries) == count


def test_the_coding_page_makes_the_same_queries_for_few_and_many_passages(
    client, cast, django_assert_max_num_queries
):
    project = make_project(cast.researcher)
    granted_note(owner=cast.owner, title="", body=" ".join(["I felt safe."] * 40))
    made_export(project, cast.researcher, purpose="analysis")
    item = ProjectItem.objects.get(project=project)
    theme = project.themes.first()
    client.force_login(cast.researcher)
    url = reverse("item_code", args=[project.pk, item.pk])
    passages_code(item=item, spans=[Span(0, 12)], themes=[theme], memo="", by=cast.researcher)
    count = queries_for(client, url, django_assert_max_num_queries)
    spans = [Span(13 * index, 13 * index + 12) for index in range(1, 30)]
    passages_code(item=item, spans=spans, themes=[theme], memo="", by=cast.researcher)
    assert queries_for(client, url, django_assert_max_num_queries) == count


def test_the_matrix_comes_a_page_of_cases_at_a_time_and_a_cell_reads_only_its_case(
    client, cast, django_assert_max_num_queries
):
    from research.analysis.views import CASES_PER_PAGE

    project = make_project(cast.researcher)
    client.force_login(cast.researcher)
    grant_notes(CASES_PER_PAGE + 2)
    made_export(project, cast.researcher, purpose="analysis")
    code_everything(project, cast.researcher)
    url = reverse("matrix", args=[project.pk])
    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()
    assert first.count('<th scope="row">') == CASES_PER_PAGE
    assert second.count('<th scope="row">') == 2
    assert "?page=2" in first

    # A cell's page reads the passages of its own case, not the whole matrix's.
    case = ProjectItem.objects.filter(project=project).values_list("pseudonym", flat=True)[0]
    theme = project.themes.first()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("matrix_cell", args=[project.pk, case, theme.pk]))
    assert page.status_code == 200
    passage_reads = [q["sql"] for q in queries if '"research_passage_themes"' in q["sql"]]
    assert passage_reads
    # The items named are the case's own (one here), not all 27 of the project.
    assert max(sql.count("::uuid") for sql in passage_reads) < 5
