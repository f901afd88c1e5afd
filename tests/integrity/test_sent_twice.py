"""A form sent twice (a double tap, a phone that lost its signal and sent again, the back
button) makes one copy: every create is idempotent by the key its page chose."""

from __future__ import annotations

import re
import threading
import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bridging_gaps.data_rights import delete_old_submissions
from bridging_gaps.idempotency import FIELD, SENT_ALREADY
from bridging_gaps.models import Submission
from meetings.models import AgendaItem
from people.models import ContactDetail, Invitation
from proposals.models import Comment, Proposal
from tests.factories_meetings import MeetingFactory, in_days
from tests.helpers import sign_in_recently
from tests.proposals import propose

pytestmark = pytest.mark.django_db


def sent_twice(client: Client, url: str, data: dict[str, Any]) -> tuple[Any, Any]:
    data = {**data, FIELD: str(uuid.uuid4())}
    return client.post(url, data), client.post(url, data)


CREATES: dict[str, tuple[str, Callable[[Any], tuple[str, dict[str, Any]]], Callable[[], int]]] = {
    "a proposal": (
        "member",
        lambda cast: (
            reverse("proposal_new"),
            {
                "question": "Which day?",
                "kind": "yes_no",
                "electorate": "group",
                "secret": "yes",
                "days": "7",
            },
        ),
        lambda: Proposal.objects.count(),
    ),
    "a comment": (
        "gp",
        lambda cast: (
            reverse("proposal_comment_add", args=[propose(cast.member).pk]),
            {"text": "Is it step-free?"},
        ),
        lambda: Comment.objects.count(),
    ),
    "a suggestion for a meeting": (
        "member",
        lambda cast: (
            reverse(
                "agenda_propose",
                args=[MeetingFactory(starts_at=in_days(5), ends_at=in_days(5, hour=20)).pk],
            ),
            {"title": "Quiet room", "details": "", "show_name": "on"},
        ),
        lambda: AgendaItem.objects.count(),
    ),
    "a contact detail": (
        "member",
        lambda cast: (reverse("contact_details"), {"kind": "phone", "value": "07700 900222"}),
        lambda: ContactDetail.objects.count(),
    ),
    "an invitation": (
        "facilitator",
        lambda cast: (
            reverse("invitations"),
            {"email": "new@example.org", "display_name": "New", "roles": ["member"]},
        ),
        lambda: Invitation.objects.count(),
    ),
}


@pytest.mark.parametrize("what", list(CREATES))
def test_a_create_form_sent_twice_makes_one_copy_and_leads_to_it_again(client, cast, what):
    viewer, form, count = CREATES[what]
    person = getattr(cast, viewer)
    sign_in_recently(client, person)
    url, data = form(cast)
    before = count()
    first, second = sent_twice(client, url, data)
    assert first.status_code == 302, first.content[:2000]
    assert count() == before + 1
    assert second.status_code == 302
    assert second["Location"] == first["Location"]
    assert SENT_ALREADY in client.get(second["Location"]).text


def test_every_create_form_carries_a_key_chosen_by_its_page(client, cast):
    sign_in_recently(client, cast.facilitator)
    for name in ("proposal_new", "contact_details", "invitations"):
        page = client.get(reverse(name)).text
        keys = re.findall(rf'name="{FIELD}" value="([0-9a-f-]{{36}})"', page)
        assert keys, name
        # A new page, a new key: two separate suggestions are two.
        assert keys != re.findall(
            rf'name="{FIELD}" value="([0-9a-f-]{{36}})"', client.get(reverse(name)).text
        )


def test_a_form_with_a_problem_keeps_its_key_so_the_corrected_one_is_still_one(client, cast):
    sign_in_recently(client, cast.member)
    key = str(uuid.uuid4())
    page = client.post(reverse("proposal_new"), {"question": "", FIELD: key}).text
    assert f'name="{FIELD}" value="{key}"' in page
    assert not Submission.objects.exists()


def test_another_persons_key_leads_nowhere(client, cast):
    key = str(uuid.uuid4())
    sign_in_recently(client, cast.member)
    client.post(reverse("contact_details"), {"kind": "phone", "value": "07700 900333", FIELD: key})
    sign_in_recently(client, cast.gp)
    client.post(reverse("contact_details"), {"kind": "phone", "value": "07700 900444", FIELD: key})
    assert ContactDetail.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_the_same_form_sent_twice_at_the_same_moment_makes_one_copy(cast):
    url, data = reverse("contact_details"), {"kind": "phone", "value": "07700 900555"}
    data[FIELD] = str(uuid.uuid4())
    answers: list[int] = []

    def send() -> None:
        client = Client()
        client.force_login(cast.member)
        answers.append(client.post(url, data).status_code)
        connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [302, 302]
    assert ContactDetail.objects.filter(owner=cast.member).count() == 1


def test_the_record_of_forms_sent_is_kept_a_day(client, cast):
    sign_in_recently(client, cast.member)
    sent_twice(client, reverse("contact_details"), {"kind": "phone", "value": "07700 900666"})
    assert delete_old_submissions(timezone.now()) == 0
    assert delete_old_submissions(timezone.now() + timedelta(days=1, seconds=1)) == 1


CREATING = re.compile(r"services\.\w+_(create|add|propose|write|plan)\(")
ALREADY_IDEMPOTENT = {
    # The note's id is chosen by its page (note_id): a second save finds the same note.
    "note_create",
}


def test_every_view_that_creates_something_is_idempotent():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    missing = []
    for path in root.glob("*/**/*views*.py"):
        if ".venv" in path.parts or "tests" in path.parts:
            continue
        source = path.read_text()
        for match in re.finditer(r"((?:^@.*\n)*)^def (\w+)\(", source, re.MULTILINE):
            decorators, name = match.group(1), match.group(2)
            end = source.find("\ndef ", match.end())
            body = source[match.end() : end if end != -1 else None]
            creates = CREATING.search(body) and name not in ALREADY_IDEMPOTENT
            if creates and "@idempotent" not in decorators:
                missing.append(f"{path.relative_to(root)}:{name}")
    assert missing == []
