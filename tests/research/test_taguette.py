"""Taguette imports a codebook only as CSV and each document as a file: the export holds both,
as its importer (taguette/import_codebook.py) reads them."""

from __future__ import annotations

import csv
import io
import zipfile

from django.core.files.storage import default_storage

from research.analysis.services import theme_add
from tests.factories_research import granted_note, made_export, make_project


def _zip(export) -> zipfile.ZipFile:
    with default_storage.open(export.file_name) as stored:
        return zipfile.ZipFile(io.BytesIO(stored.read()))


def test_the_codebook_csv_has_the_columns_taguette_reads_and_every_code(cast):
    project = make_project(cast.researcher)
    safety = project.themes.get(name="Safety")
    theme_add(
        project=project,
        name="The waiting room",
        description="Where we wait.",
        parent=safety,
        by=cast.researcher,
    )
    granted_note(owner=cast.owner, title="", body="I felt safe.")
    archive = _zip(made_export(project, cast.researcher))
    rows = list(csv.reader(io.StringIO(archive.read("taguette/codebook.csv").decode("utf-8"))))
    header = [cell.lower() for cell in rows[0]]
    # Exactly one of the columns Taguette takes a tag from, and a description.
    assert sum(name in header for name in ("tag", "name", "path")) == 1
    assert "description" in header
    tags = {row[header.index("tag")]: row[header.index("description")] for row in rows[1:]}
    assert tags["Safety.The waiting room"] == "Where we wait."
    assert set(tags) >= {theme.name for theme in project.themes.filter(parent=None)}


def test_each_text_is_a_document_taguette_can_add(cast):
    project = make_project(cast.researcher)
    granted_note(owner=cast.owner, title="", body="I felt safe.")
    granted_note(owner=cast.member, title="", body="The room was quiet.")
    archive = _zip(made_export(project, cast.researcher))
    documents = [name for name in archive.namelist() if name.startswith("taguette/documents/")]
    assert len(documents) == 2
    texts = sorted(archive.read(name).decode("utf-8") for name in documents)
    assert texts == ["I felt safe.", "The room was quiet."]
    assert all(name.endswith(".txt") for name in documents)
