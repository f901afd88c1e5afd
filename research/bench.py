"""Benchmarks of the anonymiser and of building its input (``make bench``).

The texts are made up from a fixed seed, the same on every run: ``random`` is right here.
"""

from __future__ import annotations

import random
import shutil
import uuid
from collections.abc import Callable
from typing import Any

from bridging_gaps.bench import (
    Comparison,
    Elsewhere,
    Unavailable,
    Work,
    benchmark,
    database_url,
    default_database,
    drop_database,
    in_process,
    new_database,
)
from consent.kinds import Kind
from research.anonymiser import Anonymiser, KnownPerson, Term
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


def _roster(rng: random.Random, size: int) -> list[KnownPerson]:
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


@benchmark("Anonymiser: 100,000 generated notes, 150 known people, 60 terms")
def anonymiser_notes(scale: float) -> Work:
    rng = random.Random(3)  # noqa: S311
    anonymiser = Anonymiser(
        _roster(rng, 150),
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
    roster = _roster(rng, 150)
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


def _people(rng: random.Random, count: int, roles: Callable[[], list[str]]) -> list[Any]:
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


@benchmark("Anonymiser input: 2,000 people with other names, from the database", database=True)
def known_people(scale: float) -> Work:
    from people.models import Role
    from research.names.models import OtherName
    from research.names.roster import known_people_unchecked

    rng = random.Random(5)  # noqa: S311
    count = max(1, round(2_000 * scale))
    people = _people(rng, count, lambda: [rng.choice(list(Role))])
    OtherName.objects.bulk_create(
        OtherName(person=person, name=f"{rng.choice(FIRST_NAMES)}ie") for person in people
    )
    project_key = f"bench:{uuid.uuid4()}"

    def work() -> dict[str, float]:
        known = known_people_unchecked(project_key=project_key)
        Anonymiser(known)
        return {"people": len(known)}

    return work


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


def _granted_notes(rng: random.Random, count: int) -> None:
    """``count`` notes by 150 members, each with a research-use grant, in chunks."""
    from consent.models import Share
    from people.models import Role
    from reflections.models import ReflectiveNote

    owners = _people(rng, 150, lambda: [Role.MEMBER])
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
    _analyse("reflections_reflectivenote", "consent_share", "consent_currentshare", "people_user")


def _analyse(*tables: str) -> None:
    """Statistics for tables just filled, as autovacuum would gather after a commit: the set-up
    is never committed (it is rolled back), so without this PostgreSQL plans for empty tables
    and reads them over and over. ANALYZE inside a transaction counts its own new rows."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'ANALYZE "{table}"')


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
    _granted_notes(random.Random(13), count)  # noqa: S311
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


@benchmark("Export: 100,000 notes with research-use grants, chosen and made by the task worker")
def export_notes(scale: float) -> Work:
    """The whole export of a large group's notes as the workspace makes it: the researcher's
    choice queued, a task worker (`manage.py db_worker`, a process of its own) choosing the
    items; the export started, a worker making the ZIP (CSV, JSON, REFI-QDA project and
    codebook, Taguette files, README, manifest) in the private storage. The data set is
    committed in a database of the benchmark's own, as a worker reads only what is committed.
    Timed from the first task queued to the file made; memory is the workers' peak."""
    import os
    import sys
    import tempfile

    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import override_settings

    from people.models import Role, User
    from research.analysis.services import project_create
    from research.exports.models import Export
    from research.exports.services import export_create, export_start

    name = f"bench_export_{uuid.uuid4().hex[:8]}"
    # Under the tests, a copy of the run's migrated template (tests/databases.py).
    template = connection.settings_dict.get("TEST", {}).get("TEMPLATE")
    new_database(name, template=template)
    folder = tempfile.mkdtemp(prefix="bench-export-")

    def cleanup() -> None:
        drop_database(name)
        shutil.rmtree(folder, ignore_errors=True)

    try:
        with default_database(name):
            if not template:
                call_command("migrate", verbosity=0)
            _granted_notes(random.Random(11), max(1, round(100_000 * scale)))  # noqa: S311
            researcher = User.objects.create(
                email=f"bench-{uuid.uuid4()}@example.org",
                display_name="Bench",
                roles=[Role.RESEARCHER],
            )
            project = project_create(name="Bench", by=researcher)
    except BaseException:
        cleanup()  # the work, which would have it, was never made
        raise
    environment = {
        **os.environ,
        "DATABASE_URL": database_url({**connection.settings_dict, "NAME": name}),
        "DJANGO_DEBUG": "false",
        "PRIVATE_FILES_ROOT": folder,  # the file is made there, and goes with it
    }
    worker = [sys.executable, str(settings.BASE_DIR / "manage.py"), "db_worker", "--batch"]
    worker.append("--no-startup-delay")

    # Queued in the database for the worker, whatever the settings (the tests run tasks at once).
    queued = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

    def work() -> dict[str, float]:
        elsewhere = Elsewhere("the task worker")
        work.elsewhere = elsewhere  # type: ignore[attr-defined]
        with default_database(name), override_settings(TASKS=queued):
            export = export_create(
                project=project, purpose=Export.Purpose.FILE, kinds=[Kind.NOTE], by=researcher
            )
            in_process(worker, environment=environment, into=elsewhere)
            export.refresh_from_db()
            export_start(export=export, by=researcher)
            in_process(worker, environment=environment, into=elsewhere)
            export.refresh_from_db()
        if export.status != Export.Status.DONE:
            raise RuntimeError(f"the export failed: {export.error}")
        return {"notes": export.item_count, "zip bytes": export.size or 0}

    work.cleanup = cleanup  # type: ignore[attr-defined]
    return work


@benchmark("Backup and restore: the 100,000-note data set and 100 files of 1 MB")
def backup_and_restore(scale: float) -> Work:
    """`manage.py backup` then `manage.py restore` into an empty database and folder. A backup
    reads only what is committed: the data set is made in a database of the benchmark's own
    (migrated, then filled as the export benchmark fills its tables), dropped at the end."""
    import tempfile
    from pathlib import Path

    from django.core.files.storage import storages
    from django.core.management import call_command
    from django.db import connection

    from bridging_gaps.backup import backup, restore
    from bridging_gaps.encryption import EncryptedFileSystemStorage, EncryptedStorageMixin

    suffix = uuid.uuid4().hex[:8]
    source, target = f"bench_backup_{suffix}", f"bench_restore_{suffix}"
    folder = Path(tempfile.mkdtemp(prefix="bench-backup-"))
    files, restored = folder / "files", folder / "restored"
    own = storages["default"]
    if not isinstance(own, EncryptedStorageMixin):
        raise Unavailable("the private storage is not the encrypted one")
    keys = own.keys  # the workspace's file keys, as `manage.py backup` uses them

    def store(location: Path) -> EncryptedFileSystemStorage:
        made = EncryptedFileSystemStorage(location=location, keys="bench:" + "A" * 43 + "=")
        made.keys = keys
        return made

    new_database(source)
    with default_database(source):
        call_command("migrate", verbosity=0)
        _granted_notes(random.Random(11), max(1, round(100_000 * scale)))  # noqa: S311
    rng = random.Random(19)  # noqa: S311
    for index in range(max(1, round(100 * scale))):
        path = files / "interview-recordings" / f"{index:04}.bin"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(rng.randbytes(1_000_000))
    database = {**connection.settings_dict, "NAME": source}

    def work() -> dict[str, float]:
        archive = folder / "backup.enc"
        manifest = backup(database=database, storage=store(files), output=archive)
        drop_database(target)
        new_database(target)
        shutil.rmtree(restored, ignore_errors=True)
        restore(
            archive=archive,
            database={**connection.settings_dict, "NAME": target},
            storage=store(restored),
            keys=keys,
        )
        return {
            "archive MB": archive.stat().st_size / 1_000_000,
            "database MB": manifest["database_bytes"] / 1_000_000,
            "files": manifest["files"],
        }

    def cleanup() -> None:
        drop_database(source)
        drop_database(target)
        shutil.rmtree(folder, ignore_errors=True)

    work.cleanup = cleanup  # type: ignore[attr-defined]
    return work
