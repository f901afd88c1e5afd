"""What the workspace told her is hers: it is in her download (it was not), and it goes with
her account. What it told others keeps nothing of a deleted account: a notice someone else
was sent that names her, or quotes the reason she gave for taking a passage out, says her code
instead and loses the reason. Before, her notices stayed on the tombstone, and others' notices
kept her name and her words."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from datarights import services as datarights_services
from datarights.archive import collect_sections
from datarights.erasure import account_erase
from mentions import services as mention_services
from mentions.models import Mention
from people.models import Notice, Role, User
from people.services import person_set_roles
from tests.factories import UserFactory
from tests.factories_meetings import FacilitatorFactory, minutes_written

pytestmark = pytest.mark.django_db


def erased(person: User) -> str:
    departure = datarights_services.deletion_request(person=person)
    assert account_erase(departure=departure, now=timezone.now() + timedelta(days=60))
    person.refresh_from_db()
    return person.display_name  # her code now


@pytest.fixture
def faye():
    return FacilitatorFactory(display_name="Faye Example")


@pytest.fixture
def ruth():
    return UserFactory(display_name="Ruth Example", roles=[Role.MEMBER])


def minutes_naming_ruth(faye):
    return minutes_written("We met. Ruth Example talked about her housing. We ate.", by=faye)


def test_what_the_workspace_told_her_is_in_her_download(faye, ruth):
    minutes_naming_ruth(faye)

    sections = {section.key: section for section in collect_sections(ruth)}

    (entry,) = sections["notices"].entries
    assert [text.text for text in entry.texts] == [
        "Faye Example wrote the minutes of a meeting that names you. You decide what others "
        "read of it. Until you answer, they see “a member” instead of your name."
    ]


def test_her_own_notices_go_with_her_account(faye, ruth):
    minutes_naming_ruth(faye)
    assert Notice.objects.filter(person=ruth).exists()

    erased(ruth)

    assert not Notice.objects.filter(person=ruth).exists()


def test_a_notice_someone_else_was_sent_about_what_she_did_says_her_code(faye):
    sam = UserFactory(display_name="Sam Sample", roles=[Role.MEMBER])
    person_set_roles(person=sam, roles=[Role.MEMBER, Role.GP], is_facilitator=False, by=faye)

    code = erased(faye)

    (notice,) = Notice.objects.filter(person=sam)
    assert "Faye" not in notice.text
    assert notice.text.startswith(f"{code} changed your roles.")


def test_the_writers_notice_loses_her_name_and_the_reason_she_gave(faye, ruth):
    minutes_naming_ruth(faye)
    mention_services.mention_answer(
        mention=Mention.objects.get(owner=ruth),
        state=Mention.State.PASSAGE_OUT,
        reason="It is my story to tell, not yours.",
        reason_for_writer=True,
        by=ruth,
    )
    (told,) = Notice.objects.filter(person=faye)
    assert "my story to tell" in told.text

    code = erased(ruth)

    told.refresh_from_db()
    assert "Ruth" not in told.text
    assert "my story to tell" not in told.text
    assert f"“{code} talked about her housing.”" in told.text
