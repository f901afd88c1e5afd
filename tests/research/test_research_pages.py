"""The facilitators' list of sensitive terms, and each person's private list of other names."""

from __future__ import annotations

import pytest
from django.urls import reverse

from research.models import OtherName, SensitiveTerm
from tests.factories_research import OtherNameFactory, SensitiveTermFactory

pytestmark = pytest.mark.django_db


def test_a_facilitator_adds_a_sensitive_term(client, cast):
    client.force_login(cast.facilitator)
    response = client.post(
        reverse("sensitive_terms"),
        {"term": "  Acacia   House ", "label": "SERVICE", "note": "the refuge"},
        follow=True,
    )
    assert "It will be taken out of every research export" in response.content.decode()
    term = SensitiveTerm.objects.get()
    assert (term.term, term.label, term.note) == ("Acacia House", "SERVICE", "the refuge")
    assert term.created_by == cast.facilitator
    assert "[SERVICE]" in response.content.decode()


def test_a_term_already_on_the_list_is_refused_and_what_was_typed_stays(client, cast):
    SensitiveTermFactory(term="Acacia House")
    client.force_login(cast.facilitator)
    response = client.post(
        reverse("sensitive_terms"), {"term": "ACACIA HOUSE", "label": "PLACE", "note": "kept"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "This is on the list already." in body
    assert 'value="ACACIA HOUSE"' in body
    assert 'value="kept"' in body
    assert SensitiveTerm.objects.count() == 1


def test_a_term_needs_a_label_from_the_list(client, cast):
    client.force_login(cast.facilitator)
    response = client.post(reverse("sensitive_terms"), {"term": "Somewhere", "label": "SECRET"})
    assert "Choose one of the answers given." in response.content.decode()
    assert not SensitiveTerm.objects.exists()


def test_a_facilitator_changes_and_removes_a_term(client, cast):
    term = SensitiveTermFactory(term="Knowle", label="PLACE")
    client.force_login(cast.facilitator)
    url = reverse("sensitive_term_edit", args=[term.pk])
    assert "Knowle" in client.get(url).content.decode()
    client.post(url, {"term": "Knowle West", "label": "PLACE", "note": ""})
    term.refresh_from_db()
    assert term.term == "Knowle West"
    assert term.updated_by == cast.facilitator
    client.post(reverse("sensitive_term_remove", args=[term.pk]))
    assert not SensitiveTerm.objects.exists()


@pytest.mark.parametrize("viewer", ["member", "gp", "researcher", "support_worker", "superuser"])
def test_nobody_but_facilitators_sees_the_terms(client, cast, viewer):
    SensitiveTermFactory(term="Secret Refuge Name")
    client.force_login(getattr(cast, viewer))
    response = client.get(reverse("sensitive_terms"))
    assert response.status_code == 403
    assert "Secret Refuge Name" not in response.content.decode()


def test_the_terms_page_makes_the_same_queries_for_few_and_many_terms(
    client, cast, django_assert_max_num_queries
):
    client.force_login(cast.facilitator)
    SensitiveTermFactory.create_batch(2)
    with django_assert_max_num_queries(10) as few:
        client.get(reverse("sensitive_terms"))
    SensitiveTermFactory.create_batch(40)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("sensitive_terms"))


def test_a_person_adds_and_removes_their_other_names(client, cast):
    client.force_login(cast.member)
    response = client.post(reverse("other_names"), {"name": " Mina  Q  Member "}, follow=True)
    assert "Only you can see it." in response.content.decode()
    other = OtherName.objects.get(person=cast.member)
    assert other.name == "Mina Q Member"
    client.post(reverse("other_names"), {"remove": str(other.pk)})
    assert not OtherName.objects.exists()


def test_the_other_names_page_says_who_sees_them_and_what_they_are_for(client, cast):
    client.force_login(cast.member)
    body = client.get(reverse("other_names")).content.decode()
    assert "Only you can see this list." in body
    assert "to take your names out of research exports" in body


def test_a_name_added_twice_is_refused_and_kept_in_the_form(client, cast):
    OtherNameFactory(person=cast.member, name="Mina Q")
    client.force_login(cast.member)
    response = client.post(reverse("other_names"), {"name": "mina q"})
    body = response.content.decode()
    assert "You have added this name already." in body
    assert 'value="mina q"' in body
    assert OtherName.objects.count() == 1


@pytest.mark.parametrize(
    "viewer", ["owner", "gp", "researcher", "support_worker", "facilitator", "superuser"]
)
def test_nobody_else_sees_a_persons_other_names(client, cast, viewer):
    OtherNameFactory(person=cast.member, name="Secret Birth Name")
    client.force_login(getattr(cast, viewer))
    response = client.get(reverse("other_names"))
    assert response.status_code == 200
    assert "Secret Birth Name" not in response.content.decode()


def test_nobody_can_remove_someone_elses_other_name(client, cast):
    other = OtherNameFactory(person=cast.member, name="Secret Birth Name")
    client.force_login(cast.facilitator)
    client.post(reverse("other_names"), {"remove": str(other.pk)})
    client.post(reverse("other_names"), {"remove": "not-a-uuid"})
    assert OtherName.objects.filter(pk=other.pk).exists()


def test_other_names_are_not_in_the_admin(admin_client):
    from django.contrib import admin

    assert OtherName not in admin.site._registry
    assert SensitiveTerm not in admin.site._registry


def test_my_account_links_to_other_names_and_facilitators_see_the_terms_link(client, cast):
    client.force_login(cast.facilitator)
    body = client.get(reverse("preferences")).content.decode()
    assert reverse("other_names") in body
    assert reverse("manage") in body
    assert reverse("sensitive_terms") in client.get(reverse("manage")).content.decode()
    client.force_login(cast.member)
    body = client.get(reverse("preferences")).content.decode()
    assert reverse("manage") not in body
    assert reverse("sensitive_terms") not in body
