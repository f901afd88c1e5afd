"""Withdraw and delete: say plainly what happens, then do it at once, recorded with who did it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.urls import reverse

from consent.models import AccessEvent, Share, ShareWithdrawal
from reflections.models import NoteAnswer, NoteDraft, NoteVersion, ReflectiveNote
from tests.factories_reflections import PromptFactory, edit_note, write_note
from tests.helpers import share

pytestmark = pytest.mark.django_db

SECRET = "zebracorn: a word only this note holds"


def tables_holding(text: str) -> list[str]:
    """Every column (text, varchar, json, array or full-text index) holding `text`."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' "
            "AND data_type IN ('text', 'character varying', 'jsonb', 'tsvector', 'ARRAY')"
        )
        columns = cursor.fetchall()
        found = []
        for table, column in columns:
            cursor.execute(
                f'SELECT 1 FROM "{table}" WHERE "{column}"::text ILIKE %s LIMIT 1',  # noqa: S608
                [f"%{text}%"],
            )
            if cursor.fetchone():
                found.append(f"{table}.{column}")
    return found


def test_the_confirm_page_says_earlier_research_exports_may_include_it(client, cast):
    note = write_note(cast.owner, body=SECRET)
    share(note, group=False, research_use=True)
    client.force_login(cast.owner)
    page = client.get(reverse("note_delete", args=[note.pk]))
    assert "every earlier version are removed at once" in page.text
    assert "The people you shared it with stop seeing it straight away." in page.text
    assert "Research exports made before now may include it" in page.text
    assert "Researchers are told it was withdrawn, and asked to delete it" in page.text


def test_the_confirm_page_says_when_no_research_export_can_include_it(client, cast):
    note = write_note(cast.owner, body=SECRET)
    client.force_login(cast.owner)
    page = client.get(reverse("note_delete", args=[note.pk]))
    assert "so no research export includes it" in page.text
    assert "The people you shared it with" not in page.text
    assert ReflectiveNote.objects.filter(pk=note.pk).exists()


def test_deleting_removes_every_word_and_keeps_only_that_a_note_existed(client, cast):
    prompt = PromptFactory()
    note = write_note(cast.owner, title=SECRET, body=SECRET, answers=[(prompt, SECRET)])
    edit_note(note, title=SECRET, body=SECRET + " again", answers=[(prompt, SECRET)])
    NoteDraft.objects.create(note=note, data={"body": SECRET})
    share(note, group=False, research_use=True)
    client.force_login(cast.member)
    client.get(reverse("note_detail", args=[note.pk]))

    assert set(tables_holding("zebracorn")) >= {
        "reflections_reflectivenote.body",
        "reflections_reflectivenote.search_vector",
        "reflections_noteversion.body",
        "reflections_noteanswer.answer",
        "reflections_notedraft.data",
    }

    client.force_login(cast.owner)
    response = client.post(reverse("note_delete", args=[note.pk]))
    assert response["Location"] == reverse("my_notes")

    for model in (ReflectiveNote, NoteVersion, NoteAnswer, NoteDraft):
        assert not model.objects.exists(), model
    assert tables_holding("zebracorn") == []
    # The ledger and the access log keep that a note existed, and nothing of its words.
    withdrawals = ShareWithdrawal.objects.filter(share__item_id=note.pk)
    assert withdrawals.count() == 2
    assert {w.withdrawn_by for w in withdrawals} == {cast.owner}
    assert {w.reason for w in withdrawals} == {"The note was deleted."}
    assert AccessEvent.objects.filter(item_id=note.pk).exists()
    assert not Share.objects.current().filter(item_id=note.pk).exists()
    seen = client.get(reverse("seen"))
    assert "(deleted)" in seen.text
    assert SECRET not in seen.text


def test_nobody_else_can_delete_a_note_even_one_shared_with_them(client, cast):
    note = write_note(cast.owner, body=SECRET)
    share(note, group=False)
    for person in (cast.member, cast.gp, cast.facilitator, cast.superuser):
        client.force_login(person)
        assert client.post(reverse("note_delete", args=[note.pk])).status_code == 404
    assert ReflectiveNote.objects.filter(pk=note.pk).exists()


def test_stopping_sharing_works_at_once_and_says_what_happens_to_research_exports(client, cast):
    note = write_note(cast.owner, body=SECRET)
    share(note, group=False, research_use=True)
    client.force_login(cast.owner)
    response = client.post(reverse("stop_sharing", args=["note", note.pk]), follow=True)
    assert "Only you can see this now." in response.text
    assert "Research exports made before now may include it." in response.text
    client.force_login(cast.member)
    assert client.get(reverse("note_detail", args=[note.pk])).status_code == 404
