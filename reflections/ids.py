from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core import signing

if TYPE_CHECKING:
    from people.models import User


def parse_ids(values: Iterable[str]) -> list[uuid.UUID]:
    """The well-formed UUIDs among values typed or posted; the rest are ignored."""
    ids = []
    for value in values:
        try:
            ids.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    return ids


# A writing page picks the id of a note before it exists, so that autosave and "Save" reach the
# same note. Only an id the workspace gave her is kept as hers: were any id she sends taken, one
# that is someone else's note would have to answer otherwise than one nobody uses, which would
# tell her that the note exists.
_SALT = "reflections.new-note-id"


def new_note_signature(*, note_id: uuid.UUID, person: User) -> str:
    """What a writing page holds beside the id it picked for her new note."""
    return signing.Signer(salt=_SALT).signature(f"{person.pk}:{note_id}")


def given_to(*, note_id: uuid.UUID, person: User, signature: str) -> bool:
    """Whether the workspace gave this id to this person for a new note (under its key, or a
    key it has moved from and still lists in SECRET_KEY_FALLBACKS)."""
    signer = signing.Signer(salt=_SALT)
    try:
        signer.unsign(f"{person.pk}:{note_id}{signer.sep}{signature}")
    except signing.BadSignature:
        return False
    return True
