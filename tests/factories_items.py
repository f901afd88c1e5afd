"""Factories for shareable items."""

from __future__ import annotations

import factory

from people.models import ContactDetail
from reflections.models import ReflectiveNote
from tests.factories import UserFactory


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReflectiveNote

    owner = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"After meeting {n}")
    body = factory.Sequence(lambda n: f"What went well for me, number {n}.")


class ContactDetailFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactDetail

    owner = factory.SubFactory(UserFactory)
    kind = ContactDetail.Kind.PHONE
    value = factory.Sequence(lambda n: f"07700 900{n:03d}")
