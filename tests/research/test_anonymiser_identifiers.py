"""The anonymiser and UK identifiers: phones, postcodes, NHS numbers, addresses, dates of birth,
emails, web addresses and handles. No database."""

from __future__ import annotations

import pytest

from research.anonymiser import Anonymiser, FlagReason, Kind, nhs_number_is_valid

ANONYMISER = Anonymiser()


def only_replacement(source: str) -> tuple[Kind, str]:
    """The one thing taken out of ``source``: its kind and the text it covered."""
    result = ANONYMISER.anonymise(source)
    assert len(result.replacements) == 1, result
    [replacement] = result.replacements
    return replacement.kind, source[replacement.start : replacement.end]


def unchanged(source: str) -> bool:
    result = ANONYMISER.anonymise(source)
    return result.text == source and result.replacements == ()


@pytest.mark.parametrize(
    "number",
    [
        "07700 900123",
        "07700900123",
        "07700-900-123",
        "0770 090 0123",
        "07700 900 123",
        "+44 7700 900123",
        "+447700900123",
        "+44 (0)7700 900123",
        "0044 7700 900123",
        "(0117) 496 0123",
        "(0117)4960123",
        "0117 496 0123",
        "0117-496-0123",
        "01174960123",
        "+44 117 496 0123",
        "+44 (0)117 496 0123",
        "020 7946 0123",
        "(020) 7946 0123",
        "0800 123 4567",
        "01632 960123",
    ],
)
def test_uk_phone_numbers_in_their_common_spellings_are_redacted(number):
    assert only_replacement(f"Ring me on {number} after six.") == (Kind.PHONE, number)
    assert ANONYMISER.anonymise(f"Ring me on {number}.").text == "Ring me on [PHONE]."


@pytest.mark.parametrize(
    "source",
    [
        "We met on 01/02/2023 at 09.30-10.30.",
        "There were 12 people and 3 GPs.",
        "Room 0117 is on floor 2.",
        "The code is 0770 0900.",
        "Order 123456789012 arrived.",
    ],
)
def test_other_numbers_are_not_phone_numbers(source):
    assert unchanged(source)


@pytest.mark.parametrize(
    "postcode",
    [
        "BS1 5TH",
        "bs1 5th",
        "Bs1 5tH",
        "BS15TH",
        "bs15th",
        "BS1  5TH",
        "EC1A 1BB",
        "W1A 0AX",
        "M1 1AE",
    ],
)
def test_uk_postcodes_in_any_case_and_spacing_are_redacted(postcode):
    assert only_replacement(f"I live near {postcode}, by the shops.") == (Kind.POSTCODE, postcode)


@pytest.mark.parametrize(
    "source",
    [
        "Take the M5 2nd junction.",
        "XX1 1AA is not a postcode area.",
        "Bristol BS1 alone says little.",
        "I got an A4 3ft poster.",
    ],
)
def test_things_that_only_look_like_postcodes_stay(source):
    assert unchanged(source)


@pytest.mark.parametrize("number", ["943 476 5919", "943-476-5919", "9434765919", "4000000020"])
def test_nhs_numbers_with_a_valid_check_digit_are_redacted(number):
    assert only_replacement(f"My NHS number is {number}.") == (Kind.NHS_NUMBER, number)


@pytest.mark.parametrize("number", ["943 476 5918", "9434765910", "1234567890"])
def test_ten_digit_numbers_failing_the_modulus_11_check_stay_but_are_flagged(number):
    result = ANONYMISER.anonymise(f"Reference {number} on the letter.")
    assert result.text == f"Reference {number} on the letter."
    assert [(flag.reason, flag.word) for flag in result.flags] == [(FlagReason.NUMBER, number)]


def test_the_modulus_11_rule():
    assert nhs_number_is_valid("9434765919")
    assert nhs_number_is_valid("4010232137")
    assert nhs_number_is_valid("4000000020")  # 11 - 0 = 11 counts as a check digit of 0
    assert not nhs_number_is_valid("9434765918")
    assert not nhs_number_is_valid("1234567890")  # the check would be 10: never valid
    assert not nhs_number_is_valid("943476591")
    assert not nhs_number_is_valid("943476591x")


def test_a_ten_digit_phone_number_failing_the_nhs_check_is_still_a_phone_number():
    assert only_replacement("call 0117496012 now") == (Kind.PHONE, "0117496012")


@pytest.mark.parametrize(
    "address",
    [
        "12 Acacia Road",
        "12a Acacia Road",
        "Flat 3, 12 Church Lane",
        "12-14 High St",
        "10 Downing Street",
        "221B Baker Street",
        "7 St Mary's Close",
        "3 Old Mill Gardens",
        "12 acacia road",
    ],
)
def test_street_addresses_with_a_house_number_are_redacted(address):
    assert only_replacement(f"She lives at {address}, near the park.") == (Kind.ADDRESS, address)


@pytest.mark.parametrize(
    "source",
    [
        "I walked 2 miles down the road.",
        "3 of us took the bus to the park.",
        "We spent 2 hours in the park.",
    ],
)
def test_numbers_before_street_words_are_not_addresses(source):
    assert unchanged(source)


@pytest.mark.parametrize(
    ("source", "date"),
    [
        ("I was born on 3 May 1985.", "3 May 1985"),
        ("born 03/05/1985", "03/05/1985"),
        ("DOB: 3.5.85", "3.5.85"),
        ("d.o.b. 1985-05-03", "1985-05-03"),
        ("Date of birth is 12th June 1990", "12th June 1990"),
        ("my birthday is the 12th of June", "the 12th of June"),
        ("She was born in March 1990.", "March 1990"),
        ("born in 1985, in Bristol", "1985"),
        ("Birthday: June 12", "June 12"),
    ],
)
def test_dates_of_birth_are_redacted_and_the_words_before_them_stay(source, date):
    assert only_replacement(source) == (Kind.DATE_OF_BIRTH, date)
    assert "[DATE OF BIRTH]" in ANONYMISER.anonymise(source).text


@pytest.mark.parametrize(
    "source",
    [
        "We met on 3 May 1985.",
        "The meeting is on 12/06/2024.",
        "She was born to lead.",
        "Born free",
    ],
)
def test_dates_that_are_not_birth_dates_stay(source):
    assert unchanged(source)


@pytest.mark.parametrize(
    "address", ["ruth.demo@example.org", "R.Demo+notes@mail.example.co.uk", "jo_99@example.com"]
)
def test_email_addresses_are_redacted(address):
    assert only_replacement(f"Write to {address}.") == (Kind.EMAIL, address)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/ruth",
        "http://example.org/a?b=c&d=e",
        "www.example.org",
        "facebook.com/ruth.demo",
        "instagram.com/ruthie_99",
        "example.co.uk",
    ],
)
def test_web_addresses_are_redacted_without_the_full_stop_after_them(url):
    assert only_replacement(f"See {url}.") == (Kind.URL, url)


@pytest.mark.parametrize("handle", ["@ruthie_99", "@Ruth.Demo", "@r"])
def test_social_media_handles_are_redacted(handle):
    assert only_replacement(f"Follow {handle} on Instagram.") == (Kind.HANDLE, handle)


@pytest.mark.parametrize("source", ["meet @ 3pm", "e.g. this", "it's 50% off @12"])
def test_an_at_sign_without_a_handle_stays(source):
    assert unchanged(source)


def test_labels_already_in_the_text_are_left_alone():
    assert unchanged("[PHONE] and [DATE OF BIRTH] and [NHS NUMBER]")


def test_every_identifier_in_one_text_with_the_report_pointing_at_each():
    source = (
        "Ruth (ruth@example.org, 07700 900123) lives at 12 Acacia Road, BS1 5TH. "
        "NHS 943 476 5919, born 3 May 1985. https://example.org @ruthie"
    )
    result = ANONYMISER.anonymise(source)
    assert result.text == (
        "Ruth ([EMAIL], [PHONE]) lives at [ADDRESS], [POSTCODE]. "
        "NHS [NHS NUMBER], born [DATE OF BIRTH]. [URL] [HANDLE]"
    )
    assert [source[r.start : r.end] for r in result.replacements] == [
        "ruth@example.org",
        "07700 900123",
        "12 Acacia Road",
        "BS1 5TH",
        "943 476 5919",
        "3 May 1985",
        "https://example.org",
        "@ruthie",
    ]
    for replacement in result.replacements:
        assert result.text[replacement.out_start : replacement.out_end] == replacement.replacement
