"""When someone says no to research use of passages about her, after saying yes: the
analysis stops holding them at once.

Each project's analysis keeps anonymised texts, where her name became her pseudonym. Every item
whose text shows her pseudonym is made again from its item, as an export would make it now
(without the passages about her), with the anonymiser of the export that added it, and its
coding carried over (research.analysis.services.project_item_retext). The workspace does this
itself: nobody reads the items. Every export file still on the server in which her pseudonym
shows in someone else's item is deleted, and its researcher told (`export_files_withdraw_showing`,
a task: it reads the files).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from typing import Any

from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q, QuerySet

from consent.policy import research_use_granted_of_kind
from mentions.research import ResearchNames
from people.models import User
from research.analysis.models import ProjectItem
from research.analysis.services import project_item_retext
from research.anonymiser import Anonymiser
from research.exports.models import Export
from research.exports.run import anonymiser_for
from research.exports.withdrawal import file_withdraw
from research.granted import export_text, kind_or_none
from research.names.models import Pseudonym
from research.names.roster import USER, anonymiser_for_project


def analysis_recheck_for(*, person_id: Any) -> int:
    """Make again every analysed item that may hold a passage about this person (she said no
    to research use of them). Returns how many changed."""
    labels = _pseudonyms(person_id)
    if not labels:
        return 0
    showing_her = Q(pk__in=[])
    for project_key, label in labels.items():
        # PostgreSQL's word edges: "P04" and "P04/P07", never "P041".
        showing_her |= Q(project__key=project_key, text__regex=rf"\m{re.escape(label)}\M")
    return _make_again(ProjectItem.objects.filter(showing_her), by_id=person_id)


def _pseudonyms(person_id: Any) -> dict[str, str]:
    """Her pseudonym in each project that gave her one: {project key: label}."""
    rows = Pseudonym.objects.filter(subject_kind=USER, subject_id=person_id)
    return dict(rows.values_list("project_key", "label"))


def analysis_recheck_item(*, item_kind: str, item_id: Any, by_id: Any) -> int:
    """Make again an item in every project's analysis: someone took a passage of it out.
    Returns how many changed."""
    entries = ProjectItem.objects.filter(item_kind=item_kind, item_id=item_id)
    return _make_again(entries, by_id=by_id)


def _make_again(entries: QuerySet[ProjectItem], *, by_id: Any) -> int:
    analysed = list(entries.filter(withdrawn_at__isnull=True).select_related("project"))
    if not analysed:
        return 0  # the usual answer: one query, nothing compiled
    by = User.objects.get(pk=by_id)
    names = ResearchNames()
    anonymisers: dict[tuple[Any, Any], Anonymiser] = {}
    changed = 0
    # The items behind them, a query for each kind (never one for each item).
    granted: dict[tuple[str, Any], Any] = {}
    for kind_key in {entry.item_kind for entry in analysed}:
        kind = kind_or_none(kind_key)
        if kind is not None:
            ids = [entry.item_id for entry in analysed if entry.item_kind == kind_key]
            for item in research_use_granted_of_kind(kind).filter(pk__in=ids):
                granted[(kind_key, item.pk)] = item
    for entry in analysed:
        kind = kind_or_none(entry.item_kind)
        item = granted.get((entry.item_kind, entry.item_id))
        if kind is None or item is None:
            continue  # its owner withdrew research use: the analysis holds nothing of it
        key = (entry.project_id, entry.added_in_id)
        if key not in anonymisers:
            # The researcher's redactions for the export that added it, if it is still here.
            export = (
                Export.objects.filter(pk=entry.added_in_id).first()
                if entry.added_in_id is not None
                else None
            )
            anonymisers[key] = (
                anonymiser_for(export)
                if export is not None
                else anonymiser_for_project(entry.project.key)
            )
        text = export_text(kind, item, names=names)
        changed += project_item_retext(
            item=entry, anonymised=anonymisers[key].anonymise(text.text), by=by
        )
    return changed


def export_files_withdraw_showing(*, person_id: Any) -> list[Export]:
    """Delete every export file still on the server in which this person's pseudonym shows in
    someone else's item (she said no to research use of passages about her, or took one out),
    and tell each researcher. Her own items are hers to give. Returns the exports whose file
    went."""
    labels = _pseudonyms(person_id)
    made = (
        Export.objects.filter(
            purpose=Export.Purpose.FILE,
            status=Export.Status.DONE,
            file_withdrawn_at__isnull=True,
            project__key__in=labels,
        )
        .exclude(file_name="")
        .select_related("project")
    )
    withdrawn = []
    for export in made:
        label = labels[export.project.key]
        if not _shows(export.file_name, label):
            continue
        with transaction.atomic():
            locked = (
                Export.objects.select_for_update()
                .filter(pk=export.pk, file_withdrawn_at__isnull=True)
                .exclude(file_name="")
                .select_related("created_by")
                .first()
            )
            if locked is None:
                continue  # expired or withdrawn meanwhile
            file_withdraw(
                export=locked,
                because=Export.Withdrawal.NAMED,
                notice=f"Someone named in export {locked.reference} ({label} in its files) said "
                "no to research use of passages about them. Its file was deleted from the "
                f"server. Delete the passages that name {label} in other people's items from "
                "any copy you keep, and make the export again if you need it: they are left "
                "out now.",
                by=None,
                action="research.export.file_withdrawn",
                data={"because": Export.Withdrawal.NAMED},
            )
        withdrawn.append(export)
    return withdrawn


def _shows(file_name: str, label: str) -> bool:
    """Whether the pseudonym shows in an item of the file that is not that person's own. A file
    already gone (expired meanwhile) shows nothing; one that cannot be read is taken to."""
    pattern = re.compile(rf"(?<![A-Za-z0-9]){re.escape(label)}(?![A-Za-z0-9])")
    try:
        return _file_shows(file_name, label, pattern)
    except FileNotFoundError:
        return False
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, csv.Error):
        return True


def _file_shows(file_name: str, label: str, pattern: re.Pattern[str]) -> bool:
    with (
        default_storage.open(file_name, "rb") as stored,
        zipfile.ZipFile(stored) as archive,
        archive.open("items.csv") as member,
    ):
        rows = csv.DictReader(io.TextIOWrapper(member, encoding="utf-8", newline=""))
        return any(row["pseudonym"] != label and pattern.search(row["text"]) for row in rows)
