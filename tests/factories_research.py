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
