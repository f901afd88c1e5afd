"""Demo data for research: the group's words to take out, some people's other names, and a
research project with coded passages and a framework matrix.

Every name and place here is invented. The project is built only from demo items whose owners
allow research use (if none do, Ruth and Shell allow it on a note each, as they might).
"""

from __future__ import annotations

from typing import Any

from consent.kinds import Kind
from consent.models import Audience, Share
from consent.services import share_grant
from people.models import User
from research.models import OtherName, SensitiveTerm
from research.names import services

DEMO_TERMS = [
    ("Acacia House", SensitiveTerm.Label.SERVICE, "The drop-in some members use."),
    ("Northgate Surgery", SensitiveTerm.Label.ORGANISATION, ""),
    ("Elm Street hostel", SensitiveTerm.Label.PLACE, ""),
]
DEMO_OTHER_NAMES = {
    "ruth": ["Ruthie", "Ruth Q. Demo"],
    "shell": ["Michelle Demo"],
    "sam": ["Dr Sample"],
}
# Notes written for research if the demo has none with a research-use grant.
DEMO_NOTES = {
    "ruth": (
        "After the meeting",
        "I felt safe tonight. Shell sat with me and that helped.\n\n"
        "Dr Sample asked before he examined me, and told me why. At Northgate Surgery the "
        "waiting room is still loud, and they call your name out for everyone to hear.",
    ),
    "shell": (
        "Reception",
        "I was nervous coming in. Ruthie said it gets easier, and it did.\n\n"
        "Next time I want us to talk about the letters the practice sends. "
        "They never say why they want to see you, and that frightens me.",
    ),
}
# What the demo researcher codes: words of the anonymised text, and the themes they get. An
# item without any of them has its first sentence coded with Safety.
DEMO_CODING = [
    ("I felt safe tonight.", ["Safety"]),
    ("sat with me and that helped.", ["Peer support"]),
    ("asked before he examined me, and told me why.", ["Trustworthiness and transparency"]),
    ("the waiting room is still loud", ["Safety"]),
    ("said it gets easier, and it did.", ["Peer support", "Empowerment, voice and choice"]),
    ("They never say why they want to see you", ["Trustworthiness and transparency"]),
]

DEMO_SUMMARIES = {
    "Safety": "Feels safe in the group; the waiting room still feels exposed.",
    "Peer support": "Other members make coming in easier.",
    "Empowerment, voice and choice": "Found her own way in, with the group behind her.",
    "Trustworthiness and transparency": "Wants to be told why: before an examination, in letters.",
}


def seed(people: dict[str, User]) -> None:
    facilitator = people["faye"]
    for term, label, note in DEMO_TERMS:
        services.sensitive_term_add(term=term, label=label, note=note, by=facilitator)
    for key, names in DEMO_OTHER_NAMES.items():
        for name in names:
            services.other_name_add(person=people[key], name=name, source=OtherName.Source.GIVEN)
    seed_project(people)


def _grant_on_demo_notes_unchecked(people: dict[str, User]) -> None:
    """The fictional demo group only (`seed_demo`): gives research use on two saved notes,
    acting as each note's author, so that the demo project has something to export."""
    from reflections.models import ReflectiveNote
    from reflections.services import NoteContent, note_create

    # Saved notes without a research-use grant yet; the notes demo may have granted some.
    granted = Share.objects.current().filter(item_kind=Kind.NOTE, audience=Audience.RESEARCH_USE)
    notes: list[Any] = list(
        ReflectiveNote.objects.filter(is_draft=False)
        .exclude(pk__in=granted.values("item_id"))
        .order_by("created_at")[:2]
    )
    if not notes:
        notes = [
            note_create(owner=people[key], content=NoteContent(title=title, body=body))
            for key, (title, body) in DEMO_NOTES.items()
        ]
    for note in notes:
        share_grant(item=note, audience=Audience.RESEARCH_USE, anonymous=True, by=note.owner)


def seed_project(people: dict[str, User]) -> None:
    """A project of Priya's (and Lee's) with the demo's research items analysed."""
    from research.analysis import services as analysis_services
    from research.exports.making import export_make
    from research.exports.models import Export
    from research.exports.selection import export_select
    from research.granted import research_kinds

    priya = people["priya"]
    project = analysis_services.project_create(
        name="Trauma-informed reception (demo)",
        description="How the practice's reception feels to members, and what would help.",
        by=priya,
    )
    analysis_services.project_researcher_add(project=project, person=people["lee"], by=priya)
    # Run the export's two steps here rather than in the task worker: the demo is seeded at once.
    export = Export.objects.create(
        project=project,
        purpose=Export.Purpose.ANALYSIS,
        kinds=[kind.key for kind in research_kinds()],
        created_by=priya,
    )
    if export_select(export) < 2:
        _grant_on_demo_notes_unchecked(people)
        export_select(export)
    Export.objects.filter(pk=export.pk).update(status=Export.Status.QUEUED)
    export_make(str(export.id))
    _code(project, priya)


def _code(project: Any, researcher: User) -> None:
    from research.analysis import services as analysis_services
    from research.analysis.spans import Span, paragraphs, sentences
    from research.models import ProjectItem

    themes = {theme.name: theme for theme in project.themes.all()}
    cells: set[tuple[str, str]] = set()
    for item in ProjectItem.objects.filter(project=project):
        found = [
            (item.text.find(words), len(words), names)
            for words, names in DEMO_CODING
            if words in item.text
        ]
        if not found and item.text.strip():
            first = sentences(item.text, paragraphs(item.text)[0])[0]
            found = [(first.start, first.end - first.start, ["Safety"])]
        for start, length, names in found:
            analysis_services.passages_code(
                item=item,
                spans=[Span(start, start + length)],
                themes=[themes[name] for name in names],
                memo="",
                by=researcher,
            )
            cells.update((item.pseudonym, name) for name in names)
    for case, name in sorted(cells):
        analysis_services.matrix_cell_save(
            project=project,
            case=case,
            theme=themes[name],
            summary=DEMO_SUMMARIES[name],
            by=researcher,
        )
