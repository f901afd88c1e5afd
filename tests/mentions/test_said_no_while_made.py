"""Someone named says no to research use of passages about her while an export is being made:
the export, as it finishes, leaves her passages as a finished one would (its file deleted,
the analysis made again). Before, only what was already made was checked, and an export
finishing a moment later kept the passage about her under her pseudonym."""

from __future__ import annotations

import pytest

from mentions import services
from people.models import Role
from research.analysis.models import ProjectItem
from research.exports.services import export_start
from research.models import Export
from tests.factories import UserFactory
from tests.factories_reflections import write_note
from tests.factories_research import draft_export, make_project
from tests.helpers import share

pytestmark = pytest.mark.django_db

ABOUT_RUTH = "Ruth told me she was shouted at by name at the front desk."


@pytest.fixture
def ruth():
    person = UserFactory(display_name="Ruth Example", roles=[Role.MEMBER])
    services.research_choice_set(person=person, research_use=True)
    sam = UserFactory(display_name="Sam Sample", roles=[Role.MEMBER])
    share(write_note(sam, title="", body=f"It was cold. {ABOUT_RUTH}"), research_use=True)
    return person


def test_a_file_finished_after_she_said_no_is_withdrawn(
    cast, ruth, monkeypatch, django_capture_on_commit_callbacks
):
    from research.exports import making, tasks
    from research.exports.recheck import export_files_withdraw_showing

    export = draft_export(make_project(cast.researcher), cast.researcher)
    write = making.write_export_zip

    def no_as_it_is_written(*args, **kwargs):
        tally = write(*args, **kwargs)  # the passage about her is in the file
        services.research_choice_set(person=ruth, research_use=False)
        # Its task runs at once, in another worker, while this export is not done yet.
        export_files_withdraw_showing(person_id=ruth.pk)
        return tally

    class RanAlready:
        """The task her "no" queues, which ran in another worker as it happened (above)."""

        @staticmethod
        def enqueue(*args, **kwargs):
            return None

    monkeypatch.setattr(making, "write_export_zip", no_as_it_is_written)
    monkeypatch.setattr(tasks, "withdraw_files_showing", RanAlready)
    with django_capture_on_commit_callbacks(execute=True):
        export_start(export=export, by=cast.researcher)

    export.refresh_from_db()
    assert export.status == Export.Status.DONE
    assert export.file_name == ""
    assert export.file_withdrawn_because == Export.Withdrawal.NAMED


def test_the_analysis_made_after_she_said_no_keeps_nothing_about_her(
    cast, ruth, monkeypatch, django_capture_on_commit_callbacks
):
    from research.exports import making

    export = draft_export(make_project(cast.researcher), cast.researcher, purpose="analysis")
    store = making.project_items_store

    def no_as_it_is_stored(**kwargs):
        services.research_choice_set(person=ruth, research_use=False)
        return store(**kwargs)  # anonymised before her no, with the passage about her

    monkeypatch.setattr(making, "project_items_store", no_as_it_is_stored)
    with django_capture_on_commit_callbacks(execute=True):
        export_start(export=export, by=cast.researcher)

    (item,) = ProjectItem.objects.all()
    assert "shouted" not in item.text
    assert "It was cold." in item.text
