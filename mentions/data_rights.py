"""Passages others wrote that name her, in her data download and when her account goes.

The download holds each passage, who wrote it and where, her answers, and her research
choice; each read of a passage naming her is in "Who has seen your things" (the consent
ledger's part). On deletion her name leaves every text that can name people, asked about or
not (her pseudonym takes its place in the text itself), and passages she took out stay out.
"""

from __future__ import annotations

from collections.abc import Callable

from datarights.hooks import Entry, Section, Text, facts
from mentions import sources
from mentions.access import mentions_of_unchecked_state, research_choice
from mentions.leaving import mention_texts_name_replace_unchecked
from mentions.services import mentions_erase
from people.models import User


def collect(person: User) -> list[Section]:
    mentions = list(
        mentions_of_unchecked_state(person).select_related("writer").order_by("created_at")
    )
    choice = research_choice(person)
    entries = []
    for mention in mentions:
        source = sources.get(mention.source_kind)
        label = source.label if source else "something"
        entries.append(
            Entry(
                group="passages",
                heading=f"{mention.writer.display_name} named you in {label}",
                facts=facts(
                    ("Who wrote it", mention.writer.display_name, "writer"),
                    ("Where", label),
                    ("Written", mention.created_at, "written_at"),
                    ("Your answer", mention.state, "answer", mention.get_state_display()),
                    ("Answered", mention.answered_at, "answered_at"),
                    ("No longer in the text since", mention.gone_at, "gone_at"),
                    (
                        "Told the writer why",
                        mention.reason_for_writer if mention.reason else None,
                        "reason_told_to_writer",
                    ),
                ),
                texts=[
                    Text("The passage", mention.sentence, key="passage"),
                    Text("Why you took it out", mention.reason, key="reason"),
                ],
            )
        )
    research_use = bool(choice and choice.research_use)
    entries.append(
        Entry(
            group="research_use_of_passages_about_you",
            heading="Passages that name you in research exports",
            facts=facts(("May go into research exports", research_use, "research_use")),
        )
    )
    return [
        Section(
            key="mentions",
            title="When someone else wrote your name",
            intro="Each passage someone else wrote that names you, and what you decided about "
            "it. Passages that name you may go into research exports: "
            f"{'yes' if research_use else 'no'}. Each time someone read one "
            "of them is in “Who has seen your things”.",
            entries=entries,
            groups=("passages", "research_use_of_passages_about_you"),
            empty="Nothing anyone wrote names you.",
        )
    ]


def erase_preview(person: User) -> list[str]:
    if not mentions_of_unchecked_state(person).filter(gone_at__isnull=True).exists():
        return []
    return ["Passages about you that you took out stay out."]


def names_leave(replace: Callable[[str], str]) -> None:
    mention_texts_name_replace_unchecked(replace=replace)


def erase(person: User, pseudonym: str) -> None:
    mentions_erase(person=person, pseudonym=pseudonym)
