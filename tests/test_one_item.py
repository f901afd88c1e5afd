"""An item page fetches its one item by its id and decides the one rule for the item in hand:
the same answer as the list rule (`visible`) for every viewer and every mix of shares, without
putting the list rule's query together for one row."""

from __future__ import annotations

import random
import uuid

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from consent.policy import get_item_for_user, visible
from interviews.models import Interview, Status
from reflections.access import with_details
from reflections.models import ReflectiveNote
from tests.factories import UserFactory
from tests.factories_interviews import interview_at
from tests.factories_items import NoteFactory
from tests.helpers import share, share_at_random

pytestmark = pytest.mark.django_db


def fetched(queryset, viewer, item_id):
    """What an item page gets: the item, or None where it answers 404."""
    request = RequestFactory().get("/")
    request.user = viewer
    try:
        return get_item_for_user(request, queryset, item_id, how=None)
    except Http404:
        return None


def by_the_rule(model, viewer, item_id):
    return visible(model.objects.all(), viewer).filter(pk=item_id).first()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_an_item_page_sees_exactly_what_the_rule_lets_each_viewer_see(cast, seed):
    rng = random.Random(seed)
    owners = [cast.owner, cast.member, cast.gp, UserFactory()]
    prompt = _a_prompt()
    notes = []
    for _ in range(25):
        note = NoteFactory(owner=rng.choice(owners))
        if rng.random() < 0.5:
            note.answers.create(prompt=prompt, answer="An answer")
        share_at_random(note, rng)
        notes.append(note)
    viewers = (
        cast.owner,
        cast.member,
        cast.gp,
        cast.researcher,
        cast.facilitator,
        cast.superuser,
        cast.deactivated,
        cast.outsider,
    )
    for viewer in viewers:
        for note in notes:
            expected = by_the_rule(ReflectiveNote, viewer, note.pk)
            got = fetched(with_details(ReflectiveNote.objects.all()), viewer, note.pk)
            assert (got is None) == (expected is None), (viewer.display_name, note.pk)
            if got is not None:
                assert got.viewer_sees_name == expected.viewer_sees_name
                assert [answer.pk for answer in got.answers.all()] == [
                    answer.pk for answer in note.answers.all()
                ]


def test_an_interview_page_sees_what_the_rule_gives_its_interviewer_and_others(cast):
    """A kind seen another way (an interview by its interviewer) is decided by the rule too."""
    held = interview_at(Status.CONDUCTED, interviewer=cast.researcher)
    shared = interview_at(Status.CONDUCTED)
    share(shared, researchers=True)
    for viewer in (cast.researcher, cast.gp, cast.outsider, cast.deactivated):
        for interview in (held, shared):
            expected = by_the_rule(Interview, viewer, interview.pk)
            got = fetched(Interview.objects.all(), viewer, interview.pk)
            assert (got is None) == (expected is None)
            if got is not None:
                assert got.viewer_sees_name == expected.viewer_sees_name


def test_her_own_note_page_reads_her_note_by_its_id_without_the_list_rule(cast, client):
    note = NoteFactory(owner=cast.owner)
    client.force_login(cast.owner)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/notes/{note.pk}/")
    assert response.status_code == 200
    assert not [
        query["sql"] for query in queries.captured_queries if "UNION" in query["sql"].upper()
    ]


def test_a_note_someone_may_not_see_has_nothing_of_it_read_beyond_its_row(cast, client):
    """A 404 reads no answer of the note, no draft, no share: only whether it may be seen."""
    note = NoteFactory(owner=cast.owner)
    note.answers.create(prompt=_a_prompt(), answer="Something private")
    client.force_login(cast.gp)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/notes/{note.pk}/")
    assert response.status_code == 404
    read = " ".join(query["sql"] for query in queries.captured_queries)
    assert "reflections_noteanswer" not in read
    assert "reflections_notedraft" not in read


def _a_prompt():
    from reflections.models import ReflectionPrompt

    return ReflectionPrompt.objects.create(text="What would you tell the surgery?")


def test_a_note_she_may_not_see_asks_the_database_what_a_missing_note_does(cast, client):
    """Not visible answers exactly like not existing, in the queries made too (so in the time
    taken): no extra question is asked only of a note that exists."""
    note = NoteFactory(owner=cast.owner)
    share(note, members=False)
    client.force_login(cast.gp)
    asked = []
    for note_id in (note.pk, uuid.uuid4()):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/notes/{note_id}/")
        assert response.status_code == 404
        asked.append([_shape(query["sql"], note_id) for query in queries.captured_queries])
    assert asked[0] == asked[1]


def _shape(sql: str, note_id) -> str:
    return sql.replace(str(note_id).replace("-", ""), "<id>").replace(str(note_id), "<id>")
