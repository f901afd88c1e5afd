"""Lists: my notes, notes shared with me, filters and search, all inside the one policy."""

from __future__ import annotations

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consent import services as consent_services
from consent.models import VIEWING_AUDIENCES, AccessEvent, Audience, Share
from consent.policy import can_view
from meetings.models import Meeting
from people.models import Role
from reflections.forms import NoteFilterForm
from reflections.list_views import LISTINGS, PAGE_SIZE, filtered
from reflections.models import NoteAnswer, ReflectiveNote
from tests.factories import UserFactory
from tests.factories_reflections import PromptFactory, make_meeting, write_note
from tests.helpers import share

pytestmark = pytest.mark.django_db


def test_my_notes_lists_mine_and_nobody_elses(client, cast):
    write_note(cast.owner, title="Mine")
    other = write_note(cast.member, title="Not mine")
    share(other, group=False)
    client.force_login(cast.owner)
    page = client.get(reverse("my_notes"))
    assert "Mine" in page.text
    assert "Not mine" not in page.text


def test_shared_with_me_shows_the_name_or_a_member_as_each_grant_says(client, cast):
    named = write_note(cast.owner, title="Named note")
    share(named, group=False)
    writer = UserFactory(display_name="Willow Writer", roles=[Role.MEMBER])
    anonymous = write_note(writer, title="Unnamed note")
    share(anonymous, group=True)
    client.force_login(cast.gp)
    page = client.get(reverse("notes_shared"))
    assert "By Olive Owner" in page.text
    assert "By a member" in page.text
    assert "Willow" not in page.text
    assert "Named note" in page.text
    assert "Unnamed note" in page.text


def test_a_list_of_others_notes_goes_into_their_access_log_and_mine_does_not(client, cast):
    mine = write_note(cast.member, title="Mine")
    theirs = write_note(cast.owner, title="Theirs")
    share(theirs, members=False)
    client.force_login(cast.member)
    client.get(reverse("note_search"))
    event = AccessEvent.objects.get()
    assert (event.item_id, event.viewer, event.how) == (theirs.pk, cast.member, "listed")
    assert not AccessEvent.objects.filter(item_id=mine.pk).exists()


def test_filter_by_meeting(client, cast):
    tuesday, thursday = make_meeting(days_ago=2), make_meeting(days_ago=9)
    write_note(cast.owner, title="About Tuesday", meeting=tuesday)
    write_note(cast.owner, title="About Thursday", meeting=thursday)
    write_note(cast.owner, title="About nothing")
    client.force_login(cast.owner)
    page = client.post(reverse("my_notes"), {"meeting": str(tuesday.pk)})
    assert "About Tuesday" in page.text
    assert "About Thursday" not in page.text
    assert "About nothing" not in page.text
    assert "Notes found: 1" in page.text


def test_the_meeting_filter_offers_only_meetings_that_notes_in_the_list_are_about(client, cast):
    mine, elsewhere = make_meeting(days_ago=2), make_meeting(days_ago=9)
    write_note(cast.owner, title="Mine", meeting=mine)
    write_note(cast.member, title="Private elsewhere", meeting=elsewhere)
    client.force_login(cast.owner)
    page = client.get(reverse("my_notes"))
    assert str(mine.pk) in page.text
    assert str(elsewhere.pk) not in page.text


def test_filter_by_prompt_in_notes_shared_with_me(client, cast):
    safe, change = PromptFactory.create_batch(2)
    answered = write_note(cast.owner, title="Felt safe", body="", answers=[(safe, "Yes")])
    other = write_note(cast.owner, title="Wants change", body="", answers=[(change, "More")])
    share(answered, group=False)
    share(other, group=False)
    client.force_login(cast.member)
    page = client.post(reverse("notes_shared"), {"prompt": str(safe.pk)})
    assert "Felt safe" in page.text
    assert "Wants change" not in page.text


def test_a_filter_that_is_not_valid_says_so_and_lists_everything(client, cast):
    write_note(cast.owner, title="Still listed")
    client.force_login(cast.owner)
    page = client.post(reverse("my_notes"), {"meeting": "not-a-meeting"})
    assert page.status_code == 200
    assert "There is a problem" in page.text
    assert "Still listed" in page.text


def test_search_finds_words_in_titles_bodies_and_answers_in_any_form(client, cast):
    prompt = PromptFactory()
    write_note(cast.owner, title="Gardening", body="x")
    write_note(cast.owner, title="B", body="We talked about the gardens")
    write_note(cast.owner, title="C", body="", answers=[(prompt, "the garden project")])
    write_note(cast.owner, title="D", body="Nothing about it")
    client.force_login(cast.owner)
    page = client.post(reverse("note_search"), {"q": "garden"})
    found = [note.title for note in page.context["notes"]]
    assert set(found) == {"Gardening", "B", "C"}
    assert found[0] == "Gardening"  # a match in the title ranks first


def test_search_does_not_look_at_unsaved_drafts(client, cast):
    note = write_note(cast.owner, body="Saved words")
    client.force_login(cast.owner)
    client.post(
        reverse("note_autosave", args=[note.pk]), {"body": "secret zebracorn", "version": 1}
    )
    page = client.post(reverse("note_search"), {"q": "zebracorn"})
    assert list(page.context["notes"]) == []


def test_search_for_someone_elses_private_words_finds_nothing(client, cast):
    write_note(cast.owner, title="Private", body="zebracorn")
    client.force_login(cast.member)
    page = client.post(reverse("note_search"), {"q": "zebracorn"})
    assert list(page.context["notes"]) == []
    assert "zebracorn" not in page.text.replace('value="zebracorn"', "")


def test_paging_keeps_the_filters(client, cast):
    prompt = PromptFactory()
    for number in range(PAGE_SIZE + 1):
        write_note(cast.owner, title=f"Note {number}", body="", answers=[(prompt, "a")])
    client.force_login(cast.owner)
    page = client.post(reverse("my_notes"), {"prompt": str(prompt.pk)})
    # The next page is posted with the filter, so nothing is in the address.
    assert f'<input type="hidden" name="prompt" value="{prompt.pk}">' in page.text
    assert 'name="page" value="2"' in page.text
    assert "?prompt=" not in page.text
    second = client.post(reverse("my_notes"), {"prompt": str(prompt.pk), "page": "2"})
    assert len(second.context["notes"]) == 1


# The client only carries a session: reusing it across examples changes nothing.
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=60))
def test_any_words_typed_into_search_give_a_page_not_an_error(client, cast, words):
    if not ReflectiveNote.objects.exists():
        write_note(cast.member, body="garden")  # so the search really runs against a note
    client.force_login(cast.member)
    assert client.post(reverse("note_search"), {"q": words}).status_code == 200


# The search property: for random people (roles, facilitation, active or not, with or
# without two-step sign-in) and random notes (owners, shares named or anonymous,
# withdrawn or not, research use), search returns exactly what the policy lets them see.
WORDS = {"garden": {"garden"}, "gardens": {"garden"}, "kitchen": {"kitchen"}}
WORDS["garden OR kitchen"] = {"garden", "kitchen"}

people_plans = st.fixed_dictionaries(
    {
        "roles": st.lists(st.sampled_from(Role.values), unique=True, max_size=2),
        "facilitator": st.booleans(),
        "active": st.booleans(),
        "mfa": st.booleans(),
    }
)
note_plans = st.fixed_dictionaries(
    {
        "owner": st.integers(min_value=0, max_value=3),
        "shares": st.dictionaries(
            st.sampled_from([audience.value for audience in VIEWING_AUDIENCES]),
            st.booleans(),
            max_size=3,
        ),
        "research_use": st.booleans(),
        "withdrawn": st.booleans(),
        "word": st.sampled_from(["garden", "kitchen"]),
    }
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    people=st.lists(people_plans, min_size=4, max_size=4),
    notes=st.lists(note_plans, min_size=1, max_size=6),
    query=st.sampled_from(sorted(WORDS)),
)
def test_search_never_returns_a_note_the_policy_hides(db, people, notes, query):
    with transaction.atomic():
        users = [
            UserFactory(roles=plan["roles"], is_facilitator=plan["facilitator"], mfa=plan["mfa"])
            for plan in people
        ]
        created = []
        for plan in notes:
            owner = users[plan["owner"]]
            note = write_note(owner, title="A note", body=f"About the {plan['word']}")
            consent_services.shares_set(
                item=note,
                wanted={Audience(a): anon for a, anon in plan["shares"].items()},
                research_use=plan["research_use"],
                by=owner,
            )
            if plan["withdrawn"]:
                consent_services.shares_withdraw_all(item=note, by=owner)
            created.append((note, plan["word"]))
        for user, plan in zip(users, people, strict=True):
            # Deactivated after writing: a deactivated author sees nothing, not even her own.
            if not plan["active"]:
                user.is_active = False
                user.save(update_fields=["is_active"])
        for user in users:
            form = NoteFilterForm({"q": query}, meetings=Meeting.objects.none())
            found = set(
                filtered(LISTINGS["note_search"].scope(user), form).values_list("pk", flat=True)
            )
            allowed = {note.pk for note, _word in created if can_view(user, note)}
            assert found <= allowed
            assert found == {
                note.pk for note, word in created if note.pk in allowed and word in WORDS[query]
            }
        transaction.set_rollback(True)


# Query counts: the same number of queries for 10 notes and for 500.
def many_notes(owner, count, *, meeting, prompt, shared_by_name=False):
    notes = ReflectiveNote.objects.bulk_create(
        ReflectiveNote(
            owner=owner,
            title=f"Garden note {number}",
            body="We talked about the garden.",
            excerpt="We talked about the garden.",
            version=1,
            meeting=meeting if number % 2 else None,
            content_warnings=["violence"] if number % 3 == 0 else [],
        )
        for number in range(count)
    )
    NoteAnswer.objects.bulk_create(
        NoteAnswer(note=note, prompt=prompt, answer="garden") for note in notes[::2]
    )
    Share.objects.bulk_create(
        Share(
            item_kind="note",
            item_id=note.pk,
            owner=owner,
            audience=Audience.GROUP,
            anonymous=not shared_by_name and number % 2 == 0,
            granted_by=owner,
        )
        for number, note in enumerate(notes)
    )
    ReflectiveNote.objects.filter(owner=owner).refresh_search_vectors()


def count_queries(client, url, params) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    ("url_name", "viewer", "params"),
    [
        ("my_notes", "owner", {}),
        ("my_notes", "owner", {"meeting": "M", "prompt": "P"}),
        ("notes_shared", "member", {}),
        ("notes_shared", "member", {"meeting": "M"}),
        ("note_search", "member", {"q": "garden"}),
        ("note_search", "member", {"q": "garden", "prompt": "P"}),
        ("dashboard", "member", {}),
    ],
)
def test_lists_and_search_make_the_same_number_of_queries_for_10_and_500_notes(
    client, cast, url_name, viewer, params, django_assert_max_num_queries
):
    meeting, prompt = make_meeting(), PromptFactory()
    params = {
        key: {"M": str(meeting.pk), "P": str(prompt.pk)}.get(value, value)
        for key, value in params.items()
    }
    client.force_login(getattr(cast, viewer))
    url = reverse(url_name)
    many_notes(cast.owner, 10, meeting=meeting, prompt=prompt)
    with django_assert_max_num_queries(20):
        client.get(url, params)
    at_10 = count_queries(client, url, params)
    many_notes(cast.owner, 490, meeting=meeting, prompt=prompt)
    assert count_queries(client, url, params) == at_10


def test_a_note_page_makes_few_queries(client, cast, django_assert_max_num_queries):
    prompt = PromptFactory()
    note = write_note(cast.owner, body="x", answers=[(prompt, "y")])
    share(note, group=True)
    client.force_login(cast.member)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("note_detail", args=[note.pk]))
    assert re.search(r"By a member", page.text)


def test_the_owners_note_page_knows_she_manages_it_without_asking_the_database(client, cast):
    note = write_note(cast.owner, body="x")
    share(note, group=True)
    client.force_login(cast.owner)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("note_detail", args=[note.pk]))
    assert "Who can see this" in page.text
    notes_read = [q["sql"] for q in queries if 'FROM "reflections_reflectivenote"' in q["sql"]]
    assert len(notes_read) == 1, notes_read  # the note itself, and no second look for its owner
    # Someone it is shared with reads it, and is not shown who else can see it.
    client.force_login(cast.member)
    page = client.get(reverse("note_detail", args=[note.pk]))
    assert page.status_code == 200
    assert "Who can see this" not in page.text
