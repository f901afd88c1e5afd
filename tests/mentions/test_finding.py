"""The one mention check: who a text names, sentence by sentence, by the anonymiser's rules."""

from __future__ import annotations

import pytest

from mentions.finding import anonymiser_for, find, sentences
from people.models import Role
from tests.factories import UserFactory
from tests.factories_research import OtherNameFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def group():
    ruth = UserFactory(display_name="Ruth Demo", roles=[Role.MEMBER])
    sam = UserFactory(display_name="Dr Sam Sample", roles=[Role.GP])
    hope = UserFactory(display_name="Hope", roles=[Role.MEMBER])
    writer = UserFactory(display_name="Faye", roles=[Role.SUPPORT_WORKER])
    OtherNameFactory(person=ruth, name="Ruthie")
    return {"ruth": ruth, "sam": sam, "hope": hope, "writer": writer}


def named(text, group):
    found = find(
        text,
        anonymiser=anonymiser_for(group.values()),
        leave_out=[group["writer"].pk],
    )
    names = {str(person.pk): key for key, person in group.items()}
    return [(names[hit.person_id], hit.sentence, hit.words) for hit in found]


def test_a_name_finds_its_person_in_its_sentence_only(group):
    text = "We talked about the waiting room. Ruth told the group about the front desk."
    assert named(text, group) == [("ruth", "Ruth told the group about the front desk.", ("Ruth",))]


def test_other_names_and_possessives_are_found(group):
    assert named("Ruthie's story moved everyone.", group) == [
        ("ruth", "Ruthie's story moved everyone.", ("Ruthie",))
    ]


def test_a_title_and_a_surname_find_a_gp(group):
    assert [who for who, _, _ in named("Dr Sample said he would ask the practice.", group)] == [
        "sam"
    ]


def test_an_everyday_word_is_not_a_name(group):
    assert named("I hope the surgery listens this time.", group) == []
    assert [who for who, _, _ in named("Hope said the surgery listened.", group)] == ["hope"]


def test_several_people_in_one_sentence_are_each_found(group):
    found = named("Ruth and Sam Sample will meet the practice manager.", group)
    assert sorted(who for who, _, _ in found) == ["ruth", "sam"]
    assert {sentence for _, sentence, _ in found} == {
        "Ruth and Sam Sample will meet the practice manager."
    }


def test_the_writer_naming_herself_is_not_a_mention(group):
    assert named("Faye will send the letter.", group) == []


def test_sentences_end_at_stops_and_line_breaks():
    parts = [part.text for part in sentences("First one. Second!\nThird line\n\n- a list item")]
    assert parts == ["First one.", "Second!", "Third line", "- a list item"]
