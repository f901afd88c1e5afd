"""The named person's answer, her research choice, and the notice a writer sees before saving."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django import forms
from django.http import HttpRequest

from mentions.access import live_mentions_of_sources
from mentions.finding import anonymiser_for, find, group_roster
from mentions.models import Mention, sentence_key

if TYPE_CHECKING:
    from people.models import User

ANSWER_CHOICES = [
    (Mention.State.FINE, "That's fine: people can read it as it is"),
    (Mention.State.NAME_OUT, "Take my name out: people read “a member” instead"),
    (Mention.State.PASSAGE_OUT, "Take this passage out: only the writer and I can read it"),
]


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(
        label="What would you like?",
        choices=ANSWER_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what you would like."},
    )
    reason = forms.CharField(
        label="Why? (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Only for taking the passage out. Only you see this, unless you tick the box.",
    )
    reason_for_writer = forms.BooleanField(label="Tell the writer why", required=False)


class ResearchChoiceForm(forms.Form):
    research_use = forms.TypedChoiceField(
        label="May passages others write about you go into research exports?",
        choices=[
            ("no", "No: passages that name me stay out of research"),
            ("yes", "Yes: they may go in, with my name replaced by a code"),
        ],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        help_text="Anything someone else wrote that research may use: minutes, observation "
        "notes, their reflective notes, interviews.",
        error_messages={"required": "Choose yes or no."},
    )


@dataclass(frozen=True)
class NamesNotice:
    """Shown to a writer before saving a text that names people."""

    names: list[str]
    fingerprint: str

    @property
    def sentence(self) -> str:
        if len(self.names) == 1:
            who = self.names[0]
        else:
            who = ", ".join(self.names[:-1]) + " and " + self.names[-1]
        return (
            f"This names {who}. They will be asked before anyone else reads those "
            "sentences. Until they answer, others read “a member” instead."
        )


def names_notice(
    request: HttpRequest,
    texts: Iterable[str],
    *,
    writer: User,
    source: tuple[str, Any] | None = None,
) -> NamesNotice | None:
    """The people these texts name in sentences they have not been asked about yet, if the
    writer has not seen them: the form is shown again with the notice, and pressing Save again
    saves. `source` (kind, id) of a text being changed: sentences unchanged since keep their
    answers and are not announced again. None: save now."""
    people = group_roster()
    anonymiser = anonymiser_for(people)
    asked = {
        (str(mention.owner_id), mention.sentence_key)
        for mention in (live_mentions_of_sources([source]) if source else [])
    }
    named: set[str] = set()
    for text in texts:
        named |= {
            hit.person_id
            for hit in find(text or "", anonymiser=anonymiser, leave_out=[writer.pk])
            if (hit.person_id, sentence_key(hit.sentence)) not in asked
        }
    if not named:
        return None
    fingerprint = hashlib.sha256(",".join(sorted(named)).encode()).hexdigest()[:16]
    if request.POST.get("names_seen") == fingerprint:
        return None
    by_id = {str(person.pk): person.display_name for person in people}
    return NamesNotice(sorted(by_id[person_id] for person_id in named), fingerprint)
