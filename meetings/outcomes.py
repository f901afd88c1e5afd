"""Decisions made elsewhere than in minutes, for "You said, we did".

meetings knows nothing of the apps above it: an app that decides things (proposals) registers a
provider in its AppConfig.ready() with `register(provider)`. A provider gives the decisions this
viewer may read, its texts already as she may read them (mentions).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from people.models import User


@dataclass(frozen=True)
class OutcomeAction:
    description: str
    status: str
    status_label: str
    who: str = ""
    due_on: date | None = None


@dataclass(frozen=True)
class Outcome:
    decided_at: datetime
    # How it was decided, in plain words ("Decided by a vote").
    how: str
    said: str
    did: str
    url: str
    meeting_id: Any = None
    meeting_starts_at: datetime | None = None
    actions: list[OutcomeAction] = field(default_factory=list)


Provider = Callable[[Any], list[Outcome]]
_PROVIDERS: list[Provider] = []


def register(provider: Provider) -> Provider:
    if provider not in _PROVIDERS:
        _PROVIDERS.append(provider)
    return provider


def outcomes_for(viewer: User) -> list[Outcome]:
    """Every registered app's decisions this viewer may read, newest first."""
    found = [outcome for provider in _PROVIDERS for outcome in provider(viewer)]
    return sorted(found, key=lambda outcome: outcome.decided_at, reverse=True)
