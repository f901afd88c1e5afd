"""A passage that names a member goes to research only if she said yes, whatever kind of item
it is in: a reflective note and an interview as much as minutes (issue 15, point 5). In an
export her name becomes her pseudonym, the code her own notes carry: a passage about her she
never agreed to would tie what someone else said of her to her.

The writer's own name is hers to give: a note that names its writer, or a transcript its
interviewee, keeps the sentence."""

from __future__ import annotations

import pytest
from django.urls import reverse

from interviews.models import Status
from mentions import services
from people.models import Role
from research.analysis.models import ProjectItem
from tests.factories import UserFactory
from tests.factories_interviews import interview_at
from tests.factories_reflections import write_note
from tests.factories_research import made_export, make_project
from tests.helpers import share
from tests.research.exports import csv_rows, zip_of

pytestmark = pytest.mark.django_db

ABOUT_RUTH = "Ruth told me she was shouted at by name at the front desk."


@pytest.fixture
def ruth():
    return UserFactory(display_name="Ruth Example", roles=[Role.MEMBER])


@pytest.fixture
def sam():
    return UserFactory(display_name="Sam Sample", roles=[Role.MEMBER])


def exported(cast, kinds=("note",)):
    export = made_export(make_project(cast.researcher), cast.researcher, kinds=kinds)
    archive = zip_of(export)
    return [row["text"] for row in csv_rows(archive)], archive.read("README.txt").decode()


def note_by(writer, body):
    note = write_note(writer, title="After the meeting", body=body)
    share(note, research_use=True)
    return note


def test_a_note_naming_her_goes_to_research_without_that_passage(cast, ruth, sam):
    note_by(sam, f"The waiting room was cold. {ABOUT_RUTH} I left early.")

    (text,), readme = exported(cast)

    assert "shouted" not in text
    assert "The waiting room was cold." in text
    assert "I left early." in text
    assert "names someone who did not agree" in readme
    assert "wrote about her): 1" in readme


def test_once_she_said_yes_the_note_takes_the_passage_with_her_pseudonym(cast, ruth, sam):
    services.research_choice_set(person=ruth, research_use=True)
    note_by(sam, f"The waiting room was cold. {ABOUT_RUTH}")

    (text,), _ = exported(cast)

    assert "shouted at by name" in text
    assert "Ruth" not in text


def test_a_note_naming_its_writer_keeps_the_sentence(cast, ruth):
    note_by(ruth, "Ruth, they said, as if I were not there. Ruth is my name, not a number.")

    (text,), _ = exported(cast)

    assert "as if I were not there" in text
    assert "not a number" in text
    assert "Ruth" not in text


def test_an_interview_keeps_what_she_says_of_herself_and_not_what_she_says_of_another(
    cast, ruth, sam
):
    transcript = (
        "Interviewer: How did it feel?\n\n"
        "Participant: I am Sam and I was nervous.\n\n"
        f"Participant: {ABOUT_RUTH}"
    )
    interview = interview_at(Status.READY, interviewee=sam, transcript=transcript)
    share(interview, research_use=True, by=sam)

    (text,), readme = exported(cast, kinds=("interview",))

    assert "I was nervous." in text
    assert "shouted" not in text
    assert "wrote about her): 1" in readme


def test_the_analysis_never_keeps_a_passage_about_her_she_did_not_agree_to(cast, ruth, sam):
    note_by(sam, f"The waiting room was cold. {ABOUT_RUTH}")

    made_export(make_project(cast.researcher), cast.researcher, purpose="analysis")

    (item,) = ProjectItem.objects.all()
    assert "The waiting room was cold." in item.text
    assert "shouted" not in item.text


def test_sharing_for_research_and_her_choice_say_that_passages_about_others_need_their_yes(
    client, ruth, sam
):
    note = write_note(sam, title="After the meeting", body="The chairs were hard.")
    client.force_login(sam)
    sharing = client.get(reverse("share", args=["note", note.pk])).text
    assert "goes in only if she said yes to research use of what others write" in sharing

    client.force_login(ruth)
    choice = client.get(reverse("mentions_mine")).text
    assert "their reflective notes, interviews" in choice


def test_a_note_all_about_her_is_left_out_and_the_export_says_why(cast, ruth, sam):
    note_by(sam, "The chairs were hard.")
    about_her = write_note(sam, title="", body=ABOUT_RUTH)
    share(about_her, research_use=True)

    export = made_export(make_project(cast.researcher), cast.researcher)
    archive = zip_of(export)

    assert [row["text"] for row in csv_rows(archive)] == [
        "After the meeting\n\nThe chairs were hard."
    ]
    readme = archive.read("README.txt").decode()
    assert "every passage in it names someone who did not agree:\n1" in readme
    assert export.left_out_count == 1


def test_a_large_export_leaves_the_passage_out_in_its_other_processes_too(
    cast, ruth, sam, settings
):
    from research.exports import run

    settings.EXPORT_SPREAD_FROM, settings.EXPORT_PROCESSES = 1, 2
    note_by(sam, f"The waiting room was cold. {ABOUT_RUTH}")
    note_by(sam, "Nobody rushed anyone.")

    export = made_export(make_project(cast.researcher), cast.researcher)
    archive = zip_of(export)

    assert run.processes_for(export) == 2
    texts = [row["text"] for row in csv_rows(archive)]
    assert len(texts) == 2
    assert not any("shouted" in text for text in texts)
    assert "wrote about her): 1" in archive.read("README.txt").decode()


def test_saying_no_later_takes_her_passages_out_of_the_analysis_at_once(cast, ruth, sam):
    from research.analysis.models import Passage
    from research.analysis.services import passages_code
    from research.analysis.spans import Span

    services.research_choice_set(person=ruth, research_use=True)
    note_by(sam, f"The waiting room was cold. {ABOUT_RUTH}")
    project = make_project(cast.researcher)
    made_export(project, cast.researcher, purpose="analysis")
    item = ProjectItem.objects.get()
    assert "shouted" in item.text
    cold = item.text.index("The waiting room was cold.")
    about_her = item.text.index("told me she was shouted")
    passages_code(
        item=item,
        spans=[
            Span(cold, cold + len("The waiting room was cold.")),
            Span(about_her, len(item.text)),
        ],
        themes=[project.themes.first()],
        memo="",
        by=cast.researcher,
    )

    services.research_choice_set(person=ruth, research_use=False)

    item.refresh_from_db()
    assert "shouted" not in item.text
    assert "The waiting room was cold." in item.text
    (kept,) = Passage.objects.filter(item=item)
    assert item.text[kept.start : kept.end] == "The waiting room was cold."


def test_saying_no_leaves_what_others_wrote_of_someone_else_as_it_was(cast, ruth, sam):
    services.research_choice_set(person=sam, research_use=True)
    services.research_choice_set(person=ruth, research_use=True)
    note_by(ruth, "Sam Sample made tea for everyone.")
    made_export(make_project(cast.researcher), cast.researcher, purpose="analysis")
    before = ProjectItem.objects.get().text

    services.research_choice_set(person=ruth, research_use=False)

    assert ProjectItem.objects.get().text == before


def test_a_passage_she_takes_out_leaves_the_analysis_at_once(
    cast, ruth, django_capture_on_commit_callbacks
):
    from meetings.minutes import services as minutes_services
    from mentions.models import Mention
    from tests.factories_meetings import FacilitatorFactory, MeetingFactory, in_days

    services.research_choice_set(person=ruth, research_use=True)
    faye = FacilitatorFactory(display_name="Faye")
    meeting = MeetingFactory(starts_at=in_days(-2), ends_at=in_days(-2, hour=20))
    with django_capture_on_commit_callbacks(execute=True):
        minutes = minutes_services.minutes_write(
            meeting=meeting,
            body=f"We talked about reception. {ABOUT_RUTH}",
            audience="group",
            by=faye,
        )
    share(minutes, group=False, research_use=True)
    made_export(
        make_project(cast.researcher), cast.researcher, kinds=("minutes",), purpose="analysis"
    )
    assert "shouted" in ProjectItem.objects.get().text

    services.mention_answer(
        mention=Mention.objects.get(owner=ruth), state=Mention.State.PASSAGE_OUT, by=ruth
    )

    item = ProjectItem.objects.get()
    assert "shouted" not in item.text
    assert "We talked about reception." in item.text


def test_the_preview_says_how_many_passages_it_left_out_and_why(client, cast, ruth, sam):
    from tests.factories_research import draft_export
    from tests.helpers import sign_in_recently

    note_by(sam, f"The waiting room was cold. {ABOUT_RUTH}")
    export = draft_export(make_project(cast.researcher), cast.researcher)
    sign_in_recently(client, cast.researcher)

    page = client.get(reverse("export_preview", args=[export.pk])).text

    assert "The waiting room was cold." in page
    assert "shouted" not in page
    assert "1 passage left out: it names someone who did not agree" in page


def test_saying_no_with_nothing_in_any_analysis_costs_two_queries_more(
    cast, ruth, django_assert_num_queries
):
    services.research_choice_set(person=ruth, research_use=True)
    make_project(cast.researcher)
    # Two savepoints, her choice read and written, the action logged; then the exports being
    # made locked (research.exports.meanwhile) and her pseudonyms.
    with django_assert_num_queries(9):
        services.research_choice_set(person=ruth, research_use=False)


def test_saying_no_later_deletes_a_file_on_the_server_that_shows_a_passage_about_her(
    client, cast, ruth, sam, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    from research.exports.models import Export

    services.research_choice_set(person=ruth, research_use=True)
    note_by(sam, f"The waiting room was cold. {ABOUT_RUTH}")
    project = make_project(cast.researcher)
    about_her = made_export(project, cast.researcher)
    name = about_her.file_name
    assert "shouted" in csv_rows(zip_of(about_her))[0]["text"]

    with django_capture_on_commit_callbacks(execute=True):
        services.research_choice_set(person=ruth, research_use=False)

    about_her.refresh_from_db()
    assert about_her.file_name == ""
    assert about_her.file_withdrawn_because == Export.Withdrawal.NAMED
    assert not default_storage.exists(name)
    notice = cast.researcher.notices.get()
    assert "said no to research use of passages about them" in notice.text
    client.force_login(cast.researcher)
    page = client.get(reverse("export_detail", args=[about_her.pk])).text
    assert "someone named in it said no to research use of passages about them" in page


def test_saying_no_leaves_a_file_that_shows_nothing_about_her(
    cast, ruth, sam, django_capture_on_commit_callbacks
):
    services.research_choice_set(person=ruth, research_use=True)
    note_by(sam, "Nobody rushed anyone.")
    note_by(ruth, "Ruth Example wrote this about herself.")
    export = made_export(make_project(cast.researcher), cast.researcher)

    with django_capture_on_commit_callbacks(execute=True):
        services.research_choice_set(person=ruth, research_use=False)

    export.refresh_from_db()
    assert export.file_name


def test_a_file_gone_from_the_server_does_not_stop_the_others_being_withdrawn(
    cast, ruth, sam, django_capture_on_commit_callbacks
):
    from django.core.files.storage import default_storage

    services.research_choice_set(person=ruth, research_use=True)
    note_by(sam, f"The waiting room was cold. {ABOUT_RUTH}")
    project = make_project(cast.researcher)
    kept = made_export(project, cast.researcher)
    gone = made_export(project, cast.researcher)  # the newer: looked at first
    default_storage.delete(gone.file_name)  # the nightly expiry got there first

    with django_capture_on_commit_callbacks(execute=True):
        services.research_choice_set(person=ruth, research_use=False)

    kept.refresh_from_db()
    assert kept.file_name == ""


def test_an_analysed_item_all_about_her_leaves_the_analysis_when_she_says_no(
    client, cast, ruth, sam
):
    from research.analysis.matrix import project_cases
    from research.analysis.services import passages_code
    from research.analysis.spans import Span

    services.research_choice_set(person=ruth, research_use=True)
    share(write_note(sam, title="", body=ABOUT_RUTH), research_use=True)
    project = make_project(cast.researcher)
    made_export(project, cast.researcher, purpose="analysis")
    item = ProjectItem.objects.get()
    passages_code(
        item=item,
        spans=[Span(0, len(item.text))],
        themes=[project.themes.first()],
        memo="",
        by=cast.researcher,
    )

    services.research_choice_set(person=ruth, research_use=False)

    item.refresh_from_db()
    assert item.text == ""
    assert item.passages_removed == 1
    assert not ProjectItem.objects.in_analysis().filter(pk=item.pk).exists()
    assert project_cases(project) == []
    client.force_login(cast.researcher)
    page = client.get(reverse("project_detail", args=[project.pk])).text
    assert reverse("item_code", args=[project.pk, item.pk]) not in page
    assert "1 coded passage removed so far" in page
    assert "someone named said no" in page
