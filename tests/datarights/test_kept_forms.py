"""A form she was typing when her session ended is kept for her (safety/drafts.py): it is hers,
so it is in her download, and it goes when her account is deleted."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from datarights import services as datarights_services
from datarights.archive import collect_sections
from datarights.erasure import account_erase
from safety.drafts import keep_posted
from safety.models import FormDraft
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_form_she_was_typing_is_in_her_download(cast):
    keep_posted(person=cast.member, path="/notes/new/", data={"body": "The chairs were hard."})

    sections = {section.key: section for section in collect_sections(cast.member)}

    texts = [text.text for entry in sections["kept_forms"].entries for text in entry.texts]
    assert texts == ["The chairs were hard."]


def test_a_form_she_was_typing_goes_with_her_account(cast):
    other = UserFactory()
    keep_posted(person=cast.member, path="/notes/new/", data={"body": "The chairs were hard."})
    keep_posted(person=other, path="/notes/new/", data={"body": "Tea was late."})

    departure = datarights_services.deletion_request(person=cast.member)
    assert account_erase(departure=departure, now=timezone.now() + timedelta(days=60))

    assert not FormDraft.objects.filter(person=cast.member).exists()
    assert FormDraft.objects.filter(person=other).exists()
