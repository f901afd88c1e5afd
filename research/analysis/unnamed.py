"""What researchers write in the analysis names nobody.

A passage's memo and a case's summary on a theme go into the project's exports and downloads,
which hold no names, and are read by the project's other researchers, who know people only by
their codes. So a memo or a summary that names someone in the group (found as the anonymiser
finds names: every form of everyone's names, everyday words only where they are names) is
refused, saying who it names. The writer's own name is hers to give.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from mentions.finding import anonymiser_for, find, research_roster
from people.models import User


def refuse_names(text: str, *, field: str, what: str, writer: User) -> None:
    """Raise a ValidationError on `field` if `text` names someone other than its `writer`."""
    if not text.strip():
        return
    names = anonymiser_for(research_roster())
    if not names.may_name_someone(text):
        return
    found = find(text, anonymiser=names, leave_out=[writer.pk])
    words = list(dict.fromkeys(word for hit in found for word in hit.words))
    if words:
        raise ValidationError(
            {
                field: f"Your {what} names {' and '.join(words)}. Write their code instead "
                "(such as P04): names never go into the analysis or its exports."
            }
        )
