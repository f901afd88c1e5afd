"""What an export holds: only items with a current research-use grant, anonymised, as valid
REFI-QDA with its coding in place, every file in the manifest, each note's answers under their
questions."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from consent import services as consent_services
from mentions import services as mention_services
from reflections.models import ReflectiveNote
from research.models import Export, ExportItem, ProjectItem
from research.refi_qda import validate_codebook_xml, validate_qdpx
from tests.factories import UserFactory
from tests.factories_items import NoteFactory
from tests.factories_research import (
    SensitiveTermFactory,
    draft_export,
    granted_note,
    made_export,
    make_project,
)
from tests.helpers import share, sign_in_recently
from tests.research.exports import csv_rows, zip_of

pytestmark = pytest.mark.django_db


def test_an_export_holds_only_items_with_a_current_research_grant_when_it_is_made(cast):
    project = make_project(cast.researcher)
    kept = granted_note(owner=cast.owner, body="Kept: the waiting room felt calm.")
    withdrawn = granted_note(owner=cast.member, body="Withdrawn: I do not want this used.")
    NoteFactory(owner=cast.member, body="Never granted: private.")
    share(NoteFactory(owner=cast.member, body="Shared with GPs only."), gps=False)

    export = draft_export(project, cast.researcher)
    assert export.progress_total == 2
    # The owner says no after the researcher checked the preview, before the file is made.
    consent_services.shares_withdraw_all(item=withdrawn, by=cast.member)
    from research.exports.services import export_start

    export_start(export=export, by=cast.researcher)
    export.refresh_from_db()

    assert export.status == Export.Status.DONE
    assert (export.item_count, export.left_out_count) == (1, 1)
    archive = zip_of(export)
    rows = csv_rows(archive)
    assert [row["text"] for row in rows] == [f"{kept.title}\n\nKept: the waiting room felt calm."]
    everything = b"".join(archive.read(name) for name in archive.namelist())
    for absent in (b"Withdrawn:", b"Never granted", b"Shared with GPs"):
        assert absent not in everything
    states = dict(ExportItem.objects.filter(export=export).values_list("item_id", "state"))
    assert states == {kept.pk: "exported", withdrawn.pk: "left_out"}


def test_the_project_file_and_the_codebook_are_valid_refi_qda_with_the_coding(cast):
    from research.analysis.services import passages_code
    from research.analysis.spans import Span

    project = make_project(cast.researcher)
    safety = project.themes.get(name="Safety")
    child = project.themes.create(name="The waiting room", parent=safety, position=1)
    granted_note(owner=cast.owner, body="I felt safe in the waiting room & the <reception>.")
    made_export(project, cast.researcher, purpose="analysis")
    item = ProjectItem.objects.get(project=project)
    start = item.text.index("I felt safe")
    passages_code(
        item=item,
        spans=[Span(start, start + 11)],
        themes=[safety, child],
        memo="Safety memo",
        by=cast.researcher,
    )

    export = made_export(project, cast.researcher)
    archive = zip_of(export)
    qdpx = io.BytesIO(archive.read("project.qdpx"))
    validate_qdpx(qdpx)
    validate_codebook_xml(archive.read("codebook.qdc"))

    with zipfile.ZipFile(qdpx) as inner:
        project_xml = inner.read("project.qde").decode()
        (source_name,) = [name for name in inner.namelist() if name.startswith("sources/")]
        source_text = inner.read(source_name).decode()
    assert 'name="The waiting room"' in project_xml
    assert "Safety memo" in project_xml
    assert f'startPosition="{start}" endPosition="{start + 11}"' in project_xml
    assert source_text[start : start + 11] == "I felt safe"
    # Two themes on the passage, and the case coding the whole text (for QualCoder).
    assert project_xml.count("<CodeRef") == 3
    assert re.search(r'<Case [^>]*name="P0\d"', project_xml)


def test_coding_follows_the_text_when_more_words_are_taken_out_for_the_file(client, cast):
    from research.analysis.services import passages_code
    from research.analysis.spans import Span
    from research.exports.services import redaction_add

    project = make_project(cast.researcher)
    granted_note(owner=cast.owner, title="", body="Karen was there. I felt safe and heard.")
    made_export(project, cast.researcher, purpose="analysis")
    item = ProjectItem.objects.get(project=project)
    start = item.text.index("I felt safe")
    passages_code(
        item=item,
        spans=[Span(start, len(item.text))],
        themes=[project.themes.get(name="Safety")],
        memo="",
        by=cast.researcher,
    )
    export = draft_export(project, cast.researcher)
    redaction_add(export=export, words="Karen", by=cast.researcher)
    from research.exports.services import export_start

    export_start(export=export, by=cast.researcher)
    export.refresh_from_db()
    with zipfile.ZipFile(io.BytesIO(zip_of(export).read("project.qdpx"))) as inner:
        xml = inner.read("project.qde").decode()
        text = next(
            inner.read(name).decode() for name in inner.namelist() if name.startswith("sources/")
        )
    assert text == "[REDACTED] was there. I felt safe and heard."
    new_start = text.index("I felt safe")
    assert f'startPosition="{new_start}" endPosition="{len(text)}"' in xml


def test_the_manifest_gives_the_sha256_of_every_file_in_the_zip(cast):
    project = make_project(cast.researcher)
    granted_note(owner=cast.owner)
    granted_note(owner=cast.member)
    export = made_export(project, cast.researcher)
    archive = zip_of(export)
    manifest = json.loads(archive.read("manifest.json"))

    assert manifest["item_count"] == 2
    assert manifest["consent_snapshot_at"] == export.snapshot_at.isoformat()
    names = set(archive.namelist()) - {"manifest.json"}
    assert set(manifest["files"]) == names
    assert names >= {"items.csv", "items.json", "project.qdpx", "codebook.qdc", "README.txt"}
    for name, facts in manifest["files"].items():
        content = archive.read(name)
        assert hashlib.sha256(content).hexdigest() == facts["sha256"], name
        assert len(content) == facts["bytes"]
    with default_storage.open(export.file_name, "rb") as stored:
        assert hashlib.sha256(stored.read()).hexdigest() == export.sha256


def test_the_files_are_anonymised_and_the_json_matches_the_csv(cast):
    SensitiveTermFactory(term="Acacia House", label="SERVICE")
    # The GP said yes to research use of passages about her: the sentence naming her goes.
    mention_services.research_choice_set(person=cast.gp, research_use=True)
    project = make_project(cast.researcher)
    granted_note(
        owner=cast.owner,
        title="",
        body="Olive Owner met Dr Gita Practitioner at Acacia House. Call 07700 900123.",
    )
    archive = zip_of(made_export(project, cast.researcher))
    (row,) = csv_rows(archive)
    assert row["pseudonym"] in ("P01", "P02", "P03")  # members are numbered in a random order
    assert row["text"] == f"{row['pseudonym']} met GP1 at [SERVICE]. Call [PHONE]."
    assert (row["role"], row["kind"]) == ("member", "reflective note")
    assert json.loads(archive.read("items.json")) == [row]
    readme = archive.read("README.txt").decode()
    assert "[SERVICE]: 1" in readme
    assert "[PHONE]: 1" in readme
    assert "Acacia House" not in readme
    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert b"Olive" not in everything
    assert b"Gita" not in everything


def test_words_taken_out_by_hand_become_redacted_and_only_their_number_is_told(client, cast):
    project = make_project(cast.researcher)
    granted_note(owner=cast.owner, title="", body="Karen from next door came with me.")
    export = draft_export(project, cast.researcher)
    sign_in_recently(client, cast.researcher)
    response = client.post(reverse("export_redact", args=[export.pk]), {"words": " Karen "})
    assert response.status_code == 302
    preview = client.get(reverse("export_preview", args=[export.pk])).content.decode()
    assert "[REDACTED]" in preview
    assert "Karen from next door" not in preview

    client.post(reverse("export_start", args=[export.pk]))
    export.refresh_from_db()
    archive = zip_of(export)
    assert csv_rows(archive)[0]["text"] == "[REDACTED] from next door came with me."
    readme = archive.read("README.txt").decode()
    assert "took out 1 word or phrase by hand" in readme
    assert "Karen" not in readme


def test_the_export_skips_empty_texts_and_takes_every_kind_that_can_be_exported(cast):
    from tests.factories_meetings import MinutesFactory

    project = make_project(cast.researcher)
    granted_note(owner=cast.owner, title="", body="   ")
    minutes = MinutesFactory(owner=cast.facilitator, body="We agreed on quieter reception.")
    share(minutes, research_use=True)
    export = made_export(project, cast.researcher, kinds=("note", "minutes", "interview"))
    (row,) = csv_rows(zip_of(export))
    assert row["text"] == "We agreed on quieter reception."
    assert row["kind"] == "minutes"
    assert row["meeting"] == str(minutes.meeting)
    assert row["role"] == "support worker"


def test_dates_and_meetings_narrow_the_choice(cast):
    from tests.factories_meetings import MinutesFactory

    project = make_project(cast.researcher)
    old = granted_note(owner=cast.owner, body="Old.")
    old.created_at = timezone.now() - timedelta(days=400)
    old.save()
    granted_note(owner=cast.owner, body="New.")
    export = draft_export(
        project, cast.researcher, date_from=timezone.localdate() - timedelta(days=30)
    )
    assert export.progress_total == 1

    chosen, other = MinutesFactory(body="Chosen."), MinutesFactory(body="Other.")
    share(chosen, research_use=True)
    share(other, research_use=True)
    export = draft_export(
        project, cast.researcher, kinds=("note", "minutes"), meeting_ids=[chosen.meeting_id]
    )
    assert list(ExportItem.objects.filter(export=export).values_list("item_id", flat=True)) == [
        chosen.pk
    ]


def test_an_interview_goes_out_only_once_ready_for_analysis_with_the_passages_kept(cast):
    from interviews import services as interview_services
    from interviews.models import Status
    from tests.factories_interviews import interview_at

    project = make_project(cast.researcher)
    reviewed = interview_at(Status.REVIEWED, interviewee=cast.owner, transcript="Not ready yet.")
    share(reviewed, research_use=True, by=cast.owner)
    ready = interview_at(
        Status.TRANSCRIBED,
        interviewee=cast.member,
        transcript="Participant: Keep this.\n\nParticipant: Take this out.",
    )
    passages = list(ready.passages.order_by("position"))
    interview_services.review_save(
        interview=ready, choices={passages[1].pk: (True, "")}, by=cast.member, finished=True
    )
    interview_services.interview_move(interview=ready, to=Status.READY, by=ready.interviewer)
    share(ready, research_use=True, by=cast.member)

    export = made_export(project, cast.researcher, kinds=("interview",))
    (row,) = csv_rows(zip_of(export))
    assert row["kind"] == "interview"
    assert "Keep this." in row["text"]
    assert "Take this out" not in row["text"]
    assert "Not ready yet" not in row["text"]


def _notes_with_answers(count: int) -> None:
    from reflections.models import ReflectionPrompt
    from tests.factories_reflections import write_note

    first, _ = ReflectionPrompt.objects.get_or_create(text="What helped?", defaults={"position": 1})
    second, _ = ReflectionPrompt.objects.get_or_create(
        text="What did not?", defaults={"position": 2}
    )
    for _ in range(count):
        note = write_note(
            UserFactory(),
            title="Tuesday",
            body="The rest of it.",
            answers=[(first, "Being asked first."), (second, "The waiting room.")],
        )
        share(note, research_use=True)


def test_a_notes_answers_go_out_under_their_questions_in_order_between_title_and_body(cast):
    _notes_with_answers(1)
    export = made_export(make_project(cast.researcher), cast.researcher)
    [row] = csv_rows(zip_of(export))
    assert row["text"] == (
        "Tuesday\n\nWhat helped?\nBeing asked first.\n\n"
        "What did not?\nThe waiting room.\n\nThe rest of it."
    )


def test_choosing_and_making_cost_the_same_queries_for_few_and_many_notes_with_answers(
    cast, django_assert_max_num_queries
):
    project = make_project(cast.researcher)

    def queries(count: int) -> int:
        _notes_with_answers(count)
        with django_assert_max_num_queries(200) as captured:
            export = made_export(project, cast.researcher)
        assert export.item_count == count
        ReflectiveNote.objects.all().delete()
        return len(captured.captured_queries)

    assert queries(2) == queries(20)


def test_every_member_of_the_export_can_be_read_as_a_stream_without_the_zips_directory(cast):
    """Written in one pass, a member's size comes after it: a member stored as it is would then
    have no end a reader going through the file could find (Java's ZipInputStream, some
    unzip tools); a deflated one says where it ends."""
    granted_note(owner=cast.owner)
    export = made_export(make_project(cast.researcher), cast.researcher)
    archive = zip_of(export)
    written_in_one_pass = [info for info in archive.infolist() if info.flag_bits & 0x08]
    assert written_in_one_pass
    for info in written_in_one_pass:
        assert info.compress_type == zipfile.ZIP_DEFLATED, info.filename
    project = zipfile.ZipFile(io.BytesIO(archive.read("project.qdpx")))
    for info in project.infolist():
        assert info.compress_type == zipfile.ZIP_DEFLATED, info.filename
