"""Research's part of data rights (datarights/hooks.py): the other names a person keeps
for the anonymiser, the pseudonyms research projects gave them, and a researcher's own work
(projects, exports, coding memos and matrix summaries).

Deleting an account deletes their other names, the export files they made, and the words
they wrote in the analysis (memos, matrix summaries). Pseudonym rows stay: they hold a code
and the account's id, nothing else, and keep the code from being given to someone else.
Export records stay too (who, when, which items, the file's SHA-256): owners read them in
"Who has seen my things". Retention: expired export files, and a safety net for analysis
copies of withdrawn items.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.files.storage import default_storage

from datarights.hooks import Entry, RetentionJob, Section, Text, facts, when
from people.models import User
from research.analysis.services import project_items_purge_withdrawn
from research.exports.services import (
    export_files_delete_orphaned,
    exports_delete_expired,
    redactions_name_replace,
)
from research.models import Export, MatrixCell, OtherName, Passage, Pseudonym, ResearchProject
from research.names.roster import USER


def collect(person: User) -> list[Section]:
    names = list(OtherName.objects.filter(person=person))
    codes = list(Pseudonym.objects.filter(subject_kind=USER, subject_id=person.pk))
    return [
        Section(
            key="other_names",
            title="Other names you are known by",
            intro="Names you keep so that research exports take them out. Only you see them.",
            entries=[
                Entry(
                    heading=name.name,
                    facts=facts(
                        ("Name", name.name),
                        ("Added", name.created_at, "added_at"),
                        ("How", name.source, "source", name.get_source_display()),
                    ),
                )
                for name in names
            ],
            empty="You have not added other names.",
        ),
        Section(
            key="research_codes",
            title="Your codes in research",
            intro="In research exports your name is replaced by a code, the same in every "
            "export of one research project.",
            entries=[
                Entry(
                    heading=code.label,
                    facts=facts(
                        ("Code", code.label),
                        ("Project", code.project_key),
                        ("Given", code.assigned_at, "given_at"),
                    ),
                )
                for code in codes
            ],
            empty="No research project has given you a code yet.",
        ),
        _research_work(person),
    ]


def _research_work(person: User) -> Section:
    """What a researcher did: her projects, her exports (when and how many items, never
    their contents, which are others' words), and the words she wrote in the analysis."""
    projects = list(ResearchProject.objects.filter(researchers=person).order_by("name"))
    exports = list(
        Export.objects.filter(created_by=person).select_related("project").order_by("created_at")
    )
    memos = list(
        Passage.objects.filter(created_by=person)
        .exclude(memo="")
        .select_related("item__project")
        .order_by("created_at")
    )
    cells = list(
        MatrixCell.objects.filter(updated_by=person)
        .exclude(summary="")
        .select_related("project", "theme")
        .order_by("updated_at")
    )
    entries = [
        Entry(
            group="projects",
            heading=f"Project: {project.name}",
            facts=facts(("Name", project.name), ("Started", project.created_at, "started_at")),
        )
        for project in projects
    ]
    entries += [
        Entry(
            group="exports",
            id=export.pk,
            heading=f"Export of {when(export.created_at)}",
            facts=facts(
                ("Made", export.created_at, "made_at"),
                ("Project", export.project.name),
                ("What for", export.purpose, "purpose", export.get_purpose_display()),
                ("Items", export.item_count),
            ),
        )
        for export in exports
    ]
    entries += [
        Entry(
            group="memos",
            heading=f"Memo in {memo.item.project.name}",
            facts=facts(("Written", memo.created_at, "written_at")),
            texts=[Text("Memo", memo.memo)],
        )
        for memo in memos
    ]
    entries += [
        Entry(
            group="matrix_summaries",
            heading=f"Matrix: {cell.case}, {cell.theme.name}",
            facts=facts(
                ("Project", cell.project.name),
                ("Case", cell.case),
                ("Theme", cell.theme.name),
                ("Last changed", cell.updated_at, "updated_at"),
            ),
            texts=[Text("Summary", cell.summary)],
        )
        for cell in cells
    ]
    return Section(
        key="research_work",
        title="Your research work",
        intro="Research projects you are in, the exports you made (never their contents), "
        "and what you wrote in the analysis.",
        entries=entries,
        groups=("projects", "exports", "memos", "matrix_summaries"),
        empty="You have no research projects.",
    )


def erase_preview(person: User) -> list[str]:
    sentences = []
    if OtherName.objects.filter(person=person).exists():
        sentences.append("The other names you keep for research are deleted.")
    if Export.objects.filter(created_by=person).exists():
        sentences.append(
            "The research export files you made are deleted. The record that they were made "
            "stays, so the people whose words were in them can still see it."
        )
    wrote = (
        Passage.objects.filter(created_by=person).exclude(memo="").exists()
        or MatrixCell.objects.filter(updated_by=person).exclude(summary="").exists()
    )
    if wrote:
        sentences.append(
            "The memos and matrix summaries you wrote in research projects are deleted."
        )
    return sentences


def erase(person: User, pseudonym: str) -> None:
    OtherName.objects.filter(person=person).delete()
    for export in Export.objects.filter(created_by=person).exclude(file_name=""):
        default_storage.delete(export.file_name)
    # The redactions are words from other people's texts, kept only to make the files.
    Export.objects.filter(created_by=person).update(file_name="", redactions=[])
    Passage.objects.filter(created_by=person).update(memo="")
    MatrixCell.objects.filter(updated_by=person).delete()


def retention_jobs() -> list[RetentionJob]:
    return [
        RetentionJob(
            key="research_exports",
            description="research export files past their expiry (the record of the export "
            "stays: who made it, when, which items, the file's SHA-256)",
            setting="RESEARCH_EXPORT_EXPIRY_HOURS",
            run=lambda now: exports_delete_expired(now),
        ),
        RetentionJob(
            key="research_orphaned_files",
            description="files in the exports folder that no export names (left half-written "
            "by a full disk or a crash)",
            setting="",
            run=lambda now: export_files_delete_orphaned(now),
        ),
        RetentionJob(
            key="research_withdrawn_copies",
            description="anonymised copies, in research projects, of items whose owners "
            "withdrew research use (a safety net: withdrawing removes them at once)",
            setting="",
            run=lambda now: project_items_purge_withdrawn(),
        ),
    ]


def names_leave(replace: Callable[[str], str]) -> None:
    redactions_name_replace(replace=replace)
