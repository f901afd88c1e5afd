"""Who may use the research pages.

Words to take out: facilitators. Other names: each person their own. Research projects:
researchers (403 for everyone else), a project's pages for its researchers (404 for other
researchers), an export's pages and file for the researcher who made it (404 for anyone else,
a colleague in the project too). Each `make` puts the secret where the page could show it.
"""

from research.analysis.services import matrix_cell_save, passages_code
from research.analysis.spans import Span
from research.exports.services import export_start
from research.models import Export, ProjectItem
from tests.authz.specs import FacilitatorsOnly, ResearchersOnly, ResearchProjectPage, SignedIn
from tests.factories_research import (
    SensitiveTermFactory,
    draft_export,
    granted_note,
    made_export,
    make_project,
)


def project(cast, secret):
    return make_project(cast.researcher, name=f"Project {secret}")


def analysed(cast, secret):
    """A project with an item in its analysis (the secret in its text), coded, summarised."""
    made = project(cast, secret)
    granted_note(owner=cast.owner, body=f"I felt safe. {secret} was kind.")
    made_export(made, cast.researcher, purpose="analysis")
    item = ProjectItem.objects.get(project=made)
    theme = made.themes.first()
    passage = passages_code(
        item=item, spans=[Span(0, 12)], themes=[theme], memo=secret, by=cast.researcher
    )[0]
    matrix_cell_save(
        project=made, case=item.pseudonym, theme=theme, summary=secret, by=cast.researcher
    )
    return made, item, theme, passage


def draft(cast, secret):
    made = project(cast, secret)
    granted_note(owner=cast.owner, body=f"Notes: {secret}.")
    return draft_export(made, cast.researcher)


def finished(cast, secret):
    export = draft(cast, secret)
    export_start(export=export, by=cast.researcher)
    return export


def join_project(args, person):
    from research.models import ResearchProject

    ResearchProject.objects.get(pk=args[0]).researchers.add(person)


def join_export_project(args, person):
    Export.objects.get(pk=args[0]).project.researchers.add(person)


def on_project(make):
    def build(cast, secret):
        return [make(cast, secret).pk]

    return ResearchProjectPage(make=build, join=join_project)


def on_export(make, **options):
    def build(cast, secret):
        return [make(cast, secret).pk]

    return ResearchProjectPage(make=build, join=join_export_project, creator_only=True, **options)


CLASSIFIED = {
    # The group's list of words to take out of exports: facilitators keep it.
    "sensitive_terms": FacilitatorsOnly(),
    "sensitive_term_edit": FacilitatorsOnly(args=lambda cast: [SensitiveTermFactory().pk]),
    "sensitive_term_remove": FacilitatorsOnly(
        args=lambda cast: [SensitiveTermFactory().pk], method="post"
    ),
    # Each person's own other names; nobody sees anyone else's (tests/research/test_pages.py).
    "other_names": SignedIn(),
    # Researchers' own list of projects, and starting one (tests/research/test_projects.py
    # checks that another researcher's projects never show).
    "research_home": ResearchersOnly(),
    "project_create": ResearchersOnly(),
    # A project's pages.
    "project_detail": on_project(project),
    "project_settings": on_project(project),
    "codebook": on_project(project),
    "theme_edit": ResearchProjectPage(
        make=lambda cast, secret: [
            (made := project(cast, secret)).pk,
            made.themes.create(name=secret).pk,
        ],
        join=join_project,
    ),
    "theme_remove": ResearchProjectPage(
        make=lambda cast, secret: [
            (made := project(cast, secret)).pk,
            made.themes.create(name=secret).pk,
        ],
        join=join_project,
        method="post",
    ),
    "item_code": ResearchProjectPage(
        make=lambda cast, secret: [(found := analysed(cast, secret))[0].pk, found[1].pk],
        join=join_project,
    ),
    "passage_remove": ResearchProjectPage(
        make=lambda cast, secret: [(found := analysed(cast, secret))[0].pk, found[3].pk],
        join=join_project,
        method="post",
    ),
    "matrix": on_project(lambda cast, secret: analysed(cast, secret)[0]),
    "matrix_cell": ResearchProjectPage(
        make=lambda cast, secret: [
            (found := analysed(cast, secret))[0].pk,
            found[1].pseudonym,
            found[2].pk,
        ],
        join=join_project,
    ),
    "matrix_download": ResearchProjectPage(
        make=lambda cast, secret: [analysed(cast, secret)[0].pk, "csv"], join=join_project
    ),
    "export_new": on_project(project),
    # An export's pages: only the researcher who made it.
    "export_preview": on_export(draft),
    "export_redact": on_export(draft, method="post", data={"words": "Karen"}),
    "export_start": on_export(draft, method="post"),
    "export_discard": on_export(draft, method="post"),
    "export_detail": on_export(finished),
    "export_progress": on_export(finished),
    "export_download": on_export(finished),
    "export_remake": on_export(finished, method="post"),
}
