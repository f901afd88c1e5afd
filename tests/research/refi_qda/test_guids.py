"""GUIDs: stable ones are the same on a second export (and so are the bytes), random ones
differ, and every accepted form comes out canonical."""

from __future__ import annotations

import io

import pytest

from research.refi_qda import (
    GuidMaker,
    validate_qdpx,
)
from tests.research.refi_qda import (
    NS,
    _project,
    _project_xml,
    _qdpx,
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
