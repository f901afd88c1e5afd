"""When her account is deleted, her name leaves every text the group shares that can name
people (minutes, their decisions and actions, agenda suggestions, cancellation messages,
proposals and their comments, observation notes), not only the passages recorded as naming
her. Before, a text written before she joined, or one she wrote herself (a writer is never
asked about her own name), kept her name for everyone to read after she had gone."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from datarights import services as datarights_services
from datarights.erasure import account_erase
from meetings import services as meeting_services
from meetings.minutes import services as minutes_services
from mentions import services as mention_services
from mentions.models import Mention
from people.models import Role, User
from tests.factories import UserFactory
from tests.factories_meetings import (
    ActionFactory,
    AgendaItemFactory,
    DecisionFactory,
    FacilitatorFactory,
    MeetingFactory,
    MinutesFactory,
    minutes_written,
)
from tests.factories_observation import ObservationNoteFactory
from tests.proposals import propose

pytestmark = pytest.mark.django_db

NAMED = "Ruth Example brought biscuits."


def read_by(client, person: User, minutes) -> str:
    """The minutes' page as this person reads them."""
    client.force_login(person)
    return client.get(reverse("minutes_detail", args=[minutes.pk])).text


def erased(person: User) -> str:
    departure = datarights_services.deletion_request(person=person)
    assert account_erase(departure=departure, now=timezone.now() + timedelta(days=60))
    person.refresh_from_db()
    return person.display_name  # her code now


def _minutes():
    return MinutesFactory(body=f"We met. {NAMED}")


def _decision():
    return DecisionFactory(text=NAMED)


def _action():
    return ActionFactory(description=f"Thank Ruth Example. {NAMED}")


def _agenda_item():
    return AgendaItemFactory(title="Biscuits", details=NAMED)


def _cancellation():
    return MeetingFactory(cancellation_message=NAMED)


def _proposal():
    from proposals.models import Comment

    proposal = propose(FacilitatorFactory(), details=NAMED)
    Comment.objects.create(proposal=proposal, author=FacilitatorFactory(), text=NAMED)
    return proposal


def _observation_note():
    return ObservationNoteFactory(text=NAMED)


def _texts(obj) -> list[str]:
    from proposals.models import Comment, Proposal

    obj.refresh_from_db()
    if isinstance(obj, Proposal):
        comments = Comment.objects.filter(proposal=obj).values_list("text", flat=True)
        return [obj.question, obj.details, *comments]
    return [str(getattr(obj, field.attname)) for field in obj._meta.concrete_fields]


@pytest.mark.parametrize(
    "written",
    [_minutes, _decision, _action, _agenda_item, _cancellation, _proposal, _observation_note],
    ids=lambda make: make.__name__.strip("_"),
)
def test_her_name_leaves_a_text_written_before_she_joined(written):
    obj = written()  # nobody was asked: she was not a member yet
    ruth = UserFactory(display_name="Ruth Example", roles=[Role.MEMBER])

    code = erased(ruth)

    texts = _texts(obj)
    assert not any("Ruth" in text for text in texts), texts
    assert any(f"{code} brought biscuits." in text for text in texts), texts


def test_her_name_leaves_a_cancellation_message_she_wrote_herself(cast):
    ruth = FacilitatorFactory(display_name="Ruth Example")
    meeting = MeetingFactory()
    meeting_services.meeting_cancel(
        meeting=meeting, message="Ruth Example is unwell, so we stop today.", by=ruth
    )

    code = erased(ruth)

    meeting.refresh_from_db()
    assert meeting.cancellation_message == f"{code} is unwell, so we stop today."


@pytest.mark.parametrize("she_was_named", [True, False], ids=["asked", "joined_later"])
def test_a_passage_someone_else_took_out_stays_out_when_her_name_leaves_it(
    client, cast, she_was_named
):
    if she_was_named:
        ruth = UserFactory(display_name="Ruth Example", roles=[Role.MEMBER])
    zinnia = UserFactory(display_name="Zinnia", roles=[Role.MEMBER])
    minutes = minutes_written("We met. Zinnia told Ruth Example about her housing. We ate.")
    mention_services.mention_answer(
        mention=Mention.objects.get(owner=zinnia), state=Mention.State.PASSAGE_OUT, by=zinnia
    )
    if not she_was_named:
        ruth = UserFactory(display_name="Ruth Example", roles=[Role.MEMBER])

    erased(ruth)

    minutes.refresh_from_db()
    assert "Ruth" not in minutes.body
    page = read_by(client, cast.member, minutes)
    assert "housing" not in page
    assert "We ate." in page


def test_a_passage_she_took_out_stays_out_and_keeps_no_trace_of_her_name(client, cast):
    ruth = UserFactory(display_name="Ruth Example", roles=[Role.MEMBER])
    minutes = minutes_written("We met. Ruth Example talked about her housing. We ate.")
    mention = Mention.objects.get(owner=ruth)
    mention_services.mention_answer(mention=mention, state=Mention.State.PASSAGE_OUT, by=ruth)

    code = erased(ruth)

    minutes.refresh_from_db()
    mention.refresh_from_db()
    assert "Ruth" not in minutes.body
    assert "Ruth" not in mention.sentence
    assert not any("Ruth" in word for word in mention.words)
    assert mention.sentence == f"{code} talked about her housing."
    page = read_by(client, cast.member, minutes)
    assert "housing" not in page
    assert "We ate." in page


def test_two_passages_that_become_the_same_sentence_keep_the_one_that_hides_more(client, cast):
    ruth = UserFactory(display_name="Ruth Example", roles=[Role.MEMBER])
    zinnia = UserFactory(display_name="Zinnia", roles=[Role.MEMBER])
    minutes = minutes_written(
        "Ruth Example asked Zinnia about rent. We ate. Ruth asked Zinnia about rent."
    )
    first, second = Mention.objects.filter(owner=zinnia).order_by("sentence")
    mention_services.mention_answer(mention=first, state=Mention.State.FINE, by=zinnia)
    mention_services.mention_answer(mention=second, state=Mention.State.PASSAGE_OUT, by=zinnia)

    erased(ruth)

    live = Mention.objects.filter(owner=zinnia, gone_at__isnull=True)
    assert [mention.state for mention in live] == [Mention.State.PASSAGE_OUT]
    page = read_by(client, cast.member, minutes)
    assert "rent" not in page
    assert "We ate." in page


def test_a_name_she_no_longer_goes_by_leaves_too_and_her_passages_that_meet_become_one(cast):
    from research.names.services import other_name_add, other_name_remove

    ruth = UserFactory(display_name="Ruth Example", roles=[Role.MEMBER])
    bee = other_name_add(person=ruth, name="Beatrix")
    minutes = minutes_written("Beatrix said hello. We ate. Ruth Example said hello.")
    assert Mention.objects.filter(owner=ruth).count() == 2
    other_name_remove(person=ruth, other_name_id=bee.pk)  # the replacer no longer knows it

    code = erased(ruth)

    minutes.refresh_from_db()
    assert minutes.body == f"{code} said hello. We ate. {code} said hello."
    assert Mention.objects.filter(owner=ruth, gone_at__isnull=True).count() == 1


def test_of_two_passages_that_meet_the_one_she_took_out_stays_out(client, cast):
    from research.names.services import other_name_add, other_name_remove

    ruth = UserFactory(display_name="Ruth Example", roles=[Role.MEMBER])
    minutes = minutes_written("Ruth Example said hello.")
    bee = other_name_add(person=ruth, name="Beatrix")
    minutes = minutes_services.minutes_update(
        minutes=minutes,
        body="Ruth Example said hello. We ate. Beatrix said hello.",
        by=minutes.owner,
    )
    taken_out = Mention.objects.get(owner=ruth, sentence="Beatrix said hello.")
    mention_services.mention_answer(mention=taken_out, state=Mention.State.PASSAGE_OUT, by=ruth)
    other_name_remove(person=ruth, other_name_id=bee.pk)

    erased(ruth)

    (live,) = Mention.objects.filter(owner=ruth, gone_at__isnull=True)
    assert live.state == Mention.State.PASSAGE_OUT
    page = read_by(client, cast.member, minutes)
    assert "said hello" not in page
    assert "We ate." in page


def test_a_title_as_long_as_it_may_be_still_loses_her_name_and_the_deletion_goes_through():
    title = ("Ruth Example's idea about letters. " * 6)[:200]
    item = AgendaItemFactory(title=title)
    action = ActionFactory(owner_name="Ruth Example")
    ruth = UserFactory(display_name="Ruth Example", roles=[Role.MEMBER])

    code = erased(ruth)

    item.refresh_from_db()
    action.refresh_from_db()
    assert "Ruth" not in item.title
    assert item.title.startswith(f"{code}'s idea about letters.")
    assert len(item.title) == 200
    # An action given by typing her name instead of choosing her.
    assert action.owner_name == code
