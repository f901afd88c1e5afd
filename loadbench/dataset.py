"""The data set of issue 20, made from a seed (the same rows on every run) and a scale: at 1,
1,000 people, 100,000 notes (35% shared, 40% with research use, 10% of shares withdrawn, 5%
behind content warnings) and 10,000 meetings. Written in bulk into the current default
database, which must be freshly migrated and is the benchmark's own."""

from __future__ import annotations

import html
import random
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import generate_totp_secret
from allauth.mfa.utils import encrypt
from django.db import connection
from django.utils import timezone

from consent.kinds import Kind
from consent.models import Audience, Share, ShareWithdrawal
from consent.projection import rebuild
from meetings.models import Meeting, MeetingSettings
from people.models import Role, User
from reflections.models import ReflectiveNote
from research.bench.data import generated_notes, research_use_grant

CHUNK = 5_000
SHARED, RESEARCH_USE, WITHDRAWN, WARNED = 0.35, 0.40, 0.10, 0.05
# The tables the data set fills, analysed at the end as autovacuum would after a load.
TABLES = (
    "people_user",
    "reflections_reflectivenote",
    "consent_share",
    "consent_sharewithdrawal",
    "consent_currentshare",
    "meetings_meeting",
)


@dataclass(frozen=True)
class Made:
    """Who the pages are asked as, and what they ask for."""

    member: User
    gp: User
    note_id: Any  # the member's newest note
    calendar_token: str
    notes: int
    meetings: int


def _people(rng: random.Random, count: int) -> list[User]:
    def roles() -> tuple[list[str], bool]:
        roll = rng.random()
        if roll < 0.85:
            return [Role.MEMBER], False
        if roll < 0.90:
            return [Role.GP], False
        if roll < 0.93:
            return [Role.RESEARCHER], False
        if roll < 0.98:
            return [Role.SUPPORT_WORKER], False
        return [Role.SUPPORT_WORKER], True

    people = []
    for index in range(count):
        chosen, facilitates = roles()
        people.append(
            User(
                email=f"bench-{index}@example.org",
                display_name=f"Person {index}",
                roles=chosen,
                is_facilitator=facilitates,
                password="!",  # noqa: S106 - unusable: nobody signs in, sessions are made
                safety_seen_at=timezone.now(),
                welcomed_at=timezone.now(),
            )
        )
    made = User.objects.bulk_create(people)
    Authenticator.objects.bulk_create(
        Authenticator(
            user=person,
            type=Authenticator.Type.TOTP,
            data={"secret": encrypt(generate_totp_secret())},
        )
        for person in made
        if person.requires_mfa
    )
    return made


def _notes(rng: random.Random, count: int, owners: list[User]) -> None:
    texts = generated_notes(min(count, 2_000), seed=23)
    audiences = [Audience.GROUP, Audience.GPS, Audience.MEMBERS]
    start = timezone.now() - timedelta(days=3 * 365)
    for first in range(0, count, CHUNK):
        notes = []
        for index in range(first, min(count, first + CHUNK)):
            body = texts[index % len(texts)]
            at = start + timedelta(minutes=16 * index)
            notes.append(
                ReflectiveNote(
                    owner=rng.choice(owners),
                    title=f"Note {index}",
                    body=body,
                    body_html=f"<p>{html.escape(body)}</p>",
                    excerpt=body[:200],
                    content_warnings=["violence"] if rng.random() < WARNED else [],
                    created_at=at,
                    updated_at=at,
                )
            )
        ReflectiveNote.objects.bulk_create(notes)
        shares, withdrawn = [], []
        for note in notes:
            if rng.random() < SHARED:
                audience = rng.choice(audiences)
                share = Share(
                    item_kind=Kind.NOTE,
                    item_id=note.pk,
                    owner_id=note.owner_id,
                    audience=audience,
                    anonymous=audience == Audience.GROUP and rng.random() < 0.5,
                    granted_by_id=note.owner_id,
                    granted_at=note.created_at,
                )
                shares.append(share)
                if rng.random() < WITHDRAWN:
                    withdrawn.append(share)
            if rng.random() < RESEARCH_USE:
                shares.append(research_use_grant(note))
        Share.objects.bulk_create(shares)
        ShareWithdrawal.objects.bulk_create(
            ShareWithdrawal(share=share, withdrawn_by_id=share.owner_id) for share in withdrawn
        )


def _meetings(count: int) -> None:
    """Spread over eight years, seven past and one to come: about 1,250 in a year."""
    start = timezone.now() - timedelta(days=7 * 365)
    step = timedelta(days=8 * 365) / max(1, count)
    for first in range(0, count, CHUNK):
        Meeting.objects.bulk_create(
            Meeting(
                starts_at=start + step * index, ends_at=start + step * index + timedelta(hours=2)
            )
            for index in range(first, min(count, first + CHUNK))
        )


def build(*, scale: float, seed: int = 20) -> Made:
    rng = random.Random(seed)  # noqa: S311 - a reproducible data set, not a secret
    people = _people(rng, max(10, round(1_000 * scale)))
    members = [person for person in people if person.roles == [Role.MEMBER]]
    notes = max(10, round(100_000 * scale))
    _notes(rng, notes, members)
    meetings = max(10, round(10_000 * scale))
    _meetings(meetings)
    rebuild()  # bulk_create skipped the signals that keep the current shares
    with connection.cursor() as cursor:
        for table in TABLES:
            cursor.execute(f'ANALYZE "{table}"')
    member = members[0]
    gp = next(person for person in people if person.roles == [Role.GP])
    token = secrets.token_urlsafe(32)
    MeetingSettings.objects.update_or_create(
        person=member,
        defaults={"calendar_token": token, "calendar_token_created_at": timezone.now()},
    )
    return Made(member, gp, _latest_note_id_unchecked(member), token, notes, meetings)


def _latest_note_id_unchecked(member: User) -> Any:
    """The id of the member's newest note, for the benchmark to open as her: the benchmark made
    every note itself a moment ago, in a database of its own; nobody's words are read."""
    return (
        ReflectiveNote.objects.filter(owner=member)
        .order_by("-created_at")
        .values_list("pk", flat=True)
        .first()
    )


def session_for(person: User) -> str:
    """A signed-in session kept in the database (as signing in makes), its key."""
    from importlib import import_module

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store: Any = import_module("django.contrib.sessions.backends.db").SessionStore()
    store[SESSION_KEY] = str(person.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = person.get_session_auth_hash()
    store.save()
    return str(store.session_key)
