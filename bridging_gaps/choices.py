"""A form's rows to choose from, read in one query.

Django reads a choice field's rows with `.iterator()`, which on PostgreSQL opens a server-side
cursor: four round trips to the database (declare, fetch, fetch, close) for the handful of
meetings, prompts or people a form offers, on every page that shows one. The lists a form
offers are short by design (recent meetings, active prompts, the group), so one query that reads
them whole is the cheaper way. Set once at start-up on Django's own field, as the form messages
are (bridging_gaps/messages.py), so every form, ours and the sign-in library's, does it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator


class OneQueryChoiceIterator(ModelChoiceIterator):
    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for row in self.queryset.all():
            yield self.choice(row)


def choices_in_one_query() -> None:
    # ModelMultipleChoiceField takes its iterator from ModelChoiceField.
    forms.ModelChoiceField.iterator = OneQueryChoiceIterator  # type: ignore[misc]
