"""Background work for research, through django.tasks (the django-tasks-db worker runs it).

- ``select_export_items``: choose a draft export's items.
- ``make_export``: make the export (the ZIP, or the copy for the analysis).
- ``withdraw_files_showing``: someone said no to research use of passages about her; the
  export files still on the server that show one are deleted.

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


@task
def withdraw_files_showing(person_id: str) -> None:
    from research.exports.recheck import export_files_withdraw_showing

    export_files_withdraw_showing(person_id=person_id)
