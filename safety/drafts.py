"""Keeping what someone typed: when she leaves with Exit this page, or is signed out."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from bridging_gaps.text import is_storable
from safety.models import FormDraft

if TYPE_CHECKING:
    from people.models import User

# Never kept: the form's own token, anything that looks like a password or a code, and what
# the page itself made rather than what she typed (a new note's signed id).
SKIPPED = ("csrfmiddlewaretoken", "password", "code", "names_seen", "confirm", "signature")
MAX_VALUE = 200_000
# A session key: whether she has kept drafts (set at sign-in and when one is kept or forgotten).
HAS_DRAFTS = "has_kept_drafts"


def has_any(person: User) -> bool:
    return FormDraft.objects.filter(person=person).exists()


def _wanted(name: str) -> bool:
    return not any(skip in name.lower() for skip in SKIPPED)


def _clean(data: Mapping[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for name in data:
        if not _wanted(name):
            continue
        values = data.getlist(name) if hasattr(data, "getlist") else [data[name]]
        values = [str(v)[:MAX_VALUE] for v in values if isinstance(v, str) and is_storable(v)]
        if not any(value.strip() for value in values):
            continue
        fields[name] = values if len(values) > 1 else values[0]
    return fields


@transaction.atomic
def keep_posted(*, person: User, path: str, data: Mapping[str, Any]) -> bool:
    """Keep a form's typed values for `path`. False when there was nothing to keep."""
    fields = _clean(data)
    if not fields or not path.startswith("/") or len(path) > 300:
        return False
    FormDraft.objects.update_or_create(
        person=person, path=path, defaults={"fields": fields, "saved_at": timezone.now()}
    )
    return True


def kept_for(person: User, path: str) -> FormDraft | None:
    if not getattr(person, "is_authenticated", False):
        return None
    return FormDraft.objects.filter(person=person, path=path).first()


@transaction.atomic
def forget(*, person: User, path: str) -> None:
    FormDraft.objects.filter(person=person, path=path).delete()


@transaction.atomic
def drafts_name_replace(*, replace: Callable[[str], str]) -> int:
    """Every kept form's typed values passed through `replace` (a person's account is deleted:
    her name leaves what others typed). Returns how many drafts changed."""
    changed = 0
    for draft in FormDraft.objects.only("id", "fields").iterator(chunk_size=500):
        fields = {
            name: [replace(v) for v in value] if isinstance(value, list) else replace(value)
            for name, value in draft.fields.items()
        }
        if fields != draft.fields:
            draft.fields = fields
            draft.save(update_fields=["fields"])
            changed += 1
    return changed
