"""The Framework analysis: coding anonymised text, the matrix, and withdrawal."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

import pytest
from django.db.models.signals import post_save
from django.urls import reverse
from openpyxl import load_workbook

from consent import services as consent_services
from consent.models import ShareWithdrawal
from mentions import services as mention_services
from research.analysis.services import (
    matrix_cell_save,
    passages_code,
    project_items_purge_withdrawn,
)
from research.analysis.spans import Span
from research.models import MatrixCell, Passage, ProjectItem
from research.signals import purge_on_research_withdrawal
from tests.factories_research import granted_note, made_export, make_project
from tests.helpers import sign_in_recently

pytestmark = pytest.mark.django_db

TEXT = "I felt safe today. Nobody rushed me.\n\nThe reception was loud. I left early."


def analysed(cast, *bodies, owner=None):
    """A project with these notes (by the cast's owner) in its analysis."""
    project = make_project(cast.researcher)
    for body in bodies or (TEXT,):
        granted_note(owner=owner or cast.owner, title="", body=body)
    made_export(project, cast.researcher, purpose="analysis")
    return project


def test_items_added_to_the_analysis_keep_only_anonymised_text(cast):
    # The GP said yes to research use of passages about her: the sentence naming her goes.
    mention_services.research_choice_set(person=cast.gp, research_use=True)
    project = analysed(cast, "Olive Owner told Dr Gita Practitioner she felt safe.")
    item = ProjectItem.objects.get(project=project)
    assert item.text == f"{item.pseudonym} told GP1 she felt safe."
    assert item.replacement_counts == {"name → pseudonym": 2}
    assert item.role == "member"


def test_a_researcher_codes_chosen_sentences_with_several_codes_and_a_memo(client, cast):
    project = analysed(cast)
    item = ProjectItem.objects.get(project=project)
    safety = project.themes.get(name="Safety")
    voice = project.themes.get(name="Empowerment, voice and choice")
    client.force_login(cast.researcher)
    url = reverse("item_code", args=[project.pk, item.pk])
    page = client.get(url).content.decode()
    assert 'value="0:18"' in page  # "I felt safe today."
    assert 'value="19:36"' in page  # "Nobody rushed me."

    response = client.post(
        url,
        {"spans": ["0:18", "19:36"], "themes": [safety.pk, voice.pk], "memo": "Felt at ease."},
    )
    assert response.status_code == 302
    (passage,) = Passage.objects.all()
    assert (passage.start, passage.end, passage.memo) == (0, 36, "Felt at ease.")
    assert passage.quote == "I felt safe today. Nobody rushed me."
    assert set(passage.themes.all()) == {safety, voice}
    assert passage.created_by == cast.researcher
    page = client.get(url).content.decode()
    assert f'id="passage-{passage.pk}"' in page
    assert "Coded: Empowerment, voice and choice; Safety" in page


def test_sentences_apart_become_separate_passages_and_a_paragraph_is_one(client, cast):
    project = analysed(cast)
    item = ProjectItem.objects.get(project=project)
    theme = project.themes.first()
    client.force_login(cast.researcher)
    url = reverse("item_code", args=[project.pk, item.pk])
    client.post(url, {"spans": ["0:18", "38:61"], "themes": [theme.pk]})
    assert sorted(Passage.objects.values_list("start", "end")) == [(0, 18), (38, 61)]
    Passage.objects.all().delete()
    client.post(url, {"spans": ["38:75"], "themes": [theme.pk]})
    assert Passage.objects.get().quote == "The reception was loud. I left early."


def test_a_selection_is_coded_by_its_offsets_in_code_points(client, cast):
    project = analysed(cast, "A 🙂 day. It felt safe here.")
    item = ProjectItem.objects.get(project=project)
    start = item.text.index("felt safe")
    client.force_login(cast.researcher)
    client.post(
        reverse("item_code", args=[project.pk, item.pk]),
        {"start": start, "end": start + 9, "themes": [project.themes.first().pk]},
    )
    assert Passage.objects.get().quote == "felt safe"


def test_coding_needs_words_and_a_code_and_keeps_what_was_typed(client, cast):
    project = analysed(cast)
    item = ProjectItem.objects.get(project=project)
    client.force_login(cast.researcher)
    url = reverse("item_code", args=[project.pk, item.pk])
    body = client.post(url, {"themes": [project.themes.first().pk], "memo": "kept memo"})
    body = body.content.decode()
    assert "Choose the words to code" in body
    assert "kept memo" in body
    body = client.post(url, {"spans": ["0:18"]}).content.decode()
    assert "Choose at least one code." in body
    assert 'value="0:18" id="span-0-18" checked' in body
    body = client.post(url, {"start": 5, "end": 999, "themes": [project.themes.first().pk]})
    assert "Choose the words to code" in body.content.decode()
    assert not Passage.objects.exists()


def test_a_code_from_another_project_is_refused(client, cast):
    project = analysed(cast)
    other = make_project(cast.researcher)
    item = ProjectItem.objects.get(project=project)
    client.force_login(cast.researcher)
    response = client.post(
        reverse("item_code", args=[project.pk, item.pk]),
        {"spans": ["0:18"], "themes": [other.themes.first().pk]},
    )
    assert response.status_code == 200
    assert not Passage.objects.exists()


def test_a_coding_can_be_removed(client, cast):
    project = analysed(cast)
    item = ProjectItem.objects.get(project=project)
    (passage,) = passages_code(
        item=item, spans=[Span(0, 18)], themes=[project.themes.first()], memo="", by=cast.researcher
    )
    client.force_login(cast.researcher)
    client.post(reverse("passage_remove", args=[project.pk, passage.pk]))
    assert not Passage.objects.exists()


def coded_project(cast):
    """Two cases: the owner's note coded with Safety, the member's with Peer support."""
    project = make_project(cast.researcher)
    granted_note(owner=cast.owner, title="", body=TEXT)
    granted_note(owner=cast.member, title="", body="Others here get it. We help each other.")
    made_export(project, cast.researcher, purpose="analysis")
    safety = project.themes.get(name="Safety")
    peers = project.themes.get(name="Peer support")
    owner_item = ProjectItem.objects.get(project=project, text=TEXT)
    member_item = ProjectItem.objects.exclude(pk=owner_item.pk).get(project=project)
    passages_code(
        item=owner_item, spans=[Span(0, 18)], themes=[safety], memo="", by=cast.researcher
    )
    passages_code(
        item=member_item, spans=[Span(0, 18)], themes=[peers], memo="", by=cast.researcher
    )
    matrix_cell_save(
        project=project,
        case=owner_item.pseudonym,
        theme=safety,
        summary="Feels safe when not rushed.",
        by=cast.researcher,
    )
    matrix_cell_save(
        project=project,
        case=member_item.pseudonym,
        theme=peers,
        summary="Peers understand.",
        by=cast.researcher,
    )
    return project, owner_item, member_item


def test_the_matrix_shows_cases_by_themes_with_summaries_and_links(client, cast):
    project, owner_item, member_item = coded_project(cast)
    client.force_login(cast.researcher)
    body = client.get(reverse("matrix", args=[project.pk])).content.decode()
    assert "Feels safe when not rushed." in body
    assert "Peers understand." in body
    link = reverse("item_code", args=[project.pk, owner_item.pk]) + "#passage-"
    assert link in body
    assert "No coded passage has been removed" in body
    for theme in project.themes.all():
        assert theme.name in body
    assert body.index(f'<th scope="row">{min(owner_item.pseudonym, member_item.pseudonym)}')


def test_a_researcher_writes_a_summary_for_a_cell(client, cast):
    project, owner_item, _ = coded_project(cast)
    theme = project.themes.get(name="Collaboration and mutuality")
    client.force_login(cast.researcher)
    url = reverse("matrix_cell", args=[project.pk, owner_item.pseudonym, theme.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"summary": "  Decides with the GP.  "})
    cell = MatrixCell.objects.get(case=owner_item.pseudonym, theme=theme)
    assert (cell.summary, cell.updated_by) == ("Decides with the GP.", cast.researcher)
    missing = reverse("matrix_cell", args=[project.pk, "P99", theme.pk])
    assert client.get(missing).status_code == 404


class _Table(HTMLParser):
    """The matrix table's cells as text, leaving out the links to edit them and text only
    screen readers hear."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.cell: list[str] | None = None
        self.skipping: list[str] = []

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if self.skipping or "matrix__edit" in classes or "visually-hidden" in classes:
            self.skipping.append(tag)
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th") and self.rows:
            self.cell = []
        elif tag in ("p", "br") and self.cell:
            self.cell.append("\n")

    def handle_endtag(self, tag):
        if self.skipping:
            self.skipping.pop()
        elif tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None and not self.skipping:
            self.cell.append(data)


def page_table(body: str) -> list[list[str]]:
    parser = _Table()
    parser.feed(body[body.index('<table class="table matrix">') :])
    return [row for row in parser.rows if row]


def squashed(rows):
    return [[" ".join(str(value or "").split()) for value in row] for row in rows]


def test_the_matrix_files_match_what_the_page_shows(client, cast):
    project, owner_item, _ = coded_project(cast)
    MatrixCell.objects.filter(case=owner_item.pseudonym).update(needs_review=True)
    sign_in_recently(client, cast.researcher)
    table = page_table(client.get(reverse("matrix", args=[project.pk])).content.decode())
    assert len(table) == 3  # header and two cases
    assert any("Passages: reflective note of" in cell for cell in table[1] + table[2])

    response = client.get(reverse("matrix_download", args=[project.pk, "csv"]))
    assert response["Content-Type"].startswith("text/csv")
    from_csv = list(csv.reader(io.StringIO(response.content.decode())))
    assert squashed(from_csv) == table

    response = client.get(reverse("matrix_download", args=[project.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert squashed(sheet.iter_rows(values_only=True)) == table


def test_withdrawal_removes_an_item_s_passages_from_the_matrix_at_once(client, cast):
    project, owner_item, member_item = coded_project(cast)
    note_id = owner_item.item_id
    from reflections.models import ReflectiveNote

    consent_services.shares_withdraw_all(item=ReflectiveNote.objects.get(pk=note_id), by=cast.owner)

    owner_item.refresh_from_db()
    assert owner_item.text == ""
    assert owner_item.withdrawn_at is not None
    assert owner_item.passages_removed == 1
    assert not Passage.objects.filter(item=owner_item).exists()
    # The case has nothing left: its summaries go too.
    assert not MatrixCell.objects.filter(case=owner_item.pseudonym).exists()

    client.force_login(cast.researcher)
    body = client.get(reverse("matrix", args=[project.pk])).content.decode()
    assert "1 coded passage removed" in body
    assert f'<th scope="row">{owner_item.pseudonym}</th>' not in body
    assert f'<th scope="row">{member_item.pseudonym}</th>' in body
    assert client.get(reverse("item_code", args=[project.pk, owner_item.pk])).status_code == 404


def test_a_summary_that_may_draw_on_a_withdrawn_passage_is_marked_to_check(client, cast):
    project = make_project(cast.researcher)
    kept = granted_note(owner=cast.owner, title="", body="I felt safe today.")
    gone = granted_note(owner=cast.owner, title="", body="I felt unsafe once.")
    made_export(project, cast.researcher, purpose="analysis")
    safety = project.themes.get(name="Safety")
    for item in ProjectItem.objects.filter(project=project):
        passages_code(item=item, spans=[Span(0, 6)], themes=[safety], memo="", by=cast.researcher)
    case = ProjectItem.objects.filter(project=project).first().pseudonym
    matrix_cell_save(project=project, case=case, theme=safety, summary="Mixed.", by=cast.researcher)

    consent_services.shares_withdraw_all(item=gone, by=cast.owner)

    cell = MatrixCell.objects.get(case=case, theme=safety)
    assert cell.needs_review
    assert ProjectItem.objects.get(item_id=kept.pk).passages.count() == 1
    client.force_login(cast.researcher)
    body = client.get(reverse("matrix", args=[project.pk])).content.decode()
    assert "Check this summary: a passage it may draw on was withdrawn" in body
    assert "1 coded passage removed" in body


def test_the_grant_is_checked_when_reading_even_before_the_purge_runs(client, cast):
    project, owner_item, _ = coded_project(cast)
    from reflections.models import ReflectiveNote

    post_save.disconnect(sender=ShareWithdrawal, dispatch_uid="research.purge_on_withdrawal")
    try:
        consent_services.shares_withdraw_all(
            item=ReflectiveNote.objects.get(pk=owner_item.item_id), by=cast.owner
        )
    finally:
        post_save.connect(
            purge_on_research_withdrawal,
            sender=ShareWithdrawal,
            dispatch_uid="research.purge_on_withdrawal",
        )
    owner_item.refresh_from_db()
    assert owner_item.text  # not purged yet
    client.force_login(cast.researcher)
    body = client.get(reverse("matrix", args=[project.pk])).content.decode()
    assert "1 coded passage removed" in body
    assert "I felt safe today" not in body
    assert client.get(reverse("item_code", args=[project.pk, owner_item.pk])).status_code == 404
    detail = client.get(reverse("project_detail", args=[project.pk])).content.decode()
    assert reverse("item_code", args=[project.pk, owner_item.pk]) not in detail

    assert project_items_purge_withdrawn() == 1
    owner_item.refresh_from_db()
    assert owner_item.text == ""
    assert owner_item.passages_removed == 1


def test_adding_an_item_again_brings_its_text_up_to_date_and_keeps_the_coding(cast):
    project = make_project(cast.researcher)
    note = granted_note(owner=cast.owner, title="", body="I felt safe today. Karen was there.")
    made_export(project, cast.researcher, purpose="analysis")
    item = ProjectItem.objects.get(project=project)
    passages_code(
        item=item, spans=[Span(0, 18)], themes=[project.themes.first()], memo="", by=cast.researcher
    )
    passages_code(
        item=item,
        spans=[Span(19, 35)],
        themes=[project.themes.first()],
        memo="",
        by=cast.researcher,
    )
    note.body = "Before that, it was hard. I felt safe today."
    note.save()

    export = made_export(project, cast.researcher, purpose="analysis")

    item.refresh_from_db()
    assert item.text == "Before that, it was hard. I felt safe today."
    (passage,) = item.passages.all()
    assert passage.quote == "I felt safe today."
    assert export.passages_dropped == 1
    assert ProjectItem.objects.filter(project=project).count() == 1
