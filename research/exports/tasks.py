"""Background work for research, through django.tasks (the django-tasks-db worker runs it).

- ``select_export_items``: choose a draft export's items.
- ``make_export``: make the export (the ZIP, or the copy for the analysis).

The work itself is in research/exports/making.py; services queue these tasks. Deleting expired
export files and purging analysis text whose grant ended are retention jobs
(research/data_rights.py), run every night with every other app's.
"""

from __future__ import annotations

from django.tasks import task

from research.exports.making import export_choose_items, export_make


@task
def select_export_items(export_id: str) -> None:
    export_choose_items(export_id)


@task
def make_export(export_id: str) -> None:
    export_make(export_id)
