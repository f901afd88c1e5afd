"""Pseudonyms per research project, and the anonymiser's input built from the database."""

from __future__ import annotations

import re

import pytest

from people.models import Role
from research.models import OtherName, Pseudonym
from research.names import services
from research.names.roster import anonymiser_for_project, known_people_unchecked, sensitive_terms
from tests.factories import InvitationFactory, UserFactory
from tests.factories_research import OtherNameFactory, SensitiveTermFactory

pytestmark = pytest.mark.django_db

PROJECT = "project:test"


def pseudonym_of(people, user):
    return next(person.pseudonym for person in people if user.display_name in person.names)


def test_each_role_gets_its_own_series_of_pseudonyms():
    members = [UserFactory(roles=[Role.MEMBER]) for _ in range(3)]
    gp = UserFactory(roles=[Role.GP])
    researcher = UserFactory(roles=[Role.RESEARCHER])
    support_worker = UserFactory(roles=[Role.SUPPORT_WORKER])
    people = known_people_unchecked(project_key=PROJECT)
    assert sorted(pseudonym_of(people, member) for member in members) == ["P01", "P02", "P03"]
    assert pseudonym_of(people, gp) == "GP1"
    assert pseudonym_of(people, researcher) == "R1"
    assert pseudonym_of(people, support_worker) == "SW1"


@pytest.mark.parametrize(
    ("roles", "prefix"),
    [
        ([Role.GP, Role.RESEARCHER], "GP"),
        ([Role.SUPPORT_WORKER, Role.MEMBER], "P"),
        ([Role.RESEARCHER, Role.SUPPORT_WORKER], "R"),
        ([], "X"),
    ],
)
def test_a_person_with_several_roles_gets_one_pseudonym(roles, prefix):
    person = UserFactory(roles=roles)
    [entry] = known_people_unchecked(project_key=PROJECT)
    assert person.display_name in entry.names
    assert re.fullmatch(rf"{prefix}\d+", entry.pseudonym)
    assert Pseudonym.objects.filter(subject_id=person.pk).count() == 1


def test_pseudonyms_stay_the_same_across_exports_and_role_changes():
    people = [UserFactory(roles=[Role.MEMBER]) for _ in range(4)]
    first = {p.pseudonym: p.names for p in known_people_unchecked(project_key=PROJECT)}
    people[0].roles = [Role.SUPPORT_WORKER]
    people[0].save()
    newcomer = UserFactory(roles=[Role.MEMBER])
    second = {p.pseudonym: p.names for p in known_people_unchecked(project_key=PROJECT)}
    assert {key: second[key] for key in first} == first
    assert pseudonym_of(known_people_unchecked(project_key=PROJECT), newcomer) == "P05"


def test_each_project_numbers_people_on_its_own():
    people = [UserFactory(roles=[Role.MEMBER]) for _ in range(2)]
    known_people_unchecked(project_key="project:a")
    known_people_unchecked(project_key="project:b")
    for person in people:
        labels = set(
            Pseudonym.objects.filter(subject_id=person.pk).values_list("project_key", flat=True)
        )
        assert labels == {"project:a", "project:b"}
    assert Pseudonym.objects.filter(project_key="project:b").count() == 2


def test_a_number_is_never_given_twice_even_after_an_account_is_deleted():
    people = [UserFactory(roles=[Role.MEMBER]) for _ in range(3)]
    labels = {p.pseudonym for p in known_people_unchecked(project_key=PROJECT)}
    last = next(
        person
        for person in people
        if pseudonym_of(known_people_unchecked(project_key=PROJECT), person) == "P03"
    )
    last.delete()
    newcomer = UserFactory(roles=[Role.MEMBER])
    assert pseudonym_of(known_people_unchecked(project_key=PROJECT), newcomer) == "P04"
    assert labels == {"P01", "P02", "P03"}


def test_pseudonyms_need_a_project_key():
    with pytest.raises(ValueError, match="key"):
        services.pseudonyms_assign(project_key="", subjects=[])


def test_the_labels_follow_the_groups_convention():
    assert services.pseudonym_label("P", 1) == "P01"
    assert services.pseudonym_label("P", 123) == "P123"
    assert services.pseudonym_label("GP", 2) == "GP2"
    assert services.pseudonym_label("SW", 10) == "SW10"


def test_known_people_carry_every_name_they_are_known_by():
    ruth = UserFactory(display_name="Ruthie", roles=[Role.MEMBER])
    OtherNameFactory(person=ruth, name="Ruth Demo")
    InvitationFactory(display_name="Ruth Q. Demo", accepted_by=ruth)
    [entry] = [p for p in known_people_unchecked(project_key=PROJECT) if "Ruthie" in p.names]
    assert set(entry.names) == {"Ruthie", "Ruth Demo", "Ruth Q. Demo"}


def test_deactivated_people_and_people_without_a_role_are_known_too():
    UserFactory(display_name="Dee Gone", roles=[Role.MEMBER], is_active=False)
    UserFactory(display_name="Ada Admin", roles=[], is_staff=True)
    names = {
        name for person in known_people_unchecked(project_key=PROJECT) for name in person.names
    }
    assert {"Dee Gone", "Ada Admin"} <= names


@pytest.mark.parametrize("size", [3, 30])
def test_building_the_known_people_takes_the_same_queries_at_any_size(
    size, django_assert_max_num_queries
):
    for index in range(size):
        person = UserFactory(roles=[Role.MEMBER])
        OtherNameFactory(person=person, name=f"Alias{index}")
    with django_assert_max_num_queries(6):
        people = known_people_unchecked(project_key=PROJECT)
    assert len(people) == size
    # People, then the lock, the project's pseudonyms and the new ones, in a savepoint.
    with django_assert_max_num_queries(5):
        known_people_unchecked(project_key=PROJECT)


def test_the_project_anonymiser_takes_out_names_other_names_and_terms():
    ruth = UserFactory(display_name="Ruthie", roles=[Role.MEMBER])
    OtherNameFactory(person=ruth, name="Ruth Demo")
    UserFactory(display_name="Dr Sam Sample", roles=[Role.GP])
    SensitiveTermFactory(term="Acacia House", label="SERVICE")
    anonymiser = anonymiser_for_project(PROJECT)
    result = anonymiser.anonymise("Ruth Demo told Dr Sample at Acacia House about Karen.")
    assert result.text == "P01 told GP1 at [SERVICE] about Karen."
    assert [flag.word for flag in result.flags] == ["Karen"]


def test_a_researcher_can_add_terms_for_one_export():
    from research.anonymiser import Term

    anonymiser = anonymiser_for_project(PROJECT, extra_terms=[Term("Karen", "REDACTED")])
    assert anonymiser.anonymise("I met Karen.").text == "I met [REDACTED]."


def test_sensitive_terms_come_with_their_labels():
    SensitiveTermFactory(term="Knowle West", label="PLACE")
    assert [(term.text, term.replacement) for term in sensitive_terms()] == [
        ("Knowle West", "[PLACE]")
    ]


def test_changing_the_name_to_show_keeps_the_old_one_for_the_anonymiser():
    person = UserFactory(display_name="Ruthie", roles=[Role.MEMBER])
    person.display_name = "Ruth"
    person.save()
    person.display_name = "ruth"  # only the case changed: nothing new to keep
    person.save(update_fields=["display_name"])
    person.save(update_fields=["last_login"])
    assert list(person.other_names.values_list("name", "source")) == [
        ("Ruthie", OtherName.Source.EARLIER)
    ]
    [entry] = known_people_unchecked(project_key=PROJECT)
    assert set(entry.names) == {"ruth", "Ruthie"}


def test_the_demo_group_is_anonymised_end_to_end():
    from django.core.management import call_command

    call_command("seed_demo", stdout=None)
    result = anonymiser_for_project("demo").anonymise(
        "Ruthie went to Acacia House with Dr Sam Sample and Michelle Demo; Faye rang 07700 900123."
        " Dr Sample was there."
    )
    assert re.fullmatch(
        r"P\d\d went to \[SERVICE\] with GP\d and P\d\d; SW\d rang \[PHONE\]\."
        # The demo's two GPs are both "Dr Sample": the text cannot say which one, so both.
        r" GP1/GP2 was there\.",
        result.text,
    ), result.text
