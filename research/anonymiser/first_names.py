"""First names the anonymiser knows as names, to flag someone the workspace does not know even
at the start of a sentence ("Kerry from housing called").

The names come with Faker (a maintained package, on disk: nothing is fetched at run time): the
English-speaking locales it ships, and India's, whose names are common in the UK. A name that is
also an everyday word (lexicon.EVERYDAY_WORDS: "Hope", "May", "Will") is not flagged where a
sentence starts, since there it is most often the word.
"""

from __future__ import annotations

import importlib
from functools import cache

from research.anonymiser.names import lookup_key

LOCALES = ("en_GB", "en_IE", "en_US", "en_NZ", "en_IN")


@cache
def first_names() -> frozenset[str]:
    found: set[str] = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            found.update(getattr(provider, attribute, ()) or ())
    return frozenset(lookup_key(name) for name in found if name.isalpha())
