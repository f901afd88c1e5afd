"""The demo group has a research project to explore: anonymised items, coding, a matrix."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from consent.models import AccessEvent
from people.models import User
from research.analysis.matrix import build_matrix
from research.models import MatrixCell, Passage, ProjectItem, ResearchProject

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_project_with_coded_passages_and_matrix_cells(client):
    call_command("seed_demo", stdout=StringIO())
    project = ResearchProject.objects.get()
    priya = User.objects.get(email="priya@example.org")
    assert set(project.researchers.values_list("email", flat=True)) == {
        "priya@example.org",
        "lee@example.org",
    }
    items = list(ProjectItem.objects.in_analysis().filter(project=project))
    assert len(items) >= 2
    for item in items:
        for name in ("Ruth", "Shell", "Sample", "Northgate", "Priya"):
            assert name not in item.text, name
    assert Passage.objects.filter(item__project=project).count() >= 3
    assert MatrixCell.objects.filter(project=project).count() >= 2
    matrix = build_matrix(project)
    assert any(cell.summary and cell.passages for row in matrix.rows for cell in row.cells)
    assert AccessEvent.objects.filter(how="exported", viewer=priya).exists()

    client.force_login(priya)
    assert client.get(reverse("matrix", args=[project.pk])).status_code == 200
