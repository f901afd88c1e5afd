"""The export ZIP: items.csv, items.json, project.qdpx, codebook.qdc, README.txt, manifest.json.

Written in one pass over the items, each file to a temporary folder as it goes, then the
files are zipped from disk: memory holds one chunk of items whatever the size.
"""

from __future__ import annotations

import csv
import json
import tempfile
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import IO, Any

from django.template.loader import render_to_string
from django.utils import timezone

from bridging_gaps.text import spreadsheet_safe
from bridging_gaps.zipping import one_pass
from research.analysis.models import Passage, ProjectItem, Theme
from research.analysis.spans import OffsetMap
from research.anonymiser import Anonymiser
from research.exports import taguette
from research.exports.extras import extra_files
from research.exports.manifest import sha256_of, write_manifest
from research.exports.models import Export, ExportItem
from research.exports.run import Prepared, anonymiser_for, prepared_items
from research.granted import research_kinds, still_granted
from research.names.marking import replacement_label
from research.names.roster import role_of, user_pseudonyms
from research.refi_qda import (
    GuidMaker,
    QdaCase,
    QdaCode,
    QdaSelection,
    QdaSource,
    QdaUser,
    derived_guid,
    write_qdc,
    write_qdpx,
)

ORIGIN = "Bridging Gaps workspace"
# One encoder for every record (json.dumps with options makes a new one each call).
_JSON = json.JSONEncoder(ensure_ascii=False)
COLUMNS = ["source_id", "pseudonym", "role", "date", "meeting", "kind", "text"]
ITEMS_CSV = "items.csv"
ITEMS_JSON = "items.json"
# Where finished export files are kept, in the private storage.
EXPORT_FOLDER = "research-exports"
PROJECT_QDPX = "project.qdpx"
CODEBOOK_QDC = "codebook.qdc"
README = "README.txt"
MANIFEST = "manifest.json"


@dataclass
class Tally:
    """What went into the files, for the README, the manifest and the export's page."""

    items: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    replacements: Counter[str] = field(default_factory=Counter)
    flags: int = 0
    passages: int = 0
    passages_dropped: int = 0
    left_out: int = 0
    withheld: int = 0
    cases: set[str] = field(default_factory=set)


# Okabe and Ito's colours, told apart with every common colour-vision deficiency: each code
# has the same colour in every tool and in every export of the project.
PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999")
CASES_HEADING = "Cases (participants)"


def _codes(themes: list[Theme], guids: GuidMaker) -> list[QdaCode]:
    children: dict[Any, list[Theme]] = {}
    colours = {theme.id: PALETTE[index % len(PALETTE)] for index, theme in enumerate(themes)}
    for theme in themes:
        children.setdefault(theme.parent_id, []).append(theme)

    def build(parent: Any) -> list[QdaCode]:
        return [
            QdaCode(
                guid=guids("code", theme.id),
                name=theme.name,
                description=theme.description,
                children=build(theme.id),
                color=colours[theme.id],
            )
            for theme in children.get(parent, [])
        ]

    return build(None)


def _cases(export: Export) -> list[str]:
    """The pseudonyms of chosen items still granted: the cases of the project file."""
    rows = still_granted(ExportItem.objects.filter(export=export, state=ExportItem.State.SELECTED))
    return sorted(set(rows.values_list("pseudonym", flat=True)))


def _case_codes(cases: list[QdaCase]) -> list[QdaCode]:
    """Each case as a code of the same GUID and name, coding the whole of each of its texts:
    how NVivo writes cases, and the only way QualCoder links texts to cases."""
    if not cases:
        return []
    return [
        QdaCode(
            guid=derived_guid("cases-heading", cases[0].guid),
            name=CASES_HEADING,
            description="Each participant, coding the whole of each of their texts.",
            is_codable=False,
            children=[QdaCode(guid=case.guid, name=case.name) for case in cases],
        )
    ]


def _users(export: Export, pseudonyms: dict[Any, str], cases: list[str]) -> list[str]:
    """The exporting researcher first (tools take the first user as the one coding), then the
    other researchers and coders, then the people whose texts these are."""
    project = export.project
    people = set(project.researchers.values_list("id", flat=True))
    people |= set(
        Passage.objects.filter(item__project=project, created_by__isnull=False).values_list(
            "created_by", flat=True
        )
    )
    first = pseudonyms.get(export.created_by_id)
    others = sorted({pseudonyms[p] for p in people if p in pseudonyms} - {first})
    owners = [name for name in cases if name != first and name not in others]
    return [*([first] if first else []), *others, *owners]


class _Writer:
    """Writes items.csv and items.json while project.qdpx reads the sources."""

    def __init__(
        self, csv_file: IO[str], json_file: IO[str], documents: IO[bytes], guids: GuidMaker
    ) -> None:
        self.csv = csv.writer(csv_file)
        self.csv.writerow(COLUMNS)
        self.json = json_file
        self.json.write("[")
        self.guids = guids
        self.tally = Tally()
        self.kind_labels = {kind.key: kind.label for kind in research_kinds()}
        self.user_guids: dict[Any, str] = {}
        # Names are told apart within a day (they hold the date, and prepared_items gives the
        # items in date order, whatever order they were chosen in): memory holds one day's
        # names, whatever the size.
        self.names: Counter[str] = Counter()
        self.names_day: date | None = None
        self.exporter: str | None = None
        self.anonymiser = Anonymiser()
        self.made_at: datetime | None = None
        # Each source as a Taguette document, kept in one file on disk until the project file
        # is finished (taguette.write_documents).
        self.documents = documents

    def sources(self, prepared: Iterator[Prepared]) -> Iterator[QdaSource]:
        for item in prepared:
            yield self.write(item)
        self.json.write("\n]\n")

    def write(self, item: Prepared) -> QdaSource:
        row, text = item.row, item.anonymised.text
        kind = self.kind_labels.get(row.item_kind, row.item_kind)
        record = {
            "source_id": str(row.source_id),
            "pseudonym": row.pseudonym,
            "role": row.role,
            "date": row.date.isoformat(),
            "meeting": row.meeting_label,
            "kind": kind,
            "text": text,
        }
        self.csv.writerow([spreadsheet_safe(str(value)) for value in record.values()])
        separator = "," if self.tally.items else ""
        self.json.write(f"{separator}\n  {_JSON.encode(record)}")
        tally = self.tally
        tally.items += 1
        tally.kinds[kind] += 1
        tally.replacements.update(replacement_label(r) for r in item.anonymised.replacements)
        tally.flags += len(item.anonymised.flags)
        tally.withheld += item.text.withheld
        tally.cases.add(row.pseudonym)
        name = f"{row.pseudonym}, {kind}, {row.date.isoformat()}"
        if row.date != self.names_day:
            self.names.clear()
            self.names_day = row.date
        self.names[name] += 1
        if self.names[name] > 1:
            name = f"{name} ({self.names[name]})"  # unique in the project, still meaningful
        taguette.keep_document(self.documents, name, text)
        case_guid = self.guids("case", row.pseudonym)
        case_selection = (
            [
                QdaSelection(
                    guid=self.guids("case-selection", row.source_id),
                    start=0,
                    end=len(text),
                    code_guids=[case_guid],
                    creating_user=self.exporter,
                    created_at=self.made_at,
                )
            ]
            if text
            else []
        )
        return QdaSource(
            guid=str(row.source_id),
            name=name,
            text=text,
            created_at=datetime.combine(row.date, time(), tzinfo=UTC),
            creating_user=self.guids("user", row.pseudonym),
            description=row.meeting_label,
            selections=[*self._selections(item.coded, text), *case_selection],
            case_guids=[case_guid],
        )

    def _selections(self, coded: ProjectItem | None, text: str) -> list[QdaSelection]:
        if coded is None:
            return []
        offsets = OffsetMap(coded.text, text)
        selections = []
        for passage in coded.passages.all():
            span = offsets.span(passage.start, passage.end)
            if span is None:
                self.tally.passages_dropped += 1
                continue
            self.tally.passages += 1
            selections.append(
                QdaSelection(
                    guid=self.guids("selection", passage.id),
                    start=span.start,
                    end=span.end,
                    code_guids=[self.guids("code", theme.id) for theme in passage.themes.all()],
                    # Typed by a researcher; one saved before memos were checked for names
                    # (research.analysis.unnamed) goes out anonymised all the same.
                    memo=self.anonymiser.anonymise(passage.memo).text if passage.memo else "",
                    creating_user=self.user_guids.get(passage.created_by_id),
                    created_at=passage.created_at,
                )
            )
        return selections


def write_export_zip(export: Export, target: IO[bytes], *, snapshot_at: datetime) -> Tally:
    """Write the export's ZIP to ``target``. Marks each chosen item EXPORTED or LEFT_OUT."""
    project = export.project
    guids = project.guids
    pseudonyms = user_pseudonyms(project_key=project.key)
    themes = _codes(list(project.themes.all()), guids)
    case_names = _cases(export)
    users = [QdaUser(guids("user", name), name) for name in _users(export, pseudonyms, case_names)]
    cases = [
        QdaCase(guids("case", name), name, variables={"role": role_of(name)}) for name in case_names
    ]
    codes = [*themes, *_case_codes(cases)]
    anonymiser = anonymiser_for(export)
    creator = pseudonyms.get(export.created_by_id)
    with (
        tempfile.TemporaryDirectory(prefix="research-export-") as folder,
        one_pass(target) as forward,
        zipfile.ZipFile(forward, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        paths = {name: Path(folder) / name for name in (ITEMS_CSV, ITEMS_JSON, PROJECT_QDPX)}
        # Not in the ZIP: the Taguette documents until they go in, and their checksums.
        documents, facts = Path(folder) / "documents.bin", Path(folder) / "documents.jsonl"
        with (
            paths[ITEMS_CSV].open("w", newline="", encoding="utf-8") as csv_file,
            paths[ITEMS_JSON].open("w", encoding="utf-8") as json_file,
            paths[PROJECT_QDPX].open("wb") as qdpx_file,
            documents.open("wb") as documents_file,
        ):
            writer = _Writer(csv_file, json_file, documents_file, guids)
            writer.user_guids = {person: guids("user", name) for person, name in pseudonyms.items()}
            writer.exporter = guids("user", creator) if creator else None
            writer.anonymiser = anonymiser
            writer.made_at = snapshot_at
            write_qdpx(
                qdpx_file,
                project_name=project.name,
                origin=ORIGIN,
                users=users,
                codes=codes,
                sources=writer.sources(
                    prepared_items(export, anonymiser, as_of=snapshot_at, with_coding=True)
                ),
                cases=cases,
                created_at=snapshot_at,
                creating_user=guids("user", creator) if creator else None,
                description=project.description,
            )
        with documents.open("rb") as kept, facts.open("w", encoding="utf-8") as facts_file:
            taguette.write_documents(archive, kept, facts_file)
        documents.unlink()
        if themes:
            paths[CODEBOOK_QDC] = Path(folder) / CODEBOOK_QDC
            with paths[CODEBOOK_QDC].open("wb") as qdc_file:
                write_qdc(qdc_file, codes=themes, origin=ORIGIN)
            paths[taguette.CODEBOOK] = Path(folder) / taguette.CODEBOOK
            paths[taguette.CODEBOOK].parent.mkdir()
            with paths[taguette.CODEBOOK].open("w", newline="", encoding="utf-8") as tags:
                taguette.write_codebook(tags, themes)
        tally = writer.tally
        tally.left_out = ExportItem.objects.filter(
            export=export, state=ExportItem.State.LEFT_OUT
        ).count()
        extras = extra_files(export)
        for name, (_description, text) in extras.items():
            paths[name] = Path(folder) / name
            paths[name].write_text(text, encoding="utf-8", newline="")
        paths[README] = Path(folder) / README
        paths[README].write_text(
            render_to_string(
                "research/export/README.txt",
                {
                    "export": export,
                    "project": project,
                    "tally": tally,
                    "snapshot_at": snapshot_at,
                    "codebook": bool(themes),
                    "replacements": sorted(tally.replacements.items()),
                    "kinds": sorted(tally.kinds.items()),
                    "extras": [(name, description) for name, (description, _t) in extras.items()],
                },
            ),
            encoding="utf-8",
        )
        manifest = {
            "export": str(export.id),
            "project": project.name,
            "made_at": timezone.now().isoformat(),
            "consent_snapshot_at": snapshot_at.isoformat(),
            "item_count": tally.items,
        }
        files = {name: (sha256_of(path), path.stat().st_size) for name, path in paths.items()}
        paths[MANIFEST] = Path(folder) / MANIFEST
        with paths[MANIFEST].open("w", encoding="utf-8") as out:
            write_manifest(out, manifest, files, facts)
        for name, path in paths.items():
            # The .qdpx is a ZIP already: deflating at level 0 copies it as it is, in blocks
            # that say where they end (written in one pass, a member stored as it is has its
            # size only after it, which a reader going through the file cannot find).
            level = 0 if name == PROJECT_QDPX else None
            archive.write(path, name, compress_type=zipfile.ZIP_DEFLATED, compresslevel=level)
    return tally
