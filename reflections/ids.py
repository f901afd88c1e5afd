from __future__ import annotations

import uuid
from collections.abc import Iterable


def parse_ids(values: Iterable[str]) -> list[uuid.UUID]:
    """The well-formed UUIDs among values typed or posted; the rest are ignored."""
    ids = []
    for value in values:
        try:
            ids.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    return ids
