"""Research projects and their codebook: started by researchers, seen by their researchers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from people.models import Role
from research.analysis.models import TRAUMA_INFORMED_PRINCIPLES
from research.models import ResearchProject, Theme
from tests.factories import UserFactory
from tests.factories_research import make_project

pytestmark = pytest.mark.django_db


def test_a_researcher_starts_a_project_with_the_six_principles_as_its_codebook(client, cast):
    client.force_login(cast.researcher)
    response = client.post(
        reverse("project_create"), {"name": "  Reception  study ", "description": "Why."}
    )
    project = ResearchProject.objects.get()
    assert response["Location"] == reverse("project_detail", args=[project.pk])
    assert project.name == "Reception study"
    assert list(project.researchers.all()) == [cast.researcher]
    themes = list(Theme.objects.filter(project=project, parent=None).order_by("position"))
    assert [theme.name for theme in themes] == [
        "Safety",
        "Trustworthiness and transparency",
        "Peer support",
        "Collaboration and mutuality",
        "Empowerment, voice and choice",
        "Cultural, historical and gender issues",
    ]
    assert all(theme.description for theme in themes)
    assert len(TRAUMA_INFORMED_PRINCIPLES) == 6


def test_a_project_needs_a_name_and_keeps_what_was_typed(client, cast):
    client.force_login(cast.researcher)
    response = client.post(reverse("project_create"), {"name": " ", "description": "Kept text"})
    assert response.status_code == 200
    assert "Kept text" in response.content.decode()
    assert not ResearchProject.objects.exists()


def test_each_project_has_its_own_key_for_pseudonyms(cast):
    first, second = make_project(cast.researcher), make_project(cast.researcher)
    assert first.key != second.key
    assert first.key.startswith("project-")


@pytest.mark.parametrize("viewer", ["member", "gp", "support_worker", "facilitator", "outsider"])
def test_only_researchers_reach_research_projects(client, cast, viewer):
    make_project(cast.researcher, name="Hidden project name")
    client.force_login(getattr(cast, viewer))
    for url in (reverse("research_home"), reverse("project_create")):
        response = client.get(url)
        assert response.status_code == 403
        assert "Hidden project name" not in response.content.decode()


def test_a_researcher_sees_only_her_own_projects(client, cast):
    make_project(cast.researcher, name="Rhea's project")
    other = UserFactory(roles=[Role.RESEARCHER])
    theirs = make_project(other, name="Another team's project")
    client.force_login(cast.researcher)
    body = client.get(reverse("research_home")).content.decode()
    assert "Rhea&#x27;s project" in body
    assert "Another team" not in body
    assert client.get(reverse("project_detail", args=[theirs.pk])).status_code == 404


def test_a_researcher_without_two_step_sign_in_reaches_nothing(client, cast):
    person = UserFactory(roles=[Role.RESEARCHER], mfa=False)
    client.force_login(person)
    response = client.get(reverse("research_home"))
    assert response.status_code == 302
    assert "/accounts/2fa/" in response["Location"]


def test_researchers_add_a_colleague_and_a_project_keeps_one_researcher(client, cast):
    project = make_project(cast.researcher)
    colleague = UserFactory(display_name="Cora Colleague", roles=[Role.RESEARCHER])
    UserFactory(display_name="Gail GP", roles=[Role.GP])
    client.force_login(cast.researcher)
    url = reverse("project_settings", args=[project.pk])
    page = client.get(url).content.decode()
    assert "Cora Colleague" in page
    assert "Gail GP" not in page  # only researchers can join

    client.post(url, {"person": colleague.pk})
    assert set(project.researchers.all()) == {cast.researcher, colleague}
    client.post(url, {"remove": colleague.pk})
    assert list(project.researchers.all()) == [cast.researcher]
    response = client.post(url, {"remove": cast.researcher.pk}, follow=True)
    assert "A project needs at least one researcher." in response.content.decode()
    assert list(project.researchers.all()) == [cast.researcher]


def test_the_project_can_be_renamed(client, cast):
    project = make_project(cast.researcher)
    client.force_login(cast.researcher)
    client.post(
        reverse("project_settings", args=[project.pk]), {"name": "New name", "description": ""}
    )
    project.refresh_from_db()
    assert project.name == "New name"


def test_the_codebook_is_hierarchical_editable_and_described(client, cast):
    project = make_project(cast.researcher)
    safety = project.themes.get(name="Safety")
    client.force_login(cast.researcher)
    url = reverse("codebook", args=[project.pk])
    client.post(
        url, {"name": "The waiting room", "description": "Where people wait.", "parent": safety.pk}
    )
    child = project.themes.get(name="The waiting room")
    assert (child.parent, child.description) == (safety, "Where people wait.")
    page = client.get(url).content.decode()
    assert "Safety › The waiting room" in page

    response = client.post(url, {"name": "the waiting ROOM", "parent": safety.pk})
    assert "There is a theme with this name there already." in response.content.decode()

    edit = reverse("theme_edit", args=[project.pk, safety.pk])
    response = client.post(edit, {"name": "Safety", "description": "", "parent": child.pk})
    assert "cannot go under itself" in response.content.decode()
    client.post(edit, {"name": "Feeling safe", "description": "Changed.", "parent": ""})
    safety.refresh_from_db()
    assert (safety.name, safety.description) == ("Feeling safe", "Changed.")

    client.post(reverse("theme_remove", args=[project.pk, safety.pk]))
    assert not project.themes.filter(pk__in=[safety.pk, child.pk]).exists()
    assert project.themes.count() == 5


def test_a_theme_of_another_project_is_not_found(client, cast):
    project = make_project(cast.researcher)
    other = make_project(cast.researcher)
    theme = other.themes.first()
    client.force_login(cast.researcher)
    assert client.get(reverse("theme_edit", args=[project.pk, theme.pk])).status_code == 404


def test_every_export_of_a_project_can_be_reached_page_by_page(client, cast):
    from research.exports.models import Export

    project = make_project(cast.researcher)
    Export.objects.bulk_create(
        Export(project=project, kinds=["note"], created_by=cast.researcher) for _ in range(23)
    )
    oldest = Export.objects.filter(project=project).order_by("created_at", "pk").first()
    client.force_login(cast.researcher)
    url = reverse("project_detail", args=[project.pk])
    first = client.get(url).content.decode()
    assert first.count("Reference ") + first.count("Open export ") == 20
    assert "?exports=2" in first
    second = client.get(url, {"exports": 2}).content.decode()
    assert second.count("Reference ") + second.count("Open export ") == 3
    assert oldest.reference in second
    assert "?exports=3" not in second
