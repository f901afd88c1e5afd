"""Take people's names and identifying details out of a text before researchers see it.

A plain Python module: no Django, no network, no model. The workspace builds the input from its
database (research/names/roster.py); anything else can call it the same way::

    from research.anonymiser import Anonymiser, KnownPerson, Term

    anonymiser = Anonymiser(
        [KnownPerson("P01", ("Ruth Demo", "Ruthie")), KnownPerson("GP1", ("Dr Sam Sample",))],
        [Term("Acacia House", "SERVICE")],
    )
    result = anonymiser.anonymise("Ruthie's GP, Dr Sample, rang 07700 900123.")
    result.text          # "P01's GP, GP1, rang [PHONE]."
    result.replacements  # (Replacement(Kind.NAME, start=0, end=6, replacement="P01", ...), ...)
    result.flags         # words left in for a reviewer: possible unknown names, kept words

Build one ``Anonymiser`` per export (compiling the pattern costs more than one text) and call
``anonymise`` for each text. What it takes out, in one pass over the text:

- every form of every known person's name (``name_forms``), after any title ("Dr Sample"),
  with possessives ("Ruth's" becomes "P01's"), longest form first ("Ruth Demo" before "Ruth");
  names that are also everyday words (``lexicon.EVERYDAY_WORDS``) only when capitalised and not
  in a context that makes them the word ("in May", "Will you...?");
- the group's sensitive terms, as ``[LABEL]``;
- email addresses, web addresses, social media handles, UK phone numbers, postcodes, NHS
  numbers (valid by modulus 11), street addresses with a house number, dates of birth.

It also flags, without changing them, capitalised words that look like names of people it does
not know, so a reviewer decides. The rules and their limits: docs/anonymiser.md.
"""

from research.anonymiser.engine import Anonymiser, anonymise
from research.anonymiser.lexicon import EVERYDAY_WORDS, NOT_NAMES
from research.anonymiser.model import (
    LABELS,
    Anonymised,
    Flag,
    FlagReason,
    Kind,
    KnownPerson,
    Replacement,
    Term,
)
from research.anonymiser.names import lookup_key, name_forms
from research.anonymiser.patterns import nhs_number_is_valid

__all__ = [
    "EVERYDAY_WORDS",
    "LABELS",
    "NOT_NAMES",
    "Anonymised",
    "Anonymiser",
    "Flag",
    "FlagReason",
    "Kind",
    "KnownPerson",
    "Replacement",
    "Term",
    "anonymise",
    "lookup_key",
    "name_forms",
    "nhs_number_is_valid",
]
