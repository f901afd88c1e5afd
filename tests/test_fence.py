"""The fence around the one policy (consent/fence.py): outside consent/ and the apps' access.py,
no code reads items directly. A planted read is caught; a deliberate, explained bypass is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from consent.fence import check, check_source, item_models

ROOT = Path(__file__).resolve().parent.parent
# Every package of the project (not the tests, which build worlds directly).
APPS = sorted(
    path.name
    for path in ROOT.iterdir()
    if (path / "__init__.py").exists() and path.name not in {"tests"}
)


def findings(source: str) -> list[str]:
    return [finding.what for finding in check_source(source, "planted.py", item_models())]


def test_no_code_outside_the_policy_reads_items_directly():
    found = check(ROOT, APPS)
    assert not found, "\n".join(str(finding) for finding in found)


@pytest.mark.parametrize(
    "planted",
    [
        "def leak(pk):\n    return ReflectiveNote.objects.get(pk=pk)",
        "def leak(kind, pk):\n    return kind.model._default_manager.get(pk=pk)",
        "def leak(item):\n    return type(item)._default_manager.all()",
        "def leak(meeting):\n    return list(meeting.observation_notes.all())",
        "def leak(person):\n    return person.contact_details.all()",
        "def leak(action):\n    return action.minutes.body",
        "def leak(qs):\n    return qs.select_related('minutes__meeting')",
        "def leak(qs):\n    return qs.prefetch_related(Prefetch('recording'))",
        "def leak_unchecked(pk):\n    return Interview.objects.get(pk=pk)",  # no docstring
    ],
)
def test_a_planted_direct_read_is_caught(planted):
    assert findings(planted), planted


@pytest.mark.parametrize(
    "allowed",
    [
        "def fine(user):\n    return ReflectiveNote.objects.visible_to(user)",
        "def fine(user):\n    return ReflectiveNote.objects.newest_shared_with(user, reach=5)",
        "def fine(user):\n    return Minutes.objects.owned_by(user).filter(meeting=1)",
        "def fine(user):\n    return visible(Interview.objects.all(), user)",
        "def fine(person):\n    return owned(ContactDetail.objects.all(), person).count()",
        "def fine(owner):\n    return ReflectiveNote.objects.create(owner=owner)",
        "def fine(user):\n    return Prefetch('contact_details', "
        "queryset=ContactDetail.objects.visible_to(user))",
        'def read_all_unchecked():\n    """The nightly retention job: deletes, shows nothing."""\n'
        "    return ReflectiveNote.objects.filter(is_draft=True)",
        "from people import contact_views\nviews = [contact_views.contact_details]",
    ],
)
def test_reads_through_the_policy_and_explained_bypasses_pass(allowed):
    assert not findings(allowed), allowed


def test_every_item_model_and_the_relations_into_it_are_known():
    models = item_models()
    assert {
        "ReflectiveNote",
        "Interview",
        "Recording",
        "ObservationNote",
        "Minutes",
        "ContactDetail",
    } <= models.names
    assert {"observation_notes", "contact_details", "recording", "minutes"} <= models.relations
