"""Form messages in the workspace's own words, for every form (ours and the sign-in library's).

Django's defaults ("This field is required.", "Enter a valid email address.", "Select a valid
choice. X is not one of the available choices.") are replaced once, at start-up, on the field
classes themselves, so a form written tomorrow speaks the same way without doing anything.
tests/ux/test_messages.py posts every form of the workspace empty and wrong and fails if a
default message appears.
"""

from __future__ import annotations

from django import forms
from django.core import validators

from bridging_gaps.text import MESSAGE as UNSTORABLE

REQUIRED = "Fill this in."
CHOOSE = "Choose one of the answers."
NOT_ONE_OF_THEM = "Choose one of the answers given."
TOO_LONG = (
    "This is too long: it can have at most %(limit_value)d characters (it has %(show_value)d)."
)
TOO_SHORT = (
    "This is too short: it needs at least %(limit_value)d characters (it has %(show_value)d)."
)

FIELD_MESSAGES: dict[type[forms.Field], dict[str, str]] = {
    forms.Field: {"required": REQUIRED},
    forms.BooleanField: {"required": "Tick this box to carry on."},
    forms.ChoiceField: {"required": CHOOSE, "invalid_choice": NOT_ONE_OF_THEM},
    forms.TypedChoiceField: {"required": CHOOSE, "invalid_choice": NOT_ONE_OF_THEM},
    forms.MultipleChoiceField: {
        "required": "Choose at least one.",
        "invalid_choice": NOT_ONE_OF_THEM,
        "invalid_list": NOT_ONE_OF_THEM,
    },
    forms.ModelChoiceField: {"required": CHOOSE, "invalid_choice": NOT_ONE_OF_THEM},
    forms.ModelMultipleChoiceField: {
        "required": "Choose at least one.",
        "invalid_choice": NOT_ONE_OF_THEM,
        "invalid_list": NOT_ONE_OF_THEM,
        "invalid_pk_value": NOT_ONE_OF_THEM,
    },
    forms.EmailField: {"invalid": "Write an email address, like name@example.org."},
    forms.DateField: {"invalid": "Write a real date, like 24 November 2026."},
    forms.TimeField: {"invalid": "Write a time, like 18:30."},
    forms.DateTimeField: {"invalid": "Write a real date and time."},
    forms.IntegerField: {"invalid": "Write a whole number, like 3."},
    forms.DecimalField: {"invalid": "Write an amount, like 20.00."},
    forms.FloatField: {"invalid": "Write a number."},
    forms.UUIDField: {"invalid": NOT_ONE_OF_THEM},
    forms.URLField: {"invalid": "Write a web address, like https://example.org."},
    forms.FileField: {
        "required": "Choose a file.",
        "invalid": "That was not a file. Choose one again.",
        "missing": "No file arrived. Choose it again.",
        "empty": "The file is empty. Choose another.",
        "max_length": "The file's name is too long: rename it and choose it again.",
        "contradiction": "Choose a file, or tick to remove the one there, not both.",
    },
}

VALIDATOR_MESSAGES: dict[type, str] = {
    validators.MaxLengthValidator: TOO_LONG,
    validators.MinLengthValidator: TOO_SHORT,
    validators.MaxValueValidator: "This is too big: it can be at most %(limit_value)s.",
    validators.MinValueValidator: "This is too small: it must be at least %(limit_value)s.",
    validators.ProhibitNullCharactersValidator: UNSTORABLE,
    validators.EmailValidator: "Write an email address, like name@example.org.",
}


def use_the_workspaces_words() -> None:
    for field_class, messages in FIELD_MESSAGES.items():
        field_class.default_error_messages = {**field_class.default_error_messages, **messages}
    for validator_class, message in VALIDATOR_MESSAGES.items():
        validator_class.message = message  # type: ignore[attr-defined]
