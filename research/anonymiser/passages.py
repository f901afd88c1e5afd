"""Who a text names, sentence by sentence, and the text research may take of it.

Plain Python like the rest of the anonymiser (no Django), so that an export's processes
(spread.py) can leave out passages as well as anonymise. The workspace builds the input from
its database: mentions/finding.py (the names) and mentions/research.py (who said yes).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from research.anonymiser.engine import Anonymiser
from research.anonymiser.model import Anonymised

# A sentence ends at ., ! or ? (and any closing quotes or brackets) before a space, or at a
# line break. Lists and headings are sentences of their own.
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)|\n")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Found:
    """One person named in one sentence of a text."""

    person_id: str
    sentence: str
    # The words of the sentence that name her, as typed.
    words: tuple[str, ...]


def sentences(text: str) -> list[Sentence]:
    """The text's sentences, with where each starts and ends (surrounding space left out)."""
    found: list[Sentence] = []
    start = 0
    for match in [*_SENTENCE_END.finditer(text), None]:
        end = match.end() if match is not None else len(text)
        chunk = text[start:end]
        stripped = chunk.strip()
        if stripped:
            offset = start + (len(chunk) - len(chunk.lstrip()))
            found.append(Sentence(offset, offset + len(stripped), stripped))
        start = end
    return found


def find(text: str, *, anonymiser: Anonymiser, leave_out: Iterable[object] = ()) -> list[Found]:
    """Each person the text names, in each sentence, once per sentence; people in `leave_out`
    (the writer naming herself) are not looked for. `anonymiser` knows people by their ids."""
    if not text.strip():
        return []
    skip = {str(person_id) for person_id in leave_out}
    parts = sentences(text)
    starts = [part.start for part in parts]
    words: dict[tuple[int, str], list[str]] = defaultdict(list)
    for start, end, who in anonymiser.names_in(text):
        index = bisect_right(starts, start) - 1
        if index < 0 or start >= parts[index].end:
            continue
        word = text[start:end]
        # A form two people share stands for both ("id1/id2"): it names each of them.
        for person_id in who.split("/"):
            if person_id not in skip and word not in words[(index, person_id)]:
                words[(index, person_id)].append(word)
    return [
        Found(person_id=person_id, sentence=parts[index].text, words=tuple(found))
        for (index, person_id), found in sorted(words.items())
    ]


@dataclass(frozen=True, slots=True)
class ResearchText:
    """One text on its way to research, and whose words it is (their names are theirs to
    give); `taken_out`: sentences the people they name took out."""

    text: str
    writers: tuple[str, ...] = ()
    taken_out: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Withholding:
    """Leaves out each sentence that names someone who did not say yes to research use of
    passages about her. `names` knows everyone by id; `agreed` holds the ids that said yes."""

    names: Anonymiser
    agreed: frozenset[str]

    def withhold(self, job: ResearchText) -> tuple[str, int]:
        """The text research may take, and how many passages were left out."""
        text = job.text
        if not text.strip():
            return text, 0
        found = (
            find(text, anonymiser=self.names, leave_out=job.writers)
            if self.names.may_name_someone(text)
            else []
        )
        withhold = {hit.sentence for hit in found if hit.person_id not in self.agreed}
        withhold |= job.taken_out
        if not withhold:
            return text, 0
        withheld = 0
        for sentence in withhold:
            if sentence in text:
                text = text.replace(sentence, "")
                withheld += 1
        return re.sub(r"[ \t]{2,}", " ", text).strip(), withheld


@dataclass(frozen=True)
class ForResearch:
    """What a research export does to each text: leave out the passages about people who did
    not agree, then anonymise. Sent once to each of an export's processes."""

    anonymiser: Anonymiser
    withholding: Withholding

    def anonymise(self, job: ResearchText) -> Anonymised:
        text, withheld = self.withholding.withhold(job)
        result = self.anonymiser.anonymise(text)
        return Anonymised(result.text, result.replacements, result.flags, withheld)
