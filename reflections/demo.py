"""Demo notes for the fictional group. Every name and word is invented.

Notes are linked to meetings only when the meetings demo made some.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone

from consent.models import Audience
from consent.services import shares_set
from meetings.models import Meeting
from reflections import services
from reflections.models import DEFAULT_PROMPTS, ContentWarning, ReflectionPrompt
from reflections.services import NoteContent

if TYPE_CHECKING:
    from reflections.models import ReflectiveNote


def _share(note: ReflectiveNote, wanted: dict[str, bool], research_use: bool = False) -> None:
    shares_set(item=note, wanted=wanted, research_use=research_use, by=note.owner)


def seed(people: dict[str, Any]) -> None:
    prompts = {
        text: ReflectionPrompt.objects.get_or_create(text=text, defaults={"position": position})[0]
        for position, text in enumerate(DEFAULT_PROMPTS, start=1)
    }
    past = list(Meeting.objects.filter(starts_at__lte=timezone.now()).order_by("-starts_at")[:2])
    last = past[0] if past else None
    before = past[-1] if past else None

    # Short answers, shared with the whole group without her name.
    ruth = services.note_create(
        owner=people["ruth"],
        content=NoteContent(
            title="After the meeting",
            meeting=last,
            answers=[
                (
                    prompts["What went well?"],
                    "Everyone listened when I talked about the waiting room.",
                ),
                (
                    prompts["What felt difficult?"],
                    "Talking about the front desk brought back a bad day.",
                ),
                (prompts["What should change?"], "Reception staff could *say their name* first."),
            ],
        ),
    )
    _share(ruth, {Audience.GROUP: True})

    # Behind a content warning, shared with members by name.
    maya = services.note_create(
        owner=people["maya"],
        content=NoteContent(
            title="Why I nearly did not come",
            body="I sat in the car for ten minutes first.\n\n"
            "Being asked the same questions again took me straight back. "
            "What helped was that nobody rushed me.",
            meeting=before,
            content_warnings=[ContentWarning.ABUSE],
            content_warning_words="talks about being asked to repeat my story",
        ),
    )
    _share(maya, {Audience.MEMBERS: False})

    # A GP's note for the whole group, with his name.
    sam = services.note_create(
        owner=people["sam"],
        content=NoteContent(
            title="What I am taking back to the practice",
            body="- Offer a quiet room while people wait\n- Say who I am before I ask anything",
            meeting=last,
        ),
    )
    _share(sam, {Audience.GROUP: False})

    # Edited after sharing: two versions; readers see the second.
    jo = services.note_create(
        owner=people["jo"],
        content=NoteContent(title="Feeling safe", body="I did not feel safe to speak today."),
    )
    services.note_save(
        note=jo,
        content=NoteContent(
            title="Feeling safe",
            body="I did not feel safe to speak today. Afterwards Faye checked in, which helped.",
            answers=[(prompts["Did you feel safe to speak?"], "Not at first.")],
        ),
        by=people["jo"],
    )
    _share(jo, {Audience.GPS: True, Audience.SUPPORT_WORKERS: True}, research_use=True)

    # Private, with changes not saved yet; and a draft never finished.
    private = services.note_create(
        owner=people["ruth"],
        content=NoteContent(title="Just for me", body="Things I want to remember."),
    )
    services.note_draft_save(
        owner=people["ruth"],
        note=private,
        data={"title": "Just for me", "body": "Things I want to remember. And one more."},
    )
    services.note_draft_save(
        owner=people["shell"],
        note_id=None,
        data={"title": "Next time", "body": "I want to bring up"},
    )
