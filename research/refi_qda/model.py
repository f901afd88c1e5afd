"""The plain data a REFI-QDA export is built from, and the GUIDs that name it."""

from __future__ import annotations

import functools
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

PROJECT_NAMESPACE = "urn:QDA-XML:project:1.0"
CODEBOOK_NAMESPACE = "urn:QDA-XML:codebook:1.0"
PROJECT_SCHEMA_URL = "http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd"
CODEBOOK_SCHEMA_URL = "http://schema.qdasoftware.org/versions/Codebook/v1.0/Codebook.xsd"
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
PROJECT_ENTRY = "project.qde"
SOURCES_FOLDER = "sources"

# Root of every GUID derived here (stable GUIDs, codings, variables). Never change it: every
# re-export would stop matching the files researchers already hold.
ROOT_NAMESPACE = uuid.UUID("d0f7de42-c383-4981-8ee3-a074205219ed")

VariableValue = str | bool | int | float | Decimal | date | datetime


def random_guid() -> str:
    """A fresh GUID (uuid4) in the form the schemas accept."""
    return str(uuid.uuid4())


class GuidMaker:
    """Gives GUIDs to things, either random or the same on every export.

    ``GuidMaker()`` gives a new uuid4 on each call. ``GuidMaker("bridging-gaps:project:<uuid>")``
    gives a uuid5 of that key and ``(kind, key)``: exporting the same project twice gives the
    same GUIDs to its codes, sources and selections, so researchers can merge the files.
    """

    def __init__(self, namespace_key: str | None = None) -> None:
        self.namespace = None
        if namespace_key is not None:
            self.namespace = uuid.uuid5(ROOT_NAMESPACE, namespace_key)
        # A case's or a user's GUID is asked for once a source: made once.
        self._made = functools.lru_cache(maxsize=4096)(self._make)

    @property
    def stable(self) -> bool:
        return self.namespace is not None

    def __call__(self, kind: str, key: object) -> str:
        if self.namespace is None:
            return random_guid()
        return self._made(kind, key)

    def _make(self, kind: str, key: object) -> str:
        assert self.namespace is not None
        return str(uuid.uuid5(self.namespace, f"{kind}:{key}"))


_CANONICAL = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def canonical_guid(value: object, what: str) -> str:
    """The canonical form (lower case, hyphens, no braces) of a GUID, or ValueError.

    Every form comes out matching the schemas' GUIDType pattern."""
    if isinstance(value, str) and _CANONICAL.fullmatch(value):
        return value  # as GuidMaker makes them: nothing to do
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        raise ValueError(f"{what} has an invalid GUID: {value!r}") from None


def derived_guid(kind: str, *parts: str) -> str:
    """A GUID fixed by its parts, for elements the caller does not name (codings, variables)."""
    return str(uuid.uuid5(ROOT_NAMESPACE, ":".join((kind, *parts))))


@dataclass(frozen=True, slots=True)
class QdaUser:
    """Someone who wrote or coded: a researcher, shown by a pseudonymous name."""

    guid: str
    name: str


@dataclass(frozen=True, slots=True)
class QdaCode:
    """A code in the codebook. ``is_codable=False`` makes a heading that only holds children."""

    guid: str
    name: str
    description: str = ""
    children: Sequence[QdaCode] = ()
    color: str | None = None  # "#rrggbb" or "#rgb"
    is_codable: bool = True


@dataclass(frozen=True, slots=True)
class QdaSelection:
    """A coded stretch of a source: ``text[start:end]``, offsets in code points."""

    guid: str
    start: int
    end: int
    code_guids: Sequence[str] = ()
    memo: str = ""  # written as the selection's <Description>
    creating_user: str | None = None
    created_at: datetime | None = None
    name: str | None = None  # a label some tools show for the quotation; left out when None


@dataclass(frozen=True, slots=True)
class QdaSource:
    """One plain-text source (an anonymised note) with its coded selections."""

    guid: str
    name: str
    text: str
    created_at: datetime | None = None
    creating_user: str | None = None
    selections: Sequence[QdaSelection] = ()
    description: str = ""
    case_guids: Sequence[str] = ()  # the participants it belongs to; a group note has several


@dataclass(frozen=True, slots=True)
class QdaCase:
    """A pseudonymous participant, a row of the cases-by-themes matrix.

    ``variables`` (e.g. ``{"role": "peer researcher", "joined": date(2025, 3, 1)}``) become
    project Variables typed from their Python values: str, bool, int, float or Decimal, date,
    datetime. ``None`` leaves the variable out for this case."""

    guid: str
    name: str
    description: str = ""
    variables: Mapping[str, VariableValue | None] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class QdpxSummary:
    """What ``write_qdpx`` wrote."""

    sources: int
    selections: int
    codings: int
