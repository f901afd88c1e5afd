"""The anonymiser and people's names: every form, the everyday words, titles, terms and flags.

No database: run with ``pytest tests/research/test_anonymiser.py``. Identifiers (phones,
postcodes...) are in test_anonymiser_identifiers.py, Hypothesis properties in
test_anonymiser_properties.py.
"""

from __future__ import annotations

import pytest

from research.anonymiser import (
    Anonymiser,
    FlagReason,
    Kind,
    KnownPerson,
    Term,
    anonymise,
    name_forms,
)

ROSTER = [
    KnownPerson("P01", ("Ruth Demo", "Ruthie")),
    KnownPerson("P02", ("Hope Jackson",)),
    KnownPerson("P03", ("May",)),
    KnownPerson("P04", ("Shell", "Michelle Okafor")),
    KnownPerson("P05", ("Ann",)),
    KnownPerson("P06", ("Grace O'Neill",)),
    KnownPerson("P07", ("Zoë Smith-Jones",)),
    KnownPerson("GP1", ("Dr Sam Sample",)),
    KnownPerson("GP3", ("Dr Ana van Dijk",)),
    KnownPerson("GP2", ("Lee Young",)),
    KnownPerson("R1", ("Will Barton",)),
    KnownPerson("SW1", ("Faye Example", "Fay")),
]
TERMS = [
    Term("Acacia House", "SERVICE"),
    Term("Ruth's House", "ORGANISATION"),
    Term("Knowle West", "PLACE"),
    Term("Compass", "SERVICE"),
]
ANONYMISER = Anonymiser(ROSTER, TERMS)


def text_of(source: str) -> str:
    return ANONYMISER.anonymise(source).text


def flagged(source: str) -> list[tuple[FlagReason, str]]:
    return [(flag.reason, flag.word) for flag in ANONYMISER.anonymise(source).flags]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Ruth Demo came.", "P01 came."),
        ("Ruth came.", "P01 came."),
        ("Demo came.", "P01 came."),
        ("Ruthie came.", "P01 came."),
        ("ruth came, typed on a phone.", "P01 came, typed on a phone."),
        ("RUTH DEMO CAME.", "P01 CAME."),
        ("Michelle Okafor, Michelle and Okafor", "P04, P04 and P04"),
        ("Faye Example and Fay", "SW1 and SW1"),
    ],
)
def test_every_form_of_a_known_name_becomes_the_pseudonym(source, expected):
    assert text_of(source) == expected


def test_the_full_name_is_replaced_whole_before_its_first_name():
    result = ANONYMISER.anonymise("Ruth Demo said so.")
    assert result.text == "P01 said so."
    assert [(r.kind, r.start, r.end) for r in result.replacements] == [(Kind.NAME, 0, 9)]


def test_a_full_name_split_across_a_line_is_still_one_name():
    assert text_of("thanks to Ruth\nDemo") == "thanks to P01"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Shell's idea was good.", "P04's idea was good."),
        ("It was Ruth’s turn.", "It was P01’s turn."),
        ("We sat in Ruths kitchen.", "We sat in P01s kitchen."),
        ("Ruth Demo's notes", "P01's notes"),
        ("the Barton's dog", "the R1's dog"),
    ],
)
def test_possessives_keep_their_s(source, expected):
    assert text_of(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        "Ruth",
        "Ruth, you said",
        "(Ruth)",
        "“Ruth”",
        "'Ruth'",
        "—Ruth—",
        "Ruth/Maya",
        "Ruth-led session",
        "_Ruth_",
        "**Ruth**",
        "#Ruth",
        "said: Ruth!",
        "...ruth?",
        "Ruth.Demo",
    ],
)
def test_names_at_sentence_start_and_inside_punctuation_are_replaced(source):
    result = text_of(source)
    assert "Ruth" not in result
    assert "ruth" not in result
    assert "P01" in result


@pytest.mark.parametrize(
    "source",
    [
        "Annabel came with her annual report.",
        "Samantha was late.",
        "We went to Leeds.",
        "The demonstration was ruthless.",
        "Mayor and maybe and mayhem.",
        "Willow and willing.",
        "Shellfish.",
        "Faithful Hopeful.",
    ],
)
def test_a_known_name_inside_a_longer_word_stays(source):
    assert text_of(source) == source


@pytest.mark.parametrize(
    "source",
    [
        "I hope it goes well.",
        "We will meet again.",
        "They may be late.",
        "By the grace of God.",
        "I feel like a shell of myself.",
        "There is hope.",
        "my last will and testament",
        "For example, a demo of a blood sample.",
    ],
)
def test_names_that_are_everyday_words_survive_as_words(source):
    result = ANONYMISER.anonymise(source)
    assert result.text == source
    assert result.replacements == ()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Hope said she felt safe.", "P02 said she felt safe."),
        ("I sat next to Hope.", "I sat next to P02."),
        ("I told Will you were coming.", "I told R1 you were coming."),
        ("a text from May about it", "a text from P03 about it"),
        ("Grace came late.", "P06 came late."),
        ("Shell was there.", "P04 was there."),
        ("May's house", "P03's house"),
        ("Dr Young listened.", "GP2 listened."),
        ("Hope Jackson", "P02"),
    ],
)
def test_names_that_are_everyday_words_are_replaced_where_they_are_names(source, expected):
    assert text_of(source) == expected


@pytest.mark.parametrize(
    "source",
    [
        "We met in May.",
        "We met on 3 May.",
        "the 3rd of May",
        "by the end of May",
        "since May things are better",
        "May 2024 was hard.",
        "May 3rd.",
        "Will you come next time?",
        "May I ask something?",
        "Hope you are well.",
        "Hope so!",
    ],
)
def test_everyday_names_in_the_words_own_context_stay_and_are_flagged(source):
    result = ANONYMISER.anonymise(source)
    assert result.text == source
    [flag] = result.flags
    assert flag.reason == FlagReason.EVERYDAY_WORD_KEPT
    assert flag.word in ("May", "Will", "Hope")
    assert flag.candidates in (("P03",), ("R1",), ("P02",))


def test_an_everyday_name_in_capitals_is_left_but_flagged():
    result = ANONYMISER.anonymise("HOPE WAS THERE")
    assert result.text == "HOPE WAS THERE"
    assert [(f.reason, f.word, f.candidates) for f in result.flags] == [
        (FlagReason.EVERYDAY_WORD_KEPT, "HOPE", ("P02",))
    ]


def test_a_lower_case_everyday_name_that_acts_like_a_person_is_flagged():
    assert flagged("then hope said no") == [(FlagReason.EVERYDAY_WORD_KEPT, "hope")]
    assert flagged("we lost hope.") == []


@pytest.mark.parametrize(
    "source",
    [
        "Dr Sample",
        "Dr. Sample",
        "dr sample",
        "DR SAMPLE",
        "Doctor Sample",
        "Dr Sam Sample",
        "Dr Sam",
    ],
)
def test_gps_are_replaced_with_their_title(source):
    assert text_of(f"I saw {source} today.") == "I saw GP1 today."


def test_a_surname_with_a_particle_is_replaced_whole():
    assert text_of("Dr van Dijk and van Dijk and Dijk.") == "GP3 and GP3 and GP3."


def test_a_title_makes_an_everyday_surname_a_name_in_any_case():
    assert text_of("dr young was kind") == "GP2 was kind"


def test_a_title_word_that_is_not_a_title_here_stays():
    assert text_of("I miss Ruth.") == "I miss P01."
    assert text_of("Miss Demo came.") == "P01 came."


def test_two_people_known_by_the_same_name_are_both_named():
    anonymiser = Anonymiser([KnownPerson("GP1", ("Sam Sample",)), KnownPerson("P08", ("Sam Ray",))])
    assert anonymiser.anonymise("Sam came. Sam Ray too.").text == "GP1/P08 came. P08 too."


@pytest.mark.parametrize("source", ["Zoë", "Zoe", "zoë", "Smith-Jones", "Smith Jones", "Zoë Smith"])
def test_accented_and_double_barrelled_names(source):
    assert text_of(f"with {source}.") == "with P07."


def test_apostrophes_in_names_match_either_apostrophe():
    assert text_of("O'Neill and O’Neill") == "P06 and P06"


def test_name_forms_derive_first_name_surname_and_parts():
    assert name_forms("Dr Sam Sample") == {"sam sample", "sam", "sample"}
    assert name_forms("Mary-Jo van Dijk") >= {"mary jo van dijk", "mary", "jo", "van dijk", "dijk"}
    assert "van" not in name_forms("Mary-Jo van Dijk")
    assert name_forms("J. 1234") == set()


def test_a_sensitive_term_becomes_its_label_in_any_case():
    result = ANONYMISER.anonymise("We met at acacia house in KNOWLE WEST, via Compass.")
    assert result.text == "We met at [SERVICE] in [PLACE], via [SERVICE]."
    assert [r.kind for r in result.replacements] == [Kind.TERM] * 3


def test_a_longer_term_wins_over_a_name_inside_it():
    assert text_of("Ruth's House helped Ruth.") == "[ORGANISATION] helped P01."


def test_a_term_label_must_be_upper_case_words():
    with pytest.raises(ValueError, match="upper-case"):
        Term("Somewhere", "[place]")


def test_a_known_person_needs_a_pseudonym_and_a_tuple_of_names():
    with pytest.raises(ValueError, match="pseudonym"):
        KnownPerson(" ", ("Ruth",))
    with pytest.raises(TypeError):
        KnownPerson("P01", "Ruth")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("source", "word"),
    [
        ("I spoke to Karen about it.", "Karen"),
        ("Karen said she would come.", "Karen"),
        ("Karen's sister came.", "Karen"),
        ("The new GP, Dr Patel, listened.", "Patel"),
        ("We waited for Siobhan.", "Siobhan"),
    ],
)
def test_capitalised_words_that_look_like_unknown_names_are_flagged_not_changed(source, word):
    result = ANONYMISER.anonymise(source)
    assert result.text == source
    assert (FlagReason.UNKNOWN_NAME, word) in [(f.reason, f.word) for f in result.flags]


@pytest.mark.parametrize(
    "source",
    [
        "Today was good.",
        "On Tuesday I went to the NHS walk-in and saw a GP.",
        "I think I'm better. It's fine.",
        "Lunch was nice.",
        "we met in December.",
        "[PLACE] was busy.",
    ],
)
def test_ordinary_capitalised_words_are_not_flagged(source):
    assert flagged(source) == []


def test_the_report_counts_each_kind():
    result = ANONYMISER.anonymise("Ruth and Shell went to Acacia House. ruth@example.org")
    assert result.counts() == {Kind.NAME: 2, Kind.TERM: 1, Kind.EMAIL: 1}


def test_the_module_function_takes_people_and_terms_directly():
    result = anonymise("Ruth went to Compass.", ROSTER, TERMS)
    assert result.text == "P01 went to [SERVICE]."


def test_an_empty_roster_still_redacts_identifiers_and_flags_names():
    result = Anonymiser().anonymise("Ruth came. Her number is 07700 900123.")
    assert result.text == "Ruth came. Her number is [PHONE]."
    # "Ruth" starts a sentence, but it is a first name (and not an everyday word).
    assert [f.word for f in result.flags] == ["Ruth"]
    # A word that starts a sentence and is no first name is not flagged.
    assert Anonymiser().anonymise("Waiting rooms are loud.").flags == ()
    assert [f.word for f in Anonymiser().anonymise("Ruth rang. I rang Ruth.").flags] == [
        "Ruth",
        "Ruth",
    ]
