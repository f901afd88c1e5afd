"""One newline convention: text is stored with \\n breaks, exports count code points over it,
and a coded passage lands on the same words in a tool that reads the source as QualCoder does."""

from __future__ import annotations

import importlib
import io
import zipfile
from xml.etree import ElementTree

import pytest
from django.apps import apps
from django.urls import reverse

from reflections.models import ReflectiveNote
from research.analysis.services import passages_code
from research.analysis.spans import Span
from research.models import Passage, ProjectItem
from research.refi_qda import validate_qdpx
from tests.factories_items import NoteFactory
from tests.factories_research import draft_export, granted_note, make_project
from tests.helpers import share

NS = {"q": "urn:QDA-XML:project:1.0"}
MIGRATION = importlib.import_module("research.migrations.0004_one_newline")

# Line breaks as browsers send them, an emoji (two UTF-16 units), a combining accent, a tab.
BODY = (
    "First line.\r\nThe idea was good.\r\n\r\nShe smiled 😊 at me.\r\n"
    "Cafe\u0301 talk\twas calm.\r\nNext time I will ask."
)
WANTED = [
    "idea was good.",
    "smiled 😊 at me.",
    "Cafe\u0301 talk\twas calm.",
    "Next time I will ask.",
]


def test_a_note_typed_in_a_browser_is_stored_with_one_character_per_line_break(client, cast):
    client.force_login(cast.owner)
    client.post(reverse("note_create"), {"title": "", "body": "One.\r\nTwo.\rThree."})
    assert ReflectiveNote.objects.get().body == "One.\nTwo.\nThree."


def _coded_export(cast):
    project = make_project(cast.researcher)
    note = NoteFactory(owner=cast.owner, title="", body=BODY)
    share(note, research_use=True)
    from tests.factories_research import made_export

    made_export(project, cast.researcher, purpose="analysis")
    item = ProjectItem.objects.get(project=project)
    theme = project.themes.get(name="Safety")
    for words in WANTED:
        start = item.text.index(words)
        passages_code(
            item=item,
            spans=[Span(start, start + len(words))],
            themes=[theme],
            memo="",
            by=cast.researcher,
        )
    export = draft_export(project, cast.researcher)
    from research.exports.services import export_start

    export_start(export=export, by=cast.researcher)
    export.refresh_from_db()
    return export


def test_coded_passages_land_on_the_same_words_when_read_with_universal_newlines(cast, tmp_path):
    from django.core.files.storage import default_storage

    export = _coded_export(cast)
    with default_storage.open(export.file_name) as stored:
        outer = zipfile.ZipFile(io.BytesIO(stored.read()))
    qdpx = outer.read("project.qdpx")
    validate_qdpx(io.BytesIO(qdpx))
    inner = zipfile.ZipFile(io.BytesIO(qdpx))
    root = ElementTree.fromstring(inner.read("project.qde"))  # noqa: S314 (our own file)
    source = root.find(".//q:TextSource", NS)
    path = source.get("plainTextPath").removeprefix("internal://")
    (tmp_path / "source.txt").write_bytes(inner.read(f"sources/{path}"))
    # As QualCoder reads it: text mode, universal newlines, code points.
    with open(tmp_path / "source.txt", encoding="utf-8") as read_back:
        text = read_back.read()
    found = sorted(
        text[int(s.get("startPosition")) : int(s.get("endPosition"))]
        for s in source.findall("q:PlainTextSelection", NS)
        if int(s.get("endPosition")) - int(s.get("startPosition")) < len(text)  # not the case's
    )
    assert found == sorted(WANTED)
    assert "\r" not in inner.read(f"sources/{path}").decode()


def test_the_migration_keeps_each_coded_passage_on_its_words(cast):
    project = make_project(cast.researcher)
    note = granted_note(owner=cast.owner, body="x")
    # Stored before this change: an analysis copy with \r\n, passages counted over it.
    item = ProjectItem.objects.create(
        project=project,
        item_kind="note",
        item_id=note.pk,
        pseudonym="P01",
        role="member",
        date=note.created_at.date(),
        text=BODY,
    )
    for words in WANTED:
        start = BODY.index(words)
        Passage.objects.create(item=item, start=start, end=start + len(words))
    ReflectiveNote.objects.filter(pk=note.pk).update(body=BODY)

    MIGRATION.forwards(apps, None)

    item.refresh_from_db()
    assert "\r" not in item.text
    assert sorted(item.text[p.start : p.end] for p in item.passages.all()) == sorted(WANTED)
    assert "\r" not in ReflectiveNote.objects.get(pk=note.pk).body


@pytest.mark.parametrize(
    ("text", "position", "expected"),
    [("a\r\nb", 3, 2), ("a\r\nb", 2, 1), ("a\r\nb", 1, 1), ("a\rb", 2, 2), ("\r\n\r\nx", 4, 2)],
)
def test_a_position_moves_back_once_for_each_crlf_before_it(text, position, expected):
    assert MIGRATION.moved(text, position) == expected
