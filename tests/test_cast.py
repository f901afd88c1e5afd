"""The shared cast: the people every page is tried as, made cheaply but as the factory makes
them, so a test using the cast proves what it would prove with people made one by one."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import authenticate
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import CAST, VIEWER_NAMES
from tests.factories import PASSWORD, UserFactory, users_in_bulk

pytestmark = pytest.mark.django_db


def facts(person) -> tuple:
    return (
        person.roles,
        person.is_facilitator,
        person.is_staff,
        person.is_superuser,
        person.is_active,
        person.requires_mfa,
        # Their own address, verified and primary.
        list(person.emailaddress_set.values_list("verified", "primary")),
        person.emailaddress_set.get().email == person.email,
        list(Authenticator.objects.filter(user=person).values_list("type", flat=True)),
        person.safety_seen_at is not None,
        person.welcomed_at is not None,
    )


def test_the_cast_is_made_in_three_inserts_whoever_is_in_it():
    with CaptureQueriesContext(connection) as queries:
        users_in_bulk(CAST)
    assert len(queries) == 3


@pytest.mark.parametrize("who", sorted(CAST))
def test_each_person_in_the_cast_is_who_the_factory_would_make(who):
    made_in_bulk = users_in_bulk({who: CAST[who]})[who]
    made_alone = UserFactory(**CAST[who])
    assert facts(made_in_bulk) == facts(made_alone)
    email = made_in_bulk.email
    assert authenticate(email=email, password=PASSWORD) == (
        made_in_bulk if made_in_bulk.is_active else None
    )


def test_everyone_the_pages_are_tried_as_is_in_the_cast():
    assert set(VIEWER_NAMES) - {"anonymous"} | {"owner"} == set(CAST)
