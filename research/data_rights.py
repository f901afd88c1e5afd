"""Research's part of data rights (datarights/hooks.py): the other names a person keeps
for the anonymiser, and the pseudonyms research projects gave them.

Deleting an account deletes their other names. Pseudonym rows stay: they hold a code and
the account's id, nothing else, and keep the code from being given to someone else.
Research exports plug in here too: see docs/data-rights.md ("Research exports").
"""

from __future__ import annotations

from datarights.hooks import Entry, Section, facts, when
from people.models import User
from research.models import OtherName, Pseudonym
from research.roster import USER


def collect(person: User) -> list[Section]:
    names = list(OtherName.objects.filter(person=person))
    codes = list(Pseudonym.objects.filter(subject_kind=USER, subject_id=person.pk))
    return [
        Section(
            key="other_names",
            title="Other names you are known by",
            intro="Names you keep so that research exports take them out. Only you see them.",
            entries=[
                Entry(
                    heading=name.name,
                    facts=facts(
                        ("Added", when(name.created_at)), ("How", name.get_source_display())
                    ),
                )
                for name in names
            ],
            data=[
                {"name": name.name, "source": name.source, "added_at": name.created_at}
                for name in names
            ],
            empty="You have not added other names.",
        ),
        Section(
            key="research_codes",
            title="Your codes in research",
            intro="In research exports your name is replaced by a code, the same in every "
            "export of one research project.",
            entries=[
                Entry(
                    heading=code.label,
                    facts=facts(("Project", code.project_key), ("Given", when(code.assigned_at))),
                )
                for code in codes
            ],
            data=[
                {"project": code.project_key, "code": code.label, "given_at": code.assigned_at}
                for code in codes
            ],
            empty="No research project has given you a code yet.",
        ),
    ]


def erase_preview(person: User) -> list[str]:
    if not OtherName.objects.filter(person=person).exists():
        return []
    return ["The other names you keep for research are deleted."]


def erase(person: User, pseudonym: str) -> None:
    OtherName.objects.filter(person=person).delete()
