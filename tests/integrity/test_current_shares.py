"""The shares in force now are kept as their own indexed projection of the ledger
(consent.models.CurrentShare): it always says what the ledger says."""

from __future__ import annotations

import random

import pytest
from django.core.management import CommandError, call_command

from consent.models import Audience, CurrentShare
from consent.projection import from_ledger
from consent.services import item_delete, shares_set, shares_withdraw_all
from tests.factories_items import NoteFactory


def projection() -> set[tuple]:
    return set(
        CurrentShare.objects.values_list(
            "share_id", "item_id", "audience", "anonymous", "owner", "item_created_at"
        )
    )


def ledger() -> set[tuple]:
    return {
        (
            row.share_id,
            row.item_id,
            row.audience,
            row.anonymous,
            row.owner_id,
            row.item_created_at,
        )
        for row in from_ledger()
    }


def test_after_any_mix_of_sharing_withdrawing_and_deleting_the_projection_is_the_ledger(cast):
    chance = random.Random(4)
    notes = [NoteFactory(owner=cast.owner) for _ in range(6)]
    audiences = [Audience.GROUP, Audience.GPS, Audience.RESEARCHERS, Audience.MEMBERS]
    for _ in range(40):
        note = chance.choice(notes)
        step = chance.random()
        if step < 0.6:
            wanted = {a: chance.random() < 0.5 for a in chance.sample(audiences, 2)}
            shares_set(item=note, wanted=wanted, research_use=chance.random() < 0.5, by=cast.owner)
        elif step < 0.9:
            shares_withdraw_all(item=note, by=cast.owner)
        else:
            notes.remove(note)
            item_delete(item=note, by=cast.owner, reason="Deleted in a test.")
            notes.append(NoteFactory(owner=cast.owner))
        assert projection() == ledger()
    assert projection()  # something is shared at the end


def test_the_command_finds_a_difference_and_rebuilds_from_the_ledger(cast):
    note = NoteFactory(owner=cast.owner)
    shares_set(item=note, wanted={Audience.GROUP: False}, by=cast.owner)
    call_command("current_shares")
    CurrentShare.objects.all().delete()
    with pytest.raises(CommandError, match="1 missing"):
        call_command("current_shares")
    call_command("current_shares", "--rebuild")
    assert projection() == ledger()
    assert len(projection()) == 1
