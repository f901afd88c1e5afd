from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from people.demo import DEMO_PASSWORD
from people.models import Invitation, User

pytestmark = pytest.mark.django_db


def test_demo_seed_creates_a_fictional_group_that_can_sign_in(client):
    call_command("seed_demo", "--if-empty", stdout=StringIO())
    assert User.objects.filter(is_facilitator=True).exists()
    assert all(person.email.endswith("@example.org") for person in User.objects.all())
    assert client.login(email="ruth@example.org", password=DEMO_PASSWORD)
    assert client.get(reverse("dashboard")).status_code == 200


def test_demo_seed_does_nothing_on_a_database_that_has_people():
    call_command("seed_demo", "--if-empty", stdout=StringIO())
    count = User.objects.count()
    out = StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert User.objects.count() == count
    assert "no demo data added" in out.getvalue()


def test_demo_code_prints_the_current_code_for_a_demo_facilitator():
    call_command("seed_demo", stdout=StringIO())
    out = StringIO()
    call_command("demo_code", "faye@example.org", stdout=out)
    assert re.fullmatch(r"\d{6}\n", out.getvalue())


def test_create_facilitator_invites_the_first_facilitator(
    client, django_capture_on_commit_callbacks
):
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "create_facilitator",
            "first@example.org",
            "--name",
            "Faye",
            "--site-url",
            "http://testserver",
            stdout=out,
        )
    invitation = Invitation.objects.get(email="first@example.org")
    assert invitation.is_facilitator
    link = re.search(r"http://testserver(/invite/\S+/)", out.getvalue()).group(1)
    assert len(mail.outbox) == 1
    assert client.get(link).status_code == 302
