"""Text PostgreSQL cannot store, found before it reaches the database.

PostgreSQL refuses the NUL character in text, and UTF-8 cannot hold a lone surrogate (which
JSON's "\\ud800" escapes and some broken clients produce). Nothing else a person can type is
refused. Forms say so next to the field; other ways in answer with the same words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import CharField, Model

UNSTORABLE = re.compile("[\x00\ud800-\udfff]")

MESSAGE = (
    "This has a hidden character we cannot keep (a “null” or broken character, often "
    "pasted from another app). Take it out and try again."
)


def fitted(model: type[Model], field: str, text: str) -> str:
    """`text` cut to what a CharField holds: a name replaced by a longer code (an account's
    deletion) must not make a title too long to save, which would stop the deletion."""
    column = model._meta.get_field(field)
    if isinstance(column, CharField) and column.max_length:
        return text[: column.max_length]
    return text


def is_storable(text: str) -> bool:
    return UNSTORABLE.search(text) is None


def all_storable(values: Iterable[Any]) -> bool:
    return all(is_storable(value) for value in values if isinstance(value, str))


def validate_storable(value: Any) -> None:
    """A form field validator with the workspace's own words."""
    if isinstance(value, str) and not is_storable(value):
        raise ValidationError(MESSAGE, code="null_characters_not_allowed")


# A cell starting with one of these is a formula to a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: str) -> str:
    """A cell a spreadsheet will not run as a formula (a name such as "=HYPERLINK(...)"): a
    leading ' where it could."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def one_newline(text: str) -> str:
    """Every line break as one character, \n. Browsers send \r\n from a text box; stored as
    typed, a break counts as two characters here and as one in the analysis tools a research
    export is opened in, and every coded passage after it lands in the wrong place."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _char_field_keeps_one_newline() -> None:
    """Once, at start-up: every text typed into any form is stored with \n breaks."""
    from django import forms

    original = forms.CharField.to_python
    if getattr(original, "one_newline", False):
        return

    def to_python(self: forms.CharField, value: Any) -> Any:
        cleaned = original(self, value)
        return one_newline(cleaned) if isinstance(cleaned, str) else cleaned

    to_python.one_newline = True  # type: ignore[attr-defined]
    forms.CharField.to_python = to_python  # type: ignore[method-assign]
