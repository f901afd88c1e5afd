"""Regular expressions for UK identifiers, and a builder for word lists as compact regexes.

Every pattern here is a fragment of the one compiled pattern in engine.py, with named groups.
A fragment starts at the start of a word: the engine puts a "no letter or digit just before"
check in front of them all, once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from research.anonymiser.lexicon import MONTH_ABBREVIATIONS, MONTHS, words

# Letters or digits, not underscore: "_Ruth_" (Markdown emphasis) still has word edges.
NOT_AFTER_ALNUM = r"(?<![^\W_])"
NOT_BEFORE_ALNUM = r"(?![^\W_])"


def word_list_regex(words: Iterable[str], *, separator: str = r"[\s\-]+") -> str:
    """A regex matching any of ``words`` (lower case), longest first, as a compact trie.

    In a word a space or hyphen matches any run of spaces and hyphens, an apostrophe either
    apostrophe. Python's alternation takes the first branch that matches, not the longest:
    the trie puts every longer continuation before the end of a shorter word, so "ruth smith"
    wins over "ruth" where both match.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends_here = "" in node
        branches = []
        for char in sorted(char for char in node if char):
            if char == " ":
                head = separator
            elif char in "'’":
                head = "['’]"
            else:
                head = re.escape(char)
            branches.append(head + emit(node[char]))
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends_here else body

    return emit(trie) if trie else "(?!)"


_SEP = r"[ \u00a0.\-–]"

EMAIL = r"[\w.+\-]++@[\w\-]+(?:\.[\w\-]+)+"

_TLDS = "com|org|net|uk|io|me|info|co|biz|ly|app|dev|link|page|site|online|xyz|ie|eu|tv"
_URL_TAIL = r"(?:[^\s<>\"'()\[\]]*[^\s<>\"'()\[\].,;:!?])?"
URL = (
    r"(?:https?://|www\.)[^\s<>\"'\[\]]*[^\s<>\"'()\[\].,;:!?]"
    # A bare domain: labels and dots, possessive so a plain word fails in one step.
    rf"|(?i:(?:[a-z0-9][\w\-]*+\.)+(?:{_TLDS})){NOT_BEFORE_ALNUM}(?:/{_URL_TAIL})?"
)

# Twitter/X, Instagram, TikTok, Threads...: "@" and up to 30 letters, digits, "_" and ".",
# with at least one letter, not ending in a full stop.
HANDLE = r"(?<![\w.])@(?=[\w.]*[A-Za-z])\w(?:[\w.]{0,28}\w)?"

# NHS number: ten digits, 3-3-4 with spaces or hyphens, or run together. Checked by modulus 11
# in the engine, which leaves a number that fails the check (and flags it).
NHS_NUMBER = r"\d{3}(?P<nhs_sep>[ \-]?)\d{3}(?P=nhs_sep)\d{4}(?!\d)"

# UK phone numbers, national (0...) or international (+44 / 0044, with or without "(0)"), with
# one space, dot or dash (or none) between any two digits, and the area code in brackets or
# not: 07700 900123, 07700-900-123, +44 7700 900123, +44 (0)117 496 0123, (0117) 496 0123.
PHONE = (
    r"(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?[1-9](?:" + _SEP + r"?\d){8,9}"
    r"|\(0[1-9]\d{1,3}\)\s?\d(?:" + _SEP + r"?\d){5,7}"
    r"|0[1-9](?:" + _SEP + r"?\d){8,9})(?!\d)"
)

# The 120-odd postcode areas, so "AB12 3CD" matches and "XX12 3CD" does not.
POSTCODE_AREAS = words(
    "ab al b ba bb bd bh bl bn br bs bt ca cb cf ch cm co cr ct cv cw da dd de dg dh dl dn "
    "dt dy e ec eh en ex fk fy g gl gu gy ha hd hg hp hr hs hu hx ig im ip iv je ka kt kw "
    "ky l la ld le ll ln ls lu m me mk ml n ne ng nn np nr nw ol ox pa pe ph pl po pr rg rh "
    "rm s sa se sg sk sl sm sn so sp sr ss st sw sy ta td tf tn tq tr ts tw ub w wa wc wd "
    "we wf wn wr ws wv yo ze"
)
POSTCODE = (
    # Letters then a digit, checked first: most words fail here at once.
    r"(?=[A-Za-z]{1,2}\d|(?i:gir))"
    r"(?i:(?P<postcode_out>(?:"
    + word_list_regex(POSTCODE_AREAS)
    + r")\d[a-z\d]?)\s*(?P<postcode_in>\d[abd-hjlnp-uw-z]{2})|gir\s*0aa)"
    + NOT_BEFORE_ALNUM
)

_MONTH = "(?:" + word_list_regex(MONTHS | MONTH_ABBREVIATIONS) + ")"
_DAY = r"(?:[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d{2}"
# A year written in full, or short with an apostrophe ("'79").
_ANY_YEAR = rf"(?:{_YEAR}|['’]\d{{2}})"
DATE = (
    r"(?i:\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})(?!\d)"
    r"|(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?!\d)"
    rf"|(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}(?:,?\s+{_ANY_YEAR})?(?!\d)"
    rf"|{_MONTH}\s+(?:the\s+)?{_DAY}(?:,?\s+{_ANY_YEAR})?(?!\d)"
    rf"|{_MONTH},?\s+{_YEAR}"
    rf"|{_YEAR}(?!\d))"
)
# A whole date with its year (day, month and year): the kind a date of birth is written as.
FULL_DATE = (
    r"(?i:\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})(?!\d)"
    r"|(?:19|20)\d{2}-\d{1,2}-\d{1,2}(?!\d)"
    rf"|(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_ANY_YEAR}(?!\d)"
    rf"|{_MONTH}\s+(?:the\s+)?{_DAY},?\s+{_ANY_YEAR}(?!\d))"
)
BIRTH_CUE = r"(?i:date\s+of\s+birth|d\.?\s?o\.?\s?b\b|born|b-?day|birthday)"
# "born", "DOB", "date of birth", "birthday", then a few linking words, then the date. Only the
# date is taken out: "born on [DATE OF BIRTH]". A date without such a cue (a meeting's date)
# stays.
DATE_OF_BIRTH = (
    r"(?i:date\s+of\s+birth|d\.?\s?o\.?\s?b\.?|born|b-?day|birthday)"
    # Any punctuation between the cue and the date: "date of birth, 4.11.90", "DOB - 02/09/1986",
    # "born: 3rd of July '79", and a few linking words: "born on the 3rd".
    r"(?:[\s:=\-–—,.;()]+|\s*\b(?:is|was|on|in|of|my|her|his)\b)*"
    r"\s*(?P<dob>" + DATE + ")"
)

STREET_TYPES = words(
    "road rd street st avenue ave lane ln close drive way crescent cres court ct place pl "
    "terrace terr tce gardens gdns grove hill square sq mews row walk park parade view rise "
    "green vale wharf quay villas yard path circus boulevard gate"
)
# Words that start phrases such as "2 miles down the road": never the name of a street.
_NOT_STREET_WORDS = words(
    "the a an my our your his her their its this that of to in on at by for from with down up "
    "along across over off into onto and or but more other same main side miles mile minutes "
    "mins min hours hour times years days weeks months people buses bus cars kids"
)
_STREET_WORD = r"(?!(?i:" + word_list_regex(_NOT_STREET_WORDS) + r")\b)[A-Za-z][A-Za-z'’\-]*"
# House number and street: "12 Acacia Road", "Flat 3, 12a Acacia Road", "12-14 Church Lane".
ADDRESS = (
    r"(?:(?i:flat|apartment|apt|unit|room)\.?\s*\d{1,4}[A-Za-z]?,?\s+)?"
    r"\d{1,4}[A-Za-z]?(?:\s?[\-–]\s?\d{1,4}[A-Za-z]?)?,?\s+"
    rf"(?:{_STREET_WORD}\s+){{1,3}}"
    r"(?i:" + word_list_regex(STREET_TYPES) + ")" + NOT_BEFORE_ALNUM
)

# Labels the anonymiser writes ("[PHONE]", "[PLACE]"): left alone, so anonymising twice changes
# nothing.
LABEL = r"\[[A-Z][A-Z ]*\]"


def nhs_number_is_valid(digits: str) -> bool:
    """The modulus 11 check of an NHS number (ten digits, the last one the check digit).

    Weights 10 down to 2 on the first nine digits; the check digit is 11 minus the remainder
    of their sum divided by 11, where 11 counts as 0 and 10 means the number is invalid.
    """
    if len(digits) != 10 or not digits.isdigit():
        return False
    weights = range(10, 1, -1)
    total = sum(int(digit) * weight for digit, weight in zip(digits[:9], weights, strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


_ORDINAL_SUFFIX = {"1": "st", "2": "nd", "3": "rd"}


def looks_like_ordinal(outward: str, inward: str) -> bool:
    """ "m5 2nd" (the second junction of the M5) is not a postcode; "BS1 2ND" and "bs1 5th" are.

    Lower-case inward codes that spell an ordinal right after a one-letter area are taken as
    ordinals: those are road numbers (M5, A38 is no area) far more often than postcodes.
    """
    if not inward.islower() or len(outward) > 3 or not outward[1:].isdigit():
        return False
    expected = "th" if inward[0] in "0456789" else _ORDINAL_SUFFIX[inward[0]]
    return inward[1:] == expected
