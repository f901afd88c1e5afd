"""Every project file and codebook validates against the official schemas, whatever the text
in it; a broken reference is refused; the vendored schemas are the official files."""

from __future__ import annotations

import hashlib
import io
import zipfile
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from research.refi_qda import (
    PROJECT_ENTRY,
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
    xml_safe,
)
from research.refi_qda.model import SCHEMA_DIR
from tests.research.refi_qda import (
    NS,
    PRINCIPLES,
    _code_tree,
    _codes,
    _project,
    _project_xml,
    _qdpx,
    _select,
    _source_texts,
)


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


def test_the_vendored_schemas_are_the_untouched_official_files():
    digests = {
        name: hashlib.sha256((SCHEMA_DIR / name).read_bytes()).hexdigest()
        for name in ("Project.xsd", "Codebook.xsd")
    }

    assert digests == {
        "Project.xsd": "a2cc1ffb4ab1c07c51d6c78e69f2c9968458a9f0ad3b317ddde27f1e86f15a15",
        "Codebook.xsd": "62a941a02df90991fd9e18bd97c571b88e3c493a722ef1e45a7247f787849c75",
    }
