"""The data-rights hook: what each app holds about a person, and what it does when they
leave, delete their account, or when things are past their time.

Any installed app may have a module `<app>/data_rights.py` with any of:

    collect(person) -> Iterable[Section]         # for "Download my data"
    leave(person) -> None                        # when they leave (sharing is done centrally)
    erase_preview(person) -> Iterable[str]       # sentences for the delete page, before asking
    names_leave(replace) -> None                 # an account is deleted: `replace` puts her
                                                 # code where others' words name her
    erase(person, pseudonym) -> None             # when their account is deleted
    retention_jobs() -> Iterable[RetentionJob]   # run every day

Modules are found in INSTALLED_APPS order, like seed_demo finds `<app>/demo.py`, so a new
app plugs in by adding the file and nothing else. See docs/data-rights.md.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from types import ModuleType
from typing import Any, NamedTuple

from django.apps import apps
from django.utils import timezone
from django.utils.module_loading import module_has_submodule

HOOK_MODULE = "data_rights"


class Fact(NamedTuple):
    """One short fact, declared once for both the page and data.json: the page shows
    `label` and the value in plain words (or `shown`, where plain words need more than
    the value: "£20.00"); data.json holds the value itself under `key` (by default the
    label in snake case: "Last saved" is `last_saved`). An empty value is left off the
    page and kept in data.json as it is."""

    label: str
    value: Any
    key: str = ""
    shown: str = ""

    @property
    def json_key(self) -> str:
        return self.key or _snake(self.label)

    @property
    def text(self) -> str:
        return self.shown or plain(self.value)


class Text(NamedTuple):
    """A longer text, shown as written (or, where it was written with formatting, as
    `html`: a note's Markdown made safe the way the note's own page shows it); data.json
    holds the text as written."""

    label: str
    text: str
    key: str = ""
    html: str = ""

    @property
    def json_key(self) -> str:
        return self.key or _snake(self.label)


class File(NamedTuple):
    """A file in the ZIP, linked from the page (files/...)."""

    label: str
    path: str


@dataclass
class Entry:
    """One thing, as a reader of the download sees it and as data.json holds it: a
    heading, short facts, longer texts, files in the ZIP, and parts of it (a note's
    versions, a transcript's passages). Everything is declared once, here: the page and
    data.json are both made from it (`data()`).

    `group` names the list this entry is in, in data.json (a section's "answers" and
    "attended"; a note's "versions"); `id` is for other programs only."""

    heading: str
    facts: list[Fact] = field(default_factory=list)
    texts: list[Text] = field(default_factory=list)
    files: list[File] = field(default_factory=list)
    parts: list[Entry] = field(default_factory=list)
    group: str = ""
    id: Any = None

    @property
    def shown_facts(self) -> list[Fact]:
        return [fact for fact in self.facts if fact.text]

    @property
    def shown_texts(self) -> list[Text]:
        return [text for text in self.texts if text.text]

    def data(self) -> dict[str, Any]:
        data: dict[str, Any] = {} if self.id is None else {"id": self.id}
        data["heading"] = self.heading
        for fact in self.facts:
            data[_unused(data, fact.json_key)] = fact.value
        for text in self.texts:
            data[_unused(data, text.json_key)] = text.text
        if self.files:
            data["files"] = [{"label": label, "path": path} for label, path in self.files]
        data.update(grouped(self.parts, default="parts"))
        return data


def grouped(entries: Iterable[Entry], *, default: str) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = {}
    for entry in entries:
        groups.setdefault(entry.group or default, []).append(entry.data())
    return groups


def _snake(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_") or "value"


def _unused(data: dict[str, Any], key: str) -> str:
    """Two facts with the same label (two answers to one question) both stay."""
    candidate, number = key, 2
    while candidate in data:
        candidate, number = f"{key}_{number}", number + 1
    return candidate


@dataclass(frozen=True)
class Attachment:
    """A stored file to copy into the ZIP at `path` (under files/)."""

    path: str
    storage_name: str


@dataclass
class Section:
    """One page of the download (`<key>.html`) and one key of data.json, both made from
    `entries`. `empty` is said when there are none. data.json holds the entries as a list,
    or, where they are in groups, as one list per group (`groups` names every group, so an
    empty one is still there for a program to find)."""

    key: str
    title: str
    intro: str = ""
    entries: list[Entry] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    empty: str = "Nothing is held about you here."
    groups: tuple[str, ...] = ()

    @property
    def data(self) -> list[dict[str, Any]] | dict[str, list[dict[str, Any]]]:
        if not self.groups:
            return [entry.data() for entry in self.entries]
        data: dict[str, list[dict[str, Any]]] = {group: [] for group in self.groups}
        for group, entries in grouped(self.entries, default=self.groups[0]).items():
            data[group] = entries
        return data


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


def plain(value: Any) -> str:
    """A fact's value in plain words: "4 December 2026, 18:00", "yes", "a, b"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return yes_no(value)
    if isinstance(value, datetime):
        return when(value)
    if isinstance(value, date):
        return day(value)
    if isinstance(value, list | tuple):
        return joined(plain(item) for item in value)
    return str(value)


def facts(*rows: tuple[Any, ...]) -> list[Fact]:
    """Facts from (label, value) or (label, value, key) rows."""
    return [Fact(*row) for row in rows]


def joined(values: Iterable[str]) -> str:
    return ", ".join(value for value in values if value)


ONLY_YOU = "Only you can see this."
