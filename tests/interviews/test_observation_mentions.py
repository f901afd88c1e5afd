"""The safety check: an observation note that names someone who said no (or never
answered) is not saved. It reads names as the research anonymiser does."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from interviews.observation import services
from interviews.observation.mentions import mentions
from meetings.observation import observation_status
from people.models import Role
from research.models import OtherName
from tests.factories import UserFactory
from tests.factories_observation import observed_meeting

pytestmark = pytest.mark.django_db


def person(name: str, *other_names: str):
    user = UserFactory(display_name=name, roles=[Role.MEMBER])
    for other in other_names:
        OtherName.objects.create(person=user, name=other)
    return user


def found(cast, text: str, *, said_yes=(), said_no=(), unanswered=()) -> list[str]:
    meeting = observed_meeting(
        cast.researcher, said_yes=said_yes, said_no=said_no, unanswered=unanswered
    )
    return [mention.message for mention in mentions(text, observation_status(meeting))]


def said_no(word: str) -> str:
    return f"Your note mentions '{word}', who said no to being observed. Take it out before saving."


def test_the_name_they_show_its_parts_and_possessives_are_found(cast):
    ruth = person("Ruth Example")
    assert found(cast, "Ruth asked a question.", said_no=[ruth]) == [said_no("Ruth")]
    assert found(cast, "Ruth Example left early.", said_no=[ruth]) == [said_no("Ruth Example")]
    assert found(cast, "It was Ruth's idea.", said_no=[ruth]) == [said_no("Ruth")]
    assert found(cast, "Then ruth laughed.", said_no=[ruth]) == [said_no("ruth")]
    assert found(cast, "Ms Example spoke.", said_no=[ruth]) == [said_no("Ms Example")]
    # Each word once, however often it is there.
    assert found(cast, "Ruth spoke. Ruth left.", said_no=[ruth]) == [said_no("Ruth")]


def test_other_names_they_gave_are_found_too(cast):
    ruth = person("Ruth Example", "Ruthie", "Ruth Nickname-Jones")
    assert found(cast, "Ruthie came late.", said_no=[ruth]) == [said_no("Ruthie")]
    assert found(cast, "Jones spoke.", said_no=[ruth]) == [said_no("Jones")]


def test_everyday_words_are_not_taken_for_names_where_the_anonymiser_keeps_them(cast):
    hope = person("Hope Example")
    may = person("May Sample")
    for text in (
        "I hope the room felt safe.",
        "We hope so.",
        "Hope you are well, said the GP.",
        "We meet again in May.",
    ):
        assert found(cast, text, said_no=[hope, may]) == [], text
    assert found(cast, "Hope said the room was cold.", said_no=[hope]) == [said_no("Hope")]
    assert found(cast, "Then May asked why.", said_no=[may]) == [said_no("May")]


def test_the_name_of_someone_who_said_yes_is_read_as_theirs(cast):
    maya = person("Maya Demo")
    jo = person("Jo Demo")
    assert found(cast, "Maya Demo spoke first.", said_yes=[maya], said_no=[jo]) == []
    assert found(cast, "Maya and Jo spoke.", said_yes=[maya], said_no=[jo]) == [said_no("Jo")]


def test_a_name_two_people_share_counts_if_either_said_no(cast):
    sam_yes = person("Sam Yes")
    sam_no = person("Sam No")
    assert found(cast, "Sam spoke.", said_yes=[sam_yes], said_no=[sam_no]) == [said_no("Sam")]


def test_someone_who_never_answered_is_found_with_a_message_of_their_own(cast):
    lee = person("Lee Quiet")
    assert found(cast, "Lee said nothing.", unanswered=[lee]) == [
        "Your note mentions 'Lee', who has not answered about being observed. "
        "Take it out before saving."
    ]


def test_names_of_those_who_said_yes_and_of_the_observer_are_fine(cast):
    mina = person("Mina Yes")
    ruth = person("Ruth Example")
    text = f"Mina spoke. {cast.researcher.display_name} listened."
    assert found(cast, text, said_yes=[mina], said_no=[ruth]) == []


def test_the_service_refuses_every_mention_at_once_and_accepts_the_everyday_word(cast):
    hope, ruth = person("Hope Example"), person("Ruth Example")
    meeting = observed_meeting(cast.researcher, said_no=[hope, ruth])
    with pytest.raises(ValidationError) as refused:
        services.observation_note_write(
            meeting=meeting, text="Hope said hello. Ruth waved.", by=cast.researcher
        )
    assert refused.value.message_dict["text"] == [said_no("Hope"), said_no("Ruth")]
    note = services.observation_note_write(
        meeting=meeting, text="I hope the group felt safe.", by=cast.researcher
    )
    assert note.text == "I hope the group felt safe."
