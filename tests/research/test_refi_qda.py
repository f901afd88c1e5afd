"""The REFI-QDA export: files every analysis tool can read, checked against the official schemas.

No database: run with ``pytest tests/research/test_refi_qda.py``.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bridging_gaps import zipping
from research.refi_qda import (
    PROJECT_ENTRY,
    SOURCES_FOLDER,
    GuidMaker,
    QdaCase,
    QdaCode,
    QdaSelection,
    QdaSource,
    QdaUser,
    validate_codebook_xml,
    validate_project_xml,
    validate_qdpx,
    write_qdc,
    write_qdpx,
    xml_safe,
)
from research.refi_qda import writer as refi_writer
from research.refi_qda.model import SCHEMA_DIR

NS = {"q": "urn:QDA-XML:project:1.0", "c": "urn:QDA-XML:codebook:1.0"}
EXPORTED_AT = datetime(2025, 6, 2, 14, 30, tzinfo=UTC)

PRINCIPLES = [
    "Safety",
    "Trustworthiness and transparency",
    "Peer support",
    "Collaboration and mutuality",
    "Empowerment, voice and choice",
    "Cultural, historical and gender issues",
]
NOTES = [
    "[P1] said “it’s your call” and I felt safe to speak 🙂. Nobody rushed anyone.",
    "Peer support & trust: we met <outside> the office, the café felt different.",
    "Diolch — the group chose the agenda.\r\nNext time: more choice about who takes notes.",
]


def _codes(guids: GuidMaker) -> list[QdaCode]:
    choosing = QdaCode(guids("code", "choosing"), "Choosing what to share", color="#2a9d8f")
    return [
        QdaCode(
            guids("code", name),
            name,
            description=f"Trauma-informed principle: {name.lower()}.",
            children=(choosing,) if name.startswith("Empowerment") else (),
            color="#e76f51" if name == "Safety" else None,
        )
        for name in PRINCIPLES
    ]


def _by_name(codes: list[QdaCode]) -> dict[str, str]:
    found, pending = {}, list(codes)
    while pending:
        code = pending.pop()
        found[code.name] = code.guid
        pending.extend(code.children)
    return found


def _select(guids: GuidMaker, text: str, excerpt: str, *codes: str, **extra) -> QdaSelection:
    start = text.index(excerpt)
    return QdaSelection(guids("selection", excerpt), start, start + len(excerpt), codes, **extra)


def _project(guids: GuidMaker) -> dict:
    """Two researchers, the six principles, three coded notes, two participants."""
    kestrel = QdaUser(guids("user", "kestrel"), "Researcher Kestrel")
    wren = QdaUser(guids("user", "wren"), "Researcher Wren")
    p1, p2 = guids("case", "p1"), guids("case", "p2")
    codes = _codes(guids)
    code = _by_name(codes)
    one, two, three = NOTES
    sources = [
        QdaSource(
            guids("source", 1),
            "Reflective note 1",
            one,
            created_at=datetime(2025, 5, 1, 9, tzinfo=UTC),
            creating_user=kestrel.guid,
            selections=(
                _select(
                    guids,
                    one,
                    "I felt safe to speak",
                    code["Safety"],
                    memo="Safety came from not being rushed.",
                    creating_user=kestrel.guid,
                    created_at=datetime(2025, 5, 3, tzinfo=UTC),
                ),
                _select(
                    guids,
                    one,
                    "it’s your call",
                    code["Choosing what to share"],
                    code["Empowerment, voice and choice"],
                    creating_user=wren.guid,
                ),
            ),
            description="Written after the March meeting.",
            case_guids=(p1,),
        ),
        QdaSource(
            guids("source", 2),
            "Reflective note 2",
            two,
            creating_user=wren.guid,
            selections=(_select(guids, two, "Peer support & trust", code["Peer support"]),),
            case_guids=(p2,),
        ),
        QdaSource(
            guids("source", 3),
            "Reflective note 3",
            three,
            selections=(
                _select(
                    guids,
                    three,
                    "the group chose the agenda",
                    code["Collaboration and mutuality"],
                ),
            ),
            case_guids=(p1,),
        ),
    ]
    cases = [
        QdaCase(
            p1,
            "Participant A",
            "Joined in spring.",
            {"role": "peer researcher", "joined": date(2025, 3, 1)},
        ),
        QdaCase(p2, "Participant B", variables={"role": "member", "joined": None}),
    ]
    return {
        "project_name": "Bridging Gaps — reflective notes",
        "origin": "Bridging Gaps workspace",
        "users": [kestrel, wren],
        "codes": codes,
        "sources": sources,
        "cases": cases,
        "created_at": EXPORTED_AT,
        "creating_user": kestrel.guid,
    }


def _qdpx(**project) -> bytes:
    project = {**project, "sources": iter(project["sources"])}
    target = io.BytesIO()
    write_qdpx(target, **project)
    return target.getvalue()


def _project_xml(qdpx: bytes) -> ElementTree.Element:
    with zipfile.ZipFile(io.BytesIO(qdpx)) as archive:
        return ElementTree.fromstring(archive.read(PROJECT_ENTRY))  # noqa: S314


def _source_texts(qdpx: bytes) -> dict[str, str]:
    """plainTextPath GUID -> text of the file it names."""
    with zipfile.ZipFile(io.BytesIO(qdpx)) as archive:
        root = ElementTree.fromstring(archive.read(PROJECT_ENTRY))  # noqa: S314
        texts = {}
        for source in root.iterfind(".//q:TextSource", NS):
            name = source.get("plainTextPath", "").removeprefix("internal://")
            texts[source.get("guid")] = archive.read(f"{SOURCES_FOLDER}/{name}").decode("utf-8")
        return texts


def _code_tree(element: ElementTree.Element, ns: str) -> list[tuple]:
    return [
        (code.get("guid"), code.get("name"), code.get("isCodable"), _code_tree(code, ns))
        for code in element.findall(f"{ns}:Code", NS)
    ]


def test_a_project_of_two_researchers_validates_against_the_project_schema():
    qdpx = _qdpx(**_project(GuidMaker("test")))

    with zipfile.ZipFile(io.BytesIO(qdpx)) as archive:
        validate_project_xml(archive.read(PROJECT_ENTRY))
    validate_qdpx(io.BytesIO(qdpx))
    root = _project_xml(qdpx)
    assert [user.get("name") for user in root.iterfind("q:Users/q:User", NS)] == [
        "Researcher Kestrel",
        "Researcher Wren",
    ]
    assert len(root.findall(".//q:Coding/q:CodeRef", NS)) == 5


def test_the_codebook_validates_against_the_codebook_schema_and_matches_the_project():
    guids = GuidMaker("test")
    target = io.BytesIO()
    write_qdc(target, codes=_codes(guids), origin="Bridging Gaps workspace")

    validate_codebook_xml(target.getvalue())
    codebook = ElementTree.fromstring(target.getvalue())  # noqa: S314
    project = _project_xml(_qdpx(**_project(guids)))
    in_codebook = _code_tree(codebook.find("c:Codes", NS), "c")
    assert in_codebook == _code_tree(project.find("q:CodeBook/q:Codes", NS), "q")
    assert [name for _, name, _, _ in in_codebook] == PRINCIPLES
    empowerment = in_codebook[4]
    assert [child[1] for child in empowerment[3]] == ["Choosing what to share"]


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


def test_markup_quotes_and_control_characters_are_escaped_and_still_validate():
    guids = GuidMaker("escaping")
    awkward = "Tom & Jerry <b>\"quoted\" 'single'\x00\x07\x1b\ufffe line\r\nnext\ttab 🙂"
    code = QdaCode(guids("code", 1), awkward, description=awkward)
    source = QdaSource(
        guids("source", 1),
        awkward,
        awkward,
        selections=(QdaSelection(guids("sel", 1), 0, 3, (code.guid,), memo=awkward, name=awkward),),
        description=awkward,
    )
    qdpx = _qdpx(
        project_name=awkward,
        origin=awkward,
        users=[QdaUser(guids("user", 1), awkward)],
        codes=[code],
        sources=[source],
        cases=[QdaCase(guids("case", 1), awkward, awkward, {awkward: awkward})],
        description=awkward,
    )

    validate_qdpx(io.BytesIO(qdpx))
    root = _project_xml(qdpx)
    clean = xml_safe(awkward)
    assert "\x00" not in clean
    assert "\ufffe" not in clean
    assert "\r\n" in clean
    assert root.get("name") == clean  # \r, \n and \t survive attribute normalisation
    assert root.find(".//q:TextSource", NS).get("name") == clean
    assert root.find(".//q:PlainTextSelection/q:Description", NS).text == clean
    assert root.find("q:Description", NS).text == clean
    assert root.find(".//q:TextValue", NS).text == clean
    assert _source_texts(qdpx)[source.guid] == awkward  # the text file keeps every character


def test_a_lone_surrogate_in_a_text_becomes_a_replacement_character_and_offsets_hold():
    guids = GuidMaker("surrogate")
    text = "before \ud83d after"
    source = QdaSource(guids("s", 1), "n", text, selections=(_select(guids, text, "after"),))

    qdpx = _qdpx(project_name="p", origin="o", users=[], codes=[], sources=[source])

    written = _source_texts(qdpx)[source.guid]
    assert written == "before \ufffd after"
    selection = _project_xml(qdpx).find(".//q:PlainTextSelection", NS)
    assert written[int(selection.get("startPosition")) : int(selection.get("endPosition"))] == (
        "after"
    )


def test_stable_guids_are_the_same_on_a_second_export_and_so_are_the_bytes():
    first = _qdpx(**_project(GuidMaker("bridging-gaps:project:1")))
    second = _qdpx(**_project(GuidMaker("bridging-gaps:project:1")))
    other_project = _qdpx(**_project(GuidMaker("bridging-gaps:project:2")))

    def guids(qdpx: bytes) -> list[str]:
        root = _project_xml(qdpx)
        return [element.get("guid") for element in root.iter() if "guid" in element.attrib]

    assert guids(first) == guids(second)
    assert first == second
    # A variable's GUID comes from its name alone, so "role" merges across projects.
    variables = {v.get("guid") for v in _project_xml(first).iterfind(".//q:Variable", NS)}
    assert set(guids(first)) & set(guids(other_project)) == variables


def test_random_guids_differ_between_exports():
    first, second = _qdpx(**_project(GuidMaker())), _qdpx(**_project(GuidMaker()))

    assert _project_xml(first).find(".//q:TextSource", NS).get("guid") != (
        _project_xml(second).find(".//q:TextSource", NS).get("guid")
    )
    validate_qdpx(io.BytesIO(first))


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


def test_a_project_with_no_codes_users_or_sources_still_validates():
    qdpx = _qdpx(project_name="Empty", origin="o", users=[], codes=[], sources=[])

    validate_qdpx(io.BytesIO(qdpx))
    assert [element.tag for element in _project_xml(qdpx)] == []


def _broken(guids: GuidMaker, mistake: str) -> dict:
    project = _project(guids)
    first = project["sources"][0]
    selection = first.selections[0]
    if mistake == "selection past the end":
        selection = QdaSelection(selection.guid, 3, len(first.text) + 1, selection.code_guids)
    elif mistake == "empty selection":
        selection = QdaSelection(selection.guid, 4, 4, selection.code_guids)
    elif mistake == "unknown code":
        selection = QdaSelection(selection.guid, 0, 2, (guids("code", "missing"),))
    elif mistake == "heading coded":
        heading = QdaCode(guids("code", "heading"), "Heading", is_codable=False)
        project["codes"] = [*project["codes"], heading]
        selection = QdaSelection(selection.guid, 0, 2, (heading.guid,))
    elif mistake == "unknown user":
        selection = QdaSelection(selection.guid, 0, 2, creating_user=guids("user", "nobody"))
    elif mistake == "unknown case":
        first = QdaSource(first.guid, first.name, first.text, case_guids=(guids("case", "x"),))
    elif mistake == "repeated source guid":
        project["sources"] = [*project["sources"], project["sources"][1]]
    elif mistake == "bad colour":
        project["codes"] = [*project["codes"], QdaCode(guids("code", "red"), "Red", color="red")]
    elif mistake == "bad guid":
        first = QdaSource("not-a-guid", first.name, first.text)
    if mistake not in ("unknown case", "bad guid", "repeated source guid"):
        first = QdaSource(first.guid, first.name, first.text, selections=(selection,))
    project["sources"] = [first, *project["sources"][1:]]
    return project


@pytest.mark.parametrize(
    "mistake",
    [
        "selection past the end",
        "empty selection",
        "unknown code",
        "heading coded",
        "unknown user",
        "unknown case",
        "repeated source guid",
        "bad colour",
        "bad guid",
    ],
)
def test_a_project_with_a_broken_reference_is_refused(mistake):
    with pytest.raises(ValueError, match=r"."):
        _qdpx(**_broken(GuidMaker("broken"), mistake))


_any_text = st.text(max_size=200)


@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=_any_text, memo=_any_text, text=_any_text, code_name=_any_text)
def test_any_text_in_names_memos_and_sources_gives_schema_valid_xml(name, memo, text, code_name):
    guids = GuidMaker("hypothesis")
    code = QdaCode(guids("code", 1), code_name, description=memo)
    selections = (QdaSelection(guids("sel", 1), 0, len(text), (code.guid,), memo=memo),)
    source = QdaSource(
        guids("source", 1),
        name,
        text,
        selections=selections if text else (),
        description=memo,
        case_guids=(guids("case", 1),),
    )
    qdpx = _qdpx(
        project_name=name,
        origin=memo,
        users=[QdaUser(guids("user", 1), name)],
        codes=[code],
        sources=[source],
        cases=[QdaCase(guids("case", 1), name, memo, {"note": memo})],
        description=memo,
    )
    qdc = io.BytesIO()
    write_qdc(qdc, codes=[code], origin=name)

    validate_qdpx(io.BytesIO(qdpx))
    validate_codebook_xml(qdc.getvalue())
    assert _source_texts(qdpx)[source.guid] == text
    root = _project_xml(qdpx)
    assert root.find(".//q:TextSource", NS).get("name") == xml_safe(name)
    assert root.find(".//q:Code", NS).get("name") == xml_safe(code_name)


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


def test_the_vendored_schemas_are_the_untouched_official_files():
    digests = {
        name: hashlib.sha256((SCHEMA_DIR / name).read_bytes()).hexdigest()
        for name in ("Project.xsd", "Codebook.xsd")
    }

    assert digests == {
        "Project.xsd": "a2cc1ffb4ab1c07c51d6c78e69f2c9968458a9f0ad3b317ddde27f1e86f15a15",
        "Codebook.xsd": "62a941a02df90991fd9e18bd97c571b88e3c493a722ef1e45a7247f787849c75",
    }


def test_plain_values_are_written_as_they_are_and_any_other_is_escaped_as_before():
    from research.refi_qda import xmltext

    plain = ["3f2504e0-4f89-11d3-9a0c-0305e82c3301", "P012, Note, 2026-12-04 (2)", "12:30Z"]
    careful = ["a & b", "<x>", 'say "hi"', "it's", "line\nbreak\r\ttab", "nul\x00", "é", "\ud800"]
    for value in plain + careful + [f"{p}{c}" for p in plain for c in careful]:
        attribute = xmltext.xml_safe(value).translate(xmltext._ATTR_ESCAPES)
        element = xmltext.xml_safe(value).translate(xmltext._TEXT_ESCAPES)
        assert xmltext.attrs(name=value) == f' name="{attribute}"', repr(value)
        assert xmltext.text(value) == element, repr(value)


def test_a_guid_in_any_accepted_form_comes_out_canonical_and_a_canonical_one_unchanged():
    from research.refi_qda.model import canonical_guid

    canonical = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"
    for form in (canonical, canonical.upper(), f"{{{canonical}}}", canonical.replace("-", "")):
        assert canonical_guid(form, "a source") == canonical
    with pytest.raises(ValueError, match="a source has an invalid GUID"):
        canonical_guid(canonical + "0", "a source")


def test_a_stable_guid_maker_gives_the_same_guid_for_the_same_key_many_times_over():
    made = [GuidMaker("project:1")("case", f"P{number % 3}") for number in range(10_000)]
    assert len(set(made)) == 3
    assert GuidMaker("project:1")("case", "P0") == made[0]
    assert GuidMaker("project:2")("case", "P0") != made[0]
