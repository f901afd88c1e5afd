""" "The newest shared with me" is read a page at a time from the current shares, backwards by the
item's date: it must list exactly what the one visibility rule would, in the same order, whatever
mix of audiences, several audiences at once, withdrawals and other ways of being seen."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from consent.policy import newest_shared_with, visible
from interviews.models import Interview, Status
from reflections.models import ReflectiveNote
from tests.factories import UserFactory
from tests.factories_interviews import interview_at
from tests.factories_items import NoteFactory
from tests.helpers import share, share_at_random

pytestmark = pytest.mark.django_db

NEWEST_FIRST = ("-created_at", "-pk")


def rule(model, viewer, start, stop):
    everything = visible(model.objects.all(), viewer).exclude(owner=viewer)
    return list(everything.order_by(*NEWEST_FIRST)[start:stop])


def newest(model, viewer, start, stop):
    narrowed = newest_shared_with(model.objects.all(), viewer, reach=stop)
    return list(narrowed.exclude(owner=viewer).order_by(*NEWEST_FIRST)[start:stop])


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_page_of_the_newest_shared_notes_is_what_the_rule_gives(cast, seed):
    rng = random.Random(seed)
    owners = [cast.owner, cast.member, UserFactory(), cast.gp]
    start = timezone.now() - timedelta(days=60)
    for number in range(40):
        note = NoteFactory(
            owner=rng.choice(owners),
            # Some written at the same moment: the order falls back on the id.
            created_at=start + timedelta(hours=number // 3),
        )
        share_at_random(note, rng)
    for viewer in (cast.gp, cast.member, cast.researcher, cast.outsider):
        for first, last in ((0, 5), (0, 10), (5, 15), (20, 40), (38, 60)):
            assert newest(ReflectiveNote, viewer, first, last) == rule(
                ReflectiveNote, viewer, first, last
            ), (viewer.display_name, first, last)


def test_an_interview_she_held_is_among_the_newest_she_may_see(cast):
    """The interviewer sees the interviews she held without a share (another way of being seen)."""
    held = interview_at(Status.CONDUCTED, interviewer=cast.researcher)
    other = interview_at(Status.CONDUCTED)
    shared = interview_at(Status.CONDUCTED)
    share(shared, researchers=False)
    seen = newest(Interview, cast.researcher, 0, 10)
    assert seen == rule(Interview, cast.researcher, 0, 10)
    assert held in seen
    assert shared in seen
    assert other not in seen


def test_a_recording_replaced_is_dated_anew_among_the_newest_shared(cast):
    """A new recording in place of the old one takes the time it was added: the newest shared
    follows it (the current shares keep their item's date)."""
    from interviews.models import Recording
    from tests.factories_interviews import add_recording

    first, *later = [add_recording(interview_at(Status.CONDUCTED)) for _ in range(4)]
    for recording in (first, *later):
        share(recording, researchers=False)
    assert newest(Recording, cast.researcher, 0, 1) == [later[-1]]
    add_recording(first.interview)  # the first one's audio replaced
    assert rule(Recording, cast.researcher, 0, 1) == [first]
    assert newest(Recording, cast.researcher, 0, 1) == [first]
