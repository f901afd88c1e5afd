"""Factories for the research app."""

from __future__ import annotations

import factory

from research.models import OtherName, SensitiveTerm
from tests.factories import UserFactory


class SensitiveTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SensitiveTerm

    term = factory.Sequence(lambda n: f"Acacia House {n}")
    label = SensitiveTerm.Label.SERVICE


class OtherNameFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OtherName

    person = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Nickname{n}")


# --- Research projects and exports ---------------------------------------------------------


def make_project(researcher, *, name="Trauma-informed care study", **kwargs):
    """A project started by `researcher`, its codebook seeded with the six principles."""
    from research.analysis.services import project_create

    return project_create(name=name, by=researcher, **kwargs)


def granted_note(owner=None, **kwargs):
    """A note whose owner allows research use (and nothing else)."""
    from tests.factories_items import NoteFactory
    from tests.helpers import share

    note = NoteFactory(**({"owner": owner} if owner else {}), **kwargs)
    share(note, research_use=True)
    return note


def draft_export(project, researcher, *, kinds=("note",), purpose="file", **kwargs):
    """A draft export whose items were chosen (tasks run at once in tests)."""
    from research.exports.services import export_create

    export = export_create(project=project, purpose=purpose, kinds=kinds, by=researcher, **kwargs)
    export.refresh_from_db()
    return export


def made_export(project, researcher, **kwargs):
    """An export that was made: the file written, or the items added to the analysis."""
    from research.exports.services import export_start

    export = draft_export(project, researcher, **kwargs)
    export_start(export=export, by=researcher)
    export.refresh_from_db()
    return export
