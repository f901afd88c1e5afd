"""What analysis tools use from project.qdpx is in it: source dates and owners, unique names,
the exporting researcher first, colours, cases linked as QualCoder and NVivo read them, and one
coding per stretch and code."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from django.core.files.storage import default_storage

from research.analysis.services import passages_code
from research.analysis.spans import Span
from research.exports.files import PALETTE
from research.exports.services import export_start
from research.models import Passage, ProjectItem
from research.refi_qda import validate_qdpx
from tests.factories_research import draft_export, granted_note, made_export, make_project

NS = {"q": "urn:QDA-XML:project:1.0"}


def _project_xml(export) -> ElementTree.Element:
    with default_storage.open(export.file_name) as stored:
        qdpx = zipfile.ZipFile(io.BytesIO(stored.read())).read("project.qdpx")
    validate_qdpx(io.BytesIO(qdpx))
    inner = zipfile.ZipFile(io.BytesIO(qdpx))
    return ElementTree.fromstring(inner.read("project.qde"))  # noqa: S314 (our own file)


def _export_with_two_notes_on_one_day(cast):
    project = make_project(cast.researcher)
    for body in ("The room was quiet.", "The receptionist knew my name."):
        note = granted_note(owner=cast.owner, title="", body=body)
        note.created_at = note.created_at.replace(year=2026, month=12, day=4)
        note.save(update_fields=["created_at"])
    made_export(project, cast.researcher, purpose="analysis")
    safety = project.themes.get(name="Safety")
    for item in ProjectItem.objects.filter(project=project):
        passages_code(item=item, spans=[Span(0, 8)], themes=[safety], memo="", by=cast.researcher)
    export = draft_export(project, cast.researcher)
    export_start(export=export, by=cast.researcher)
    export.refresh_from_db()
    return project, export


def test_sources_have_unique_names_their_date_and_their_owner(cast):
    _project, export = _export_with_two_notes_on_one_day(cast)
    root = _project_xml(export)
    sources = root.findall(".//q:TextSource", NS)
    names = sorted(source.get("name") for source in sources)
    assert names[0].endswith(", 2026-12-04")
    assert names[1] == f"{names[0]} (2)"
    users = {user.get("guid"): user.get("name") for user in root.findall(".//q:User", NS)}
    for source in sources:
        assert source.get("creationDateTime").startswith("2026-12-04")
        assert users[source.get("creatingUser")] == source.get("name").split(",")[0]


def test_the_exporting_researcher_is_the_first_user(cast):
    _project, export = _export_with_two_notes_on_one_day(cast)
    root = _project_xml(export)
    first = root.find(".//q:Users/q:User", NS)
    coder = root.find(".//q:PlainTextSelection", NS).get("creatingUser")
    assert first.get("guid") == coder
    assert first.get("name").startswith("R")


def test_every_theme_has_a_colour_from_the_colour_blind_safe_palette(cast):
    _project, export = _export_with_two_notes_on_one_day(cast)
    root = _project_xml(export)
    cases = {case.get("guid") for case in root.findall(".//q:Case", NS)}
    themes = [
        code
        for code in root.findall(".//q:Code", NS)
        if code.get("isCodable") == "true" and code.get("guid") not in cases
    ]
    assert themes
    assert all(code.get("color") in PALETTE for code in themes)


def test_each_case_codes_the_whole_of_its_texts_with_a_code_of_its_own_guid(cast):
    _project, export = _export_with_two_notes_on_one_day(cast)
    root = _project_xml(export)
    (case,) = root.findall(".//q:Case", NS)
    codes = {code.get("guid"): code for code in root.findall(".//q:Code", NS)}
    assert codes[case.get("guid")].get("name") == case.get("name")
    listed = {ref.get("targetGUID") for ref in case.findall("q:SourceRef", NS)}
    assert listed == {source.get("guid") for source in root.findall(".//q:TextSource", NS)}
    assert case.find(".//q:TextValue", NS).text == "member"
    whole = [
        selection
        for selection in root.findall(".//q:PlainTextSelection", NS)
        if selection.find(".//q:CodeRef", NS).get("targetGUID") == case.get("guid")
    ]
    assert len(whole) == 2
    assert all(selection.get("startPosition") == "0" for selection in whole)


def test_coding_a_stretch_again_adds_codes_and_never_makes_a_copy(cast):
    project = make_project(cast.researcher)
    granted_note(owner=cast.owner, title="", body="I felt safe and heard.")
    made_export(project, cast.researcher, purpose="analysis")
    item = ProjectItem.objects.get(project=project)
    safety, trust = project.themes.all()[:2]
    for theme, memo in ((safety, "first"), (safety, "again"), (trust, "")):
        passages_code(item=item, spans=[Span(0, 11)], themes=[theme], memo=memo, by=cast.researcher)
    passage = Passage.objects.get(item=item)
    assert set(passage.themes.all()) == {safety, trust}
    assert passage.memo == "first\n\nagain"


def test_names_are_told_apart_within_a_day_and_each_day_starts_again(cast):
    project = make_project(cast.researcher)
    for day in (4, 4, 5, 5, 5):
        note = granted_note(owner=cast.owner, title="", body=f"On the {day}th.")
        note.created_at = note.created_at.replace(year=2026, month=12, day=day)
        note.save(update_fields=["created_at"])
    export = draft_export(project, cast.researcher)
    export_start(export=export, by=cast.researcher)
    export.refresh_from_db()
    names = sorted(
        source.get("name") for source in _project_xml(export).iter(f"{{{NS['q']}}}TextSource")
    )
    first, fifth = names[0], names[2]
    assert first.endswith(", 2026-12-04")
    assert fifth.endswith(", 2026-12-05")
    assert names == [first, f"{first} (2)", fifth, f"{fifth} (2)", f"{fifth} (3)"]


def test_names_stay_apart_when_items_do_not_come_in_the_order_of_their_dates(cast):
    """An interview is dated the day it was held, not the day it was entered: entered in the
    order 12 May, 20 May, 12 May, the two of 12 May still have names of their own."""
    from interviews.models import Interview, Status
    from tests.factories_interviews import interview_at
    from tests.helpers import share

    project = make_project(cast.researcher)
    for day in (12, 20, 12):
        interview = interview_at(
            Status.READY, interviewee=cast.owner, transcript=f"On the {day}th."
        )
        Interview.objects.filter(pk=interview.pk).update(date=interview.date.replace(day=day))
        share(interview, research_use=True, by=cast.owner)
    export = made_export(project, cast.researcher, kinds=("interview",))
    names = [source.get("name") for source in _project_xml(export).iter(f"{{{NS['q']}}}TextSource")]
    assert len(names) == 3
    assert len(set(names)) == 3, names
    with zipfile.ZipFile(io.BytesIO(default_storage.open(export.file_name).read())) as archive:
        documents = [name for name in archive.namelist() if name.startswith("taguette/documents/")]
    assert len(set(documents)) == 3, documents
