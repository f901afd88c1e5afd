"""The made-up group the benchmarks run on: names, sentences and notes from a fixed seed, the
same on every run (``random`` is right here), and the accounts, notes and research-use grants
made from them in bulk."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from typing import Any

from consent.kinds import Kind
from research.anonymiser import KnownPerson
from research.anonymiser.lexicon import words

FIRST_NAMES = sorted(
    words(
        "Ruth Maya Jo Shell Faye Tom Sam Lee Priya Hope May Will Grace Ann Zoë Siân Aoife Kerry "
        "Dawn Olive Bex Tash Nikki Jade Amber Leanne Kayleigh Stacey Donna Sharon Michelle"
    )
)
SURNAMES = sorted(
    words(
        "Smith Jones Taylor Brown Williams Wilson Evans Thomas Young Patel Khan O'Brien "
        "Smith-Jones Okafor Hughes Edwards Davies Price Hall Lewis"
    )
)
SENTENCES = [
    "The group felt safe today and everyone listened.",
    "I hope next time more people come, because it matters to me.",
    "We talked about trust and how the surgery could do better.",
    "It was hard to speak at first but it got easier.",
    "In May we said we would change the letters, and we did.",
    "Will you bring the vouchers next time?",
    "Nobody rushed anyone, and there was tea.",
    "I felt heard, which does not happen often with services.",
]
SPICE = [
    "{name} said the waiting room feels cold.",
    "I sat next to {name} and {other}.",
    "{name}'s idea about the reception desk was good.",
    "Dr {surname} listened properly for once.",
    "Call me on 07700 900{digits} if you want.",
    "I moved to 12 Acacia Road, BS1 5TH.",
    "My NHS number is 943 476 5919.",
    "email me at {first}.{surname}@example.org",
    "Karen from the hostel came too.",
    "We met at Acacia House again.",
]


def made_up_roster(rng: random.Random, size: int) -> list[KnownPerson]:
    people = []
    for index in range(size):
        first, surname = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        names = (f"{first} {surname}", f"{first}ie")
        people.append(KnownPerson(f"P{index + 1:02d}", names))
    return people


def generated_notes(count: int, *, seed: int = 7) -> list[str]:
    """Notes of 400 to 1,200 characters like the group's, with names and identifiers in them."""
    rng = random.Random(seed)  # noqa: S311
    notes = []
    for _ in range(count):
        parts: list[str] = []
        length, target = 0, rng.randint(400, 1200)
        while length < target:
            if rng.random() < 0.3:
                parts.append(
                    rng.choice(SPICE).format(
                        name=rng.choice(FIRST_NAMES),
                        other=rng.choice(FIRST_NAMES),
                        first=rng.choice(FIRST_NAMES).lower(),
                        surname=rng.choice(SURNAMES),
                        digits=f"{rng.randint(0, 999):03d}",
                    )
                )
            else:
                parts.append(rng.choice(SENTENCES))
            length += len(parts[-1]) + 1
        notes.append(" ".join(parts))
    return notes


def accounts(rng: random.Random, count: int, roles: Callable[[], list[str]]) -> list[Any]:
    """Accounts with made-up names, in one insert."""
    from people.models import User

    return User.objects.bulk_create(
        User(
            email=f"bench-{uuid.uuid4()}@example.org",
            display_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(SURNAMES)}",
            roles=roles(),
        )
        for _ in range(count)
    )


def research_use_grant(note: Any) -> Any:
    """The ledger row of a note's research-use grant, by its owner, when it was written (for a
    bulk load: `consent.projection.rebuild()` afterwards)."""
    from consent.models import Audience, Share

    return Share(
        item_kind=Kind.NOTE,
        item_id=note.pk,
        owner_id=note.owner_id,
        audience=Audience.RESEARCH_USE,
        anonymous=True,
        granted_by_id=note.owner_id,
        granted_at=note.created_at,
    )


def granted_notes(rng: random.Random, count: int) -> None:
    """``count`` notes by 150 members, each with a research-use grant, in chunks."""
    from consent.models import Share
    from people.models import Role
    from reflections.models import ReflectiveNote

    owners = accounts(rng, 150, lambda: [Role.MEMBER])
    texts = generated_notes(min(count, 2_000))
    for start in range(0, count, 5_000):
        notes = ReflectiveNote.objects.bulk_create(
            ReflectiveNote(owner=rng.choice(owners), body=texts[index % len(texts)])
            for index in range(start, min(count, start + 5_000))
        )
        Share.objects.bulk_create(research_use_grant(note) for note in notes)
    # bulk_create skips the signals that keep the current shares: made again from the ledger.
    from consent.projection import rebuild

    rebuild()
    analyse("reflections_reflectivenote", "consent_share", "consent_currentshare", "people_user")


def analyse(*tables: str) -> None:
    """Statistics for tables just filled, as autovacuum would gather after a commit: the set-up
    is never committed (it is rolled back), so without this PostgreSQL plans for empty tables
    and reads them over and over. ANALYZE inside a transaction counts its own new rows."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'ANALYZE "{table}"')
