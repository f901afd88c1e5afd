"""One service deletes an item of any kind (consent.services.item_delete): every share is
withdrawn with who did it, what apps keep about it is forgotten, the action log records it."""

from __future__ import annotations

import pytest

from actionlog.models import LoggedAction
from consent.kinds import Kind
from consent.models import Share
from consent.registry import all_kinds
from consent.services import item_delete
from meetings.models import Minutes
from mentions.models import Mention
from tests.authz.interviews import make_interview, make_recording
from tests.authz.interviews import make_note as make_observation_note
from tests.authz.meetings import make_minutes
from tests.authz.mentions import make_mention
from tests.authz.people import make_contact
from tests.authz.reflections import make_note
from tests.helpers import share

MAKERS = {
    Kind.NOTE: make_note,
    Kind.CONTACT: make_contact,
    Kind.MINUTES: make_minutes,
    Kind.INTERVIEW: make_interview,
    Kind.RECORDING: make_recording,
    Kind.OBSERVATION_NOTE: make_observation_note,
    Kind.MENTION: make_mention,
}


class Secret(str):
    def related(self, what: str) -> str:
        return f"{self} ({what})"


def test_every_registered_kind_has_a_constant_and_a_maker_here():
    assert {kind.key for kind in all_kinds()} == set(Kind) == set(MAKERS)


@pytest.mark.parametrize("key", sorted(Kind))
def test_deleting_an_item_of_any_kind_withdraws_its_shares_and_is_logged(cast, key):
    kind = next(kind for kind in all_kinds() if kind.key == key)
    item = MAKERS[Kind(key)](cast.owner, Secret("a secret"))
    audiences = {audience: False for audience in kind.audiences_for(item)}
    if audiences:
        share(item, **{str(audience): False for audience in audiences})
    item_id = item.pk
    item_delete(item=item, by=cast.owner, reason="Deleted in a test.")
    assert not kind.model._default_manager.filter(pk=item_id).exists()
    assert not Share.objects.current().filter(item_kind=key, item_id=item_id).exists()
    assert Share.objects.filter(item_kind=key, item_id=item_id).count() == len(audiences)
    logged = LoggedAction.objects.get(object_id=str(item_id), action__endswith=".deleted")
    assert logged.by == cast.owner
    assert logged.action == f"{kind.model._meta.app_label}.{key}.deleted"


def test_deleting_minutes_forgets_the_passages_in_them_that_named_someone(cast):
    mention = make_mention(cast.owner, Secret("the front desk"))
    minutes = (
        mention.source_object_unchecked() if hasattr(mention, "source_object_unchecked") else None
    )

    minutes = Minutes.objects.get(pk=mention.source_id)
    item_delete(item=minutes, by=minutes.owner, reason="Deleted in a test.")
    mention = Mention.objects.get(pk=mention.pk)
    assert mention.gone_at is not None
