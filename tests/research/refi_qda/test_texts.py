"""Sources and their offsets: each text round-trips exactly, offsets count code points on the
text as written, cases list their sources, and thousands of sources stream into the ZIP."""

from __future__ import annotations

import io
import itertools
import zipfile
from collections.abc import Iterator

from bridging_gaps import zipping
from research.refi_qda import (
    SOURCES_FOLDER,
    GuidMaker,
    QdaCode,
    QdaSelection,
    QdaSource,
    validate_qdpx,
    write_qdpx,
)
from research.refi_qda import writer as refi_writer
from tests.research.refi_qda import (
    NOTES,
    NS,
    _project,
    _project_xml,
    _qdpx,
    _select,
    _source_texts,
)


def test_every_source_is_a_file_in_the_zip_and_its_text_round_trips_exactly():
    qdpx = _qdpx(**_project(GuidMaker("test")))

    texts = _source_texts(qdpx)
    assert sorted(texts.values()) == sorted(NOTES)
    with zipfile.ZipFile(io.BytesIO(qdpx)) as archive:
        files = [name for name in archive.namelist() if name.startswith(f"{SOURCES_FOLDER}/")]
        assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in archive.infolist())
    assert sorted(files) == sorted(f"{SOURCES_FOLDER}/{guid}.txt" for guid in texts)


def test_selection_offsets_count_code_points_so_an_emoji_or_curly_quote_counts_once():
    project = _project(GuidMaker("test"))
    qdpx = _qdpx(**project)

    texts = _source_texts(qdpx)
    expected = {
        selection.guid: NOTES[index][selection.start : selection.end]
        for index, source in enumerate(project["sources"])
        for selection in source.selections
    }
    for source in _project_xml(qdpx).iterfind(".//q:TextSource", NS):
        for selection in source.iterfind("q:PlainTextSelection", NS):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            assert texts[source.get("guid")][start:end] == expected[selection.get("guid")]
    # After "🙂" (two UTF-16 units, four UTF-8 bytes) a code point offset is smaller.
    text = NOTES[0]
    start = text.index("Nobody")
    assert len(text[:start].encode("utf-16-le")) // 2 == start + 1
    assert len(text[:start].encode("utf-8")) > start


def test_offsets_are_taken_on_the_text_as_written_so_a_crlf_counts_as_two():
    project = _project(GuidMaker("test"))
    qdpx = _qdpx(**project)

    note = _source_texts(qdpx)[project["sources"][2].guid]
    assert "\r\n" in note
    start = note.index("Next time")
    guids = GuidMaker("crlf")
    source = QdaSource(guids("s", 1), "n", note, selections=(_select(guids, note, "Next time"),))
    root = _project_xml(_qdpx(project_name="p", origin="o", users=[], codes=[], sources=[source]))
    selection = root.find(".//q:PlainTextSelection", NS)
    assert int(selection.get("startPosition")) == start == note.index("\n") + 1


def test_cases_list_their_sources_and_typed_variables_for_a_cases_by_themes_matrix():
    project = _project(GuidMaker("test"))
    root = _project_xml(_qdpx(**project))

    variables = {
        variable.get("name"): (variable.get("guid"), variable.get("typeOfVariable"))
        for variable in root.iterfind("q:Variables/q:Variable", NS)
    }
    assert {name: kind for name, (_, kind) in variables.items()} == {
        "role": "Text",
        "joined": "Date",
    }
    cases = {case.get("name"): case for case in root.iterfind("q:Cases/q:Case", NS)}
    sources = project["sources"]

    def refs(case: str) -> list[str]:
        return [ref.get("targetGUID") for ref in cases[case].iterfind("q:SourceRef", NS)]

    assert refs("Participant A") == [sources[0].guid, sources[2].guid]
    assert refs("Participant B") == [sources[1].guid]
    values = cases["Participant A"].findall("q:VariableValue", NS)
    assert values[1].find("q:VariableRef", NS).get("targetGUID") == variables["joined"][0]
    assert values[1].find("q:DateValue", NS).text == "2025-03-01"
    assert len(cases["Participant B"].findall("q:VariableValue", NS)) == 1  # None is left out


class _WriteOnlySink(io.RawIOBase):
    """Like a storage upload: takes bytes, cannot seek or tell."""

    def __init__(self) -> None:
        self.received = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.received += data
        return len(data)


def test_two_thousand_generated_sources_stream_into_the_zip_one_at_a_time(monkeypatch):
    monkeypatch.setattr(refi_writer, "_SPOOL_BYTES", 64 * 1024)  # the XML spills to disk
    monkeypatch.setattr(zipping, "_BUFFER_BYTES", 4 * 1024)  # a few notes' worth
    guids = GuidMaker("many")
    code = QdaCode(guids("code", 1), "Safety")
    sink = _WriteOnlySink()
    written_before_each: list[int] = []

    def notes() -> Iterator[QdaSource]:
        for number in range(2000):
            written_before_each.append(len(sink.received))
            text = f"Note {number}: " + " ".join(f"{number * 7919 + word:x}" for word in range(60))
            yield QdaSource(
                guids("source", number),
                f"Note {number}",
                text,
                selections=(QdaSelection(guids("sel", number), 0, 4, (code.guid,)),),
            )

    summary = write_qdpx(
        sink, project_name="Many", origin="o", users=[], codes=[code], sources=notes()
    )

    assert (summary.sources, summary.selections, summary.codings) == (2000, 2000, 2000)
    # The notes reach the output a buffer at a time, as they are read: nothing piles up.
    assert all(b > a for a, b in itertools.pairwise(written_before_each[1::20]))
    qdpx = bytes(sink.received)
    with zipfile.ZipFile(io.BytesIO(qdpx)) as archive:
        sources = [name for name in archive.namelist() if name.startswith(f"{SOURCES_FOLDER}/")]
    assert len(sources) == 2000
    validate_qdpx(io.BytesIO(qdpx))


def test_plain_values_are_written_as_they_are_and_any_other_is_escaped_as_before():
    from research.refi_qda import xmltext

    plain = ["3f2504e0-4f89-11d3-9a0c-0305e82c3301", "P012, Note, 2026-12-04 (2)", "12:30Z"]
    careful = ["a & b", "<x>", 'say "hi"', "it's", "line\nbreak\r\ttab", "nul\x00", "é", "\ud800"]
    for value in plain + careful + [f"{p}{c}" for p in plain for c in careful]:
        attribute = xmltext.xml_safe(value).translate(xmltext._ATTR_ESCAPES)
        element = xmltext.xml_safe(value).translate(xmltext._TEXT_ESCAPES)
        assert xmltext.attrs(name=value) == f' name="{attribute}"', repr(value)
        assert xmltext.text(value) == element, repr(value)
