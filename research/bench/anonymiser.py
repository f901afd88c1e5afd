"""Benchmarks of the anonymiser, of building its input, and of a peer library on the same
notes."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from typing import Any

from bridging_gaps.bench import Comparison, Unavailable, Work, benchmark
from consent.kinds import Kind
from research.anonymiser import Anonymiser, KnownPerson, Term
from research.bench.data import (
    FIRST_NAMES,
    accounts,
    generated_notes,
    granted_notes,
    made_up_roster,
)


@benchmark("Anonymiser: 100,000 generated notes, 150 known people, 60 terms")
def anonymiser_notes(scale: float) -> Work:
    rng = random.Random(3)  # noqa: S311
    anonymiser = Anonymiser(
        made_up_roster(rng, 150),
        [Term(f"Place Number {index}", "PLACE") for index in range(59)]
        + [Term("Acacia House", "SERVICE")],
    )
    count = max(1, round(100_000 * scale))
    # 2,000 different notes, each anonymised over and over: memory stays that of one note.
    notes = generated_notes(min(count, 2_000))

    def work() -> dict[str, float]:
        characters = replacements = 0
        for index in range(count):
            text = notes[index % len(notes)]
            result = anonymiser.anonymise(text)
            characters += len(text)
            replacements += len(result.replacements)
        return {"notes": count, "characters": characters, "replacements": replacements}

    return work


# The anonymiser next to a peer library, on the same notes, names and terms (issue 19).
# scrubadub is the peer: a maintained-enough, pure-Python PII scrubber in the same field;
# `make bench` installs it (the `bench` extra), the tests do not need it.
SAME_TEXTS = Comparison("the anonymiser and a peer library on the same notes", "characters")


def _same_texts(scale: float) -> tuple[list[KnownPerson], list[Term], list[str]]:
    rng = random.Random(3)  # noqa: S311
    roster = made_up_roster(rng, 150)
    terms = [Term(f"Place Number {index}", "PLACE") for index in range(59)]
    terms.append(Term("Acacia House", "SERVICE"))
    return roster, terms, generated_notes(max(1, round(5_000 * scale)), seed=17)


def _characters(texts: list[str], clean: Callable[[str], int]) -> Work:
    def work() -> dict[str, float]:
        replaced = sum(clean(text) for text in texts)
        return {"characters": sum(map(len, texts)), "replacements": replaced}

    return work


@benchmark("Anonymiser on the same notes as the peer library", beside=SAME_TEXTS)
def anonymiser_same_texts(scale: float) -> Work:
    roster, terms, texts = _same_texts(scale)
    anonymiser = Anonymiser(roster, terms)
    return _characters(texts, lambda text: len(anonymiser.anonymise(text).replacements))


def _scrubadub(*, names: list[str]) -> Any:
    try:
        import scrubadub
    except ImportError as missing:
        raise Unavailable("scrubadub is not installed: `make bench` installs it") from missing
    scrubber = scrubadub.Scrubber(locale="en_GB")
    if names:
        scrubber.add_detector(
            scrubadub.detectors.UserSuppliedFilthDetector(
                [{"match": name, "filth_type": "name", "ignore_case": True} for name in names]
            )
        )
    return scrubber


def _scrubbed(scrubber: Any) -> Callable[[str], int]:
    """Cleans the text as a user of the library would; what it took out is written {{KIND}}."""
    return lambda text: scrubber.clean(text).count("{{") - text.count("{{")


@benchmark("Peer library: scrubadub's default detectors, same notes", beside=SAME_TEXTS)
def peer_scrubadub_default(scale: float) -> Work:
    _, _, texts = _same_texts(scale)
    return _characters(texts, _scrubbed(_scrubadub(names=[])))


@benchmark("Peer library: scrubadub told the same names and terms, same notes", beside=SAME_TEXTS)
def peer_scrubadub_same_names(scale: float) -> Work:
    roster, terms, texts = _same_texts(scale)
    names = sorted({name for person in roster for name in person.names} | {t.text for t in terms})
    return _characters(texts, _scrubbed(_scrubadub(names=names)))


@benchmark("Anonymiser input: 2,000 people with other names, from the database", database=True)
def known_people(scale: float) -> Work:
    from people.models import Role
    from research.names.models import OtherName
    from research.names.roster import known_people_unchecked

    rng = random.Random(5)  # noqa: S311
    count = max(1, round(2_000 * scale))
    people = accounts(rng, count, lambda: [rng.choice(list(Role))])
    OtherName.objects.bulk_create(
        OtherName(person=person, name=f"{rng.choice(FIRST_NAMES)}ie") for person in people
    )
    project_key = f"bench:{uuid.uuid4()}"

    def work() -> dict[str, float]:
        known = known_people_unchecked(project_key=project_key)
        Anonymiser(known)
        return {"people": len(known)}

    return work


@benchmark(
    "Anonymiser on 100,000 notes with research-use grants, read from the database",
    database=True,
)
def anonymiser_granted_notes(scale: float) -> Work:
    """What an export does to each note, without the files: read through the grant as the
    export reads them (with what the kind's text needs fetched alongside), anonymise with the
    project's anonymiser (every account, the group's terms)."""
    from django.test.utils import override_settings

    from consent.policy import research_use_granted_of_kind
    from reflections.models import export_text
    from research.granted import kind_or_none
    from research.names.roster import anonymiser_for_project

    count = max(1, round(100_000 * scale))
    granted_notes(random.Random(13), count)  # noqa: S311
    project_key = f"bench:{uuid.uuid4()}"

    def work() -> dict[str, float]:
        with override_settings(DEBUG=False):
            anonymiser = anonymiser_for_project(project_key)
            kind = kind_or_none(Kind.NOTE)
            assert kind is not None
            notes = research_use_granted_of_kind(kind).iterator(chunk_size=500)
            done = replaced = 0
            for note in notes:
                replaced += len(anonymiser.anonymise(export_text(note).text).replacements)
                done += 1
        return {"notes": done, "replacements": replaced}

    return work
