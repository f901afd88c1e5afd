"""`log_action`: every service that changes something calls it, inside its transaction, so the
change and its record are written together or not at all (in the spirit of pretix's
`log_action`).

    log_action(by=by, action="meetings.agenda_item.moved", obj=item, data={"up": True})

Details are for telling changes apart, never for content: ids, numbers, yes/no, dates and
short codes ("gp", "withdrawn"). Text anyone wrote (a note, a title, a name, a reason) is
refused, so a log row can be shown wherever its object may be named.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import models

from actionlog.models import LoggedAction

if TYPE_CHECKING:
    from people.models import User

ACTION = re.compile(r"[a-z_]+(\.[a-z_]+){2}")
CODE = re.compile(r"[A-Za-z0-9_.:+-]{0,64}")

type Detail = bool | int | Decimal | date | datetime | uuid.UUID | str | None


class NotLoggable(ValueError):
    """A detail that could carry someone's words."""


def _safe(key: str, value: Detail | list[Detail]) -> object:
    if isinstance(value, list):
        return [_safe(key, each) for each in value]
    if value is None or isinstance(value, bool | int):
        return value
    if isinstance(value, Decimal | uuid.UUID | date):  # datetime is a date
        return value.isoformat() if isinstance(value, date) else str(value)
    if isinstance(value, str) and CODE.fullmatch(value):
        return value
    raise NotLoggable(f"The action log keeps codes, not text: {key!r} is not one.")


def log_action(
    *,
    by: User | None,
    action: str,
    obj: models.Model,
    person: User | None = None,
    data: Mapping[str, Detail | list[Detail]] | None = None,
) -> LoggedAction:
    """Record that `by` (None: the workspace itself) did `action` to `obj`; `person` is whose
    thing it is, or whom it is about, when that is not `by`."""
    if not ACTION.fullmatch(action):
        raise ValueError(f"An action is '<app>.<object>.<verb>', not {action!r}.")
    details = {key: _safe(key, value) for key, value in (data or {}).items()}
    return LoggedAction.objects.create(
        by_id=by.pk if by is not None else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        person_id=person.pk if person is not None else None,
        data=details,
    )
