"""Writes for research: sensitive terms, other names, pseudonyms. Each in one transaction."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from actionlog.services import log_action
from people.models import Role, User
from research.names.models import OtherName, Pseudonym, SensitiveTerm

# One pseudonym per person, from their first role in this order: someone who is a member and
# a support worker (a peer worker) is a member here, an academic GP is a GP.
ROLE_PREFIXES: list[tuple[str, str]] = [
    (Role.MEMBER, "P"),
    (Role.GP, "GP"),
    (Role.RESEARCHER, "R"),
    (Role.SUPPORT_WORKER, "SW"),
]
# Someone with no role in the group (a site admin, a deactivated account emptied of roles).
NO_ROLE_PREFIX = "X"


def prefix_for_roles(roles: Iterable[str]) -> str:
    held = set(roles)
    return next((prefix for role, prefix in ROLE_PREFIXES if role in held), NO_ROLE_PREFIX)


def pseudonym_label(prefix: str, number: int) -> str:
    """P01, P02... for members (the group has dozens), GP1, R1, SW1 for the others."""
    return f"{prefix}{number:02d}" if prefix == "P" else f"{prefix}{number}"


@dataclass(frozen=True, slots=True)
class Subject:
    """Someone who needs a pseudonym: an account ("user", its id) or another kind of person."""

    kind: str
    id: uuid.UUID
    prefix: str


@transaction.atomic
def pseudonyms_assign(*, project_key: str, subjects: Iterable[Subject]) -> dict[uuid.UUID, str]:
    """The pseudonym of every subject in the project, giving the next free one to those without.

    A pseudonym once given is kept for good, even when the person's roles change, so every
    export of a project names a person the same way. Numbers are never reused. Newcomers in
    one call are numbered in a random order, so P01 does not tell a reader who joined first.
    Three queries whatever the number of people.
    """
    if not project_key:
        raise ValueError("A research project needs a key.")
    wanted = list(subjects)
    with connection.cursor() as cursor:
        # Two exports of one project at once must not both hand out "P07".
        cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [project_key])
    rows = Pseudonym.objects.filter(project_key=project_key).values_list(
        "subject_kind", "subject_id", "prefix", "number", "label"
    )
    given: dict[tuple[str, uuid.UUID], str] = {}
    highest: dict[str, int] = {}
    for kind, subject_id, prefix, number, label in rows:
        given[(kind, subject_id)] = label
        highest[prefix] = max(highest.get(prefix, 0), number)
    newcomers = [subject for subject in wanted if (subject.kind, subject.id) not in given]
    random.SystemRandom().shuffle(newcomers)
    new_rows = []
    now = timezone.now()
    for subject in newcomers:
        number = highest.get(subject.prefix, 0) + 1
        highest[subject.prefix] = number
        label = pseudonym_label(subject.prefix, number)
        given[(subject.kind, subject.id)] = label
        new_rows.append(
            Pseudonym(
                project_key=project_key,
                subject_kind=subject.kind,
                subject_id=subject.id,
                prefix=subject.prefix,
                number=number,
                label=label,
                assigned_at=now,
            )
        )
    Pseudonym.objects.bulk_create(new_rows)
    return {subject.id: given[(subject.kind, subject.id)] for subject in wanted}


@transaction.atomic
def sensitive_term_add(*, term: str, label: str, note: str = "", by: User) -> SensitiveTerm:
    done = SensitiveTerm.objects.create(
        term=term, label=label, note=note, created_by=by, updated_by=by
    )
    log_action(by=by, action="research.sensitive_term.added", obj=done)
    return done


@transaction.atomic
def sensitive_term_update(
    *, sensitive_term: SensitiveTerm, term: str, label: str, note: str = "", by: User
) -> SensitiveTerm:
    sensitive_term.term = term
    sensitive_term.label = label
    sensitive_term.note = note
    sensitive_term.updated_by = by
    sensitive_term.updated_at = timezone.now()
    sensitive_term.save(update_fields=["term", "label", "note", "updated_by", "updated_at"])
    log_action(by=by, action="research.sensitive_term.changed", obj=sensitive_term)
    return sensitive_term


@transaction.atomic
def sensitive_term_remove(*, sensitive_term: SensitiveTerm, by: User) -> None:
    log_action(by=by, action="research.sensitive_term.removed", obj=sensitive_term)
    sensitive_term.delete()


@transaction.atomic
def other_name_add(
    *, person: User, name: str, source: str = OtherName.Source.GIVEN
) -> OtherName | None:
    """Add a name the person is also known by; None when they have it already."""
    name = " ".join(name.split())
    if not name or person.other_names.filter(name__iexact=name).exists():
        return None
    other = OtherName.objects.create(person=person, name=name, source=source)
    # Never the name itself: it is private.
    log_action(by=person, action="research.other_name.added", obj=other, person=person)
    return other


@transaction.atomic
def other_name_remove(*, person: User, other_name_id: uuid.UUID) -> bool:
    """Remove one of the person's own other names. Someone else's is never touched."""
    deleted, _ = OtherName.objects.filter(person=person, id=other_name_id).delete()
    if deleted:
        log_action(
            by=person,
            action="research.other_name.removed",
            obj=person,
            person=person,
            data={"other_name": other_name_id},
        )
    return bool(deleted)
