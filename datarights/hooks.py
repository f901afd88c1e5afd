"""The data-rights hook: what each app holds about a person, and what it does when they
leave, delete their account, or when things are past their time.

Any installed app may have a module `<app>/data_rights.py` with any of:

    collect(person) -> Iterable[Section]         # for "Download my data"
    leave(person) -> None                        # when they leave (sharing is done centrally)
    erase_preview(person) -> Iterable[str]       # sentences for the delete page, before asking
    erase(person, pseudonym) -> None             # when their account is deleted
    retention_jobs() -> Iterable[RetentionJob]   # run every day

Modules are found in INSTALLED_APPS order, like seed_demo finds `<app>/demo.py`, so a new
app plugs in by adding the file and nothing else. See docs/data-rights.md.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from types import ModuleType
from typing import Any

from django.apps import apps
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

HOOK_MODULE = "data_rights"


@dataclass
class Entry:
    """One thing, as a reader of the download sees it: a heading, short facts
    (label, value), longer texts (label, text: shown as written), files in the ZIP
    (label, path), and parts of it (a note's versions, a transcript's passages)."""

    heading: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    texts: list[tuple[str, str]] = field(default_factory=list)
    # Texts written with formatting (a note's Markdown), already made into safe HTML the way
    # the note's own page shows them: (label, html).
    formatted: list[tuple[str, str]] = field(default_factory=list)
    files: list[tuple[str, str]] = field(default_factory=list)
    parts: list[Entry] = field(default_factory=list)


@dataclass(frozen=True)
class Attachment:
    """A stored file to copy into the ZIP at `path` (under files/)."""

    path: str
    storage_name: str


@dataclass
class Section:
    """One page of the download (`<key>.html`) and one key of data.json.

    `entries` are for people to read; `data` is the same, JSON-able (dates, UUIDs and
    decimals are fine), for other programs. `empty` is said when there are no entries.
    """

    key: str
    title: str
    intro: str = ""
    entries: list[Entry] = field(default_factory=list)
    data: Any = None
    attachments: list[Attachment] = field(default_factory=list)
    empty: str = "Nothing is held about you here."


@dataclass(frozen=True)
class RetentionJob:
    """Something removed once it is past its time. `run(now)` removes exactly what is
    past its time at `now` and returns how many things it removed."""

    key: str
    # In plain words, for the command's output and the docs: "drafts never saved".
    description: str
    # The setting that says how long (documented in the README); "" for a safety net
    # that removes what should already be gone.
    setting: str
    run: Callable[[datetime], int]


@cache
def hook_modules() -> tuple[ModuleType, ...]:
    """Every app's data_rights module, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, HOOK_MODULE):
            found.append(importlib.import_module(f"{config.name}.{HOOK_MODULE}"))
    return tuple(found)


def hooks(name: str) -> Iterator[Callable[..., Any]]:
    """The hook `name` of every app that has it."""
    for module in hook_modules():
        function = getattr(module, name, None)
        if function is not None:
            yield function


def all_retention_jobs() -> list[RetentionJob]:
    return [job for retention_jobs in hooks("retention_jobs") for job in retention_jobs()]


# Formatting shared by the collect hooks: everything in the download is in plain words.


def when(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return f"{timezone.localtime(moment):%-d %B %Y, %H:%M}"


def day(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date()
    return f"{value:%-d %B %Y}"


def yes_no(value: bool) -> str:
    return "yes" if value else "no"


def facts(*pairs: tuple[str, str]) -> list[tuple[str, str]]:
    """Facts without the empty ones."""
    return [(label, value) for label, value in pairs if value]


def joined(values: Iterable[str]) -> str:
    return ", ".join(value for value in values if value)


ONLY_YOU = "Only you can see this."
