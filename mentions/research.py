"""What research may take of a text that names people: one check for every kind of item.

A sentence that names someone goes to research only if she said yes to research use of
passages about her (her choice in *My account*), and only if she did not take it out. In an
export her name becomes her pseudonym, the code her own notes carry: a passage about her she
never agreed to would tie what someone else said of her to her. The people whose words a text
is (a note's writer, an interview's interviewee and interviewer) are not looked for: their own
names are theirs to give.

Names are found as mentions are (mentions.finding), in texts written before this check too.
The rule itself is plain Python (research/anonymiser/passages.py), so that an export's
processes apply it; this module gives it what it needs from the database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from consent.policy import record_access_rows
from mentions.access import (
    agreed_to_research,
    live_mentions_of_sources,
    research_passages_unchecked,
)
from mentions.finding import anonymiser_for, research_roster
from research.anonymiser.passages import ResearchText, Withholding

if TYPE_CHECKING:
    from people.models import User

# (kind, id, field): a text whose passages people were asked about as it was written.
Source = tuple[str, Any, str]


class ResearchNames:
    """Everyone a text may name, their names compiled once, and who said yes: made once for
    an export's run (or a preview), then asked of each text. It reads the choices as they are
    when it is made."""

    def __init__(self) -> None:
        people = research_roster()
        self.withholding = Withholding(
            names=anonymiser_for(people),
            agreed=frozenset(str(pk) for pk in agreed_to_research(p.pk for p in people)),
        )

    def job(
        self, text: str, *, writers: Iterable[Any], taken_out: Iterable[str] = ()
    ) -> ResearchText:
        return ResearchText(text, tuple(str(writer) for writer in writers), frozenset(taken_out))


def taken_out_of(sources: Iterable[Source]) -> dict[Source, frozenset[str]]:
    """The sentences taken out by the people they name, for many texts in one query."""
    sources = list(sources)
    fields = {(kind, str(source_id)): field for kind, source_id, field in sources}
    found: dict[tuple[str, str], set[str]] = defaultdict(set)
    mentions = live_mentions_of_sources((kind, source_id) for kind, source_id, _ in sources)
    for mention in mentions:
        key = (mention.source_kind, str(mention.source_id))
        if mention.hidden_from_readers and mention.field == fields.get(key):
            found[key].add(mention.sentence)
    return {
        (kind, source_id, field): frozenset(found.get((kind, str(source_id)), ()))
        for kind, source_id, field in sources
    }


def passages_read(*, refs: QuerySet[Any], viewer: User, how: str, reference: str = "") -> int:
    """Each passage about someone in the items `refs` names (giving `item_kind` and `item_id`)
    that research takes (she said yes, and nobody named in that sentence kept it out), read
    by `viewer` as `how`: in her "Who has seen my things", written in one statement. Returns
    the number of rows written."""
    return record_access_rows(
        rows=research_passages_unchecked(refs, viewer), viewer=viewer, how=how, reference=reference
    )
