"""Dates of birth after any punctuation or wording are taken out; a full date near a word about
birth is shown to the reviewer; unknown first names are flagged at sentence starts too, while
"Will", "Hope" and "May" stay words where they are words."""

from __future__ import annotations

import pytest

from research.anonymiser import Anonymiser, FlagReason
from research.anonymiser.first_names import first_names


@pytest.mark.parametrize(
    ("text", "taken_out"),
    [
        ("my date of birth, 4.11.90 if you need it", "4.11.90"),
        ("DOB - 02/09/1986.", "02/09/1986"),
        ("I was born: 3rd of July '79.", "3rd of July '79"),
        ("Date of birth (12/03/1975) on the form.", "12/03/1975"),
        ("her birthday; 5 June 1980", "5 June 1980"),
    ],
)
def test_a_date_of_birth_is_taken_out_whatever_comes_between(text, taken_out):
    result = Anonymiser().anonymise(text)
    assert taken_out not in result.text
    assert "[DATE OF BIRTH]" in result.text


def test_a_full_date_a_few_words_after_born_is_shown_to_the_reviewer():
    text = "She was born in a small town on 4 May 1990, she said."
    result = Anonymiser().anonymise(text)
    flagged = [f for f in result.flags if f.reason == FlagReason.POSSIBLE_BIRTH_DATE]
    assert [f.word for f in flagged] == ["4 May 1990"]
    assert result.text[flagged[0].out_start : flagged[0].out_end] == "4 May 1990"


def test_a_meeting_date_with_no_word_about_birth_is_left_alone():
    result = Anonymiser().anonymise("We met on 4 May 2026 at the hall.")
    assert result.text == "We met on 4 May 2026 at the hall."
    assert result.flags == ()


def test_an_unknown_first_name_is_flagged_at_the_start_of_a_sentence():
    result = Anonymiser().anonymise("Kerry from housing called. It went well.")
    assert [f.word for f in result.flags] == ["Kerry"]
    assert result.flags[0].reason == FlagReason.UNKNOWN_NAME


@pytest.mark.parametrize("text", ["Will you come?", "Hope you are well.", "May I ask?"])
def test_names_that_are_everyday_words_stay_words_where_a_sentence_starts(text):
    assert Anonymiser().anonymise(text).flags == ()


def test_the_first_names_ship_with_a_maintained_package_and_are_plenty():
    names = first_names()
    assert len(names) > 1000
    assert {"kerry", "ruth", "priya", "siobhan"} <= names


def test_every_reason_for_a_flag_has_words_for_the_reviewer():
    from research.names.marking import FLAG_NOTES

    assert set(FLAG_NOTES) == set(FlagReason)
