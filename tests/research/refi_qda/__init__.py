"""The REFI-QDA export: files every analysis tool can read, checked against the official schemas.

No database: run with ``pytest tests/research/refi_qda/``. Here: a made-up project of two
researchers and the helpers that write and read it."""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, date, datetime
from xml.etree import ElementTree

from research.refi_qda import (
    PROJECT_ENTRY,
    SOURCES_FOLDER,
    GuidMaker,
    QdaCase,
    QdaCode,
    QdaSelection,
    QdaSource,
    QdaUser,
    write_qdpx,
)

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
