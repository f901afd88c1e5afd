"""Writes to minutes, decisions and actions. Each in one transaction, with who did it.

Minutes are shared through the consent ledger like every other item: the
writer chooses the audience on the form (the whole group is preselected), and
the grant is appended with consent.services.shares_set, by the writer.
"""

from __future__ import annotations

from datetime import date

from django.db import models, transaction
from django.utils import timezone

from actionlog.services import log_action
from consent.kinds import Kind
from consent.models import Audience
from consent.services import shares_set
from meetings.models import Action, Decision, Meeting, Minutes
from mentions.services import mentions_sync
from people.models import User


class MinutesAudience(models.TextChoices):
    GROUP = "group", "Everyone in the group"
    FACILITATORS = "facilitators", "Facilitators only"
    ONLY_ME = "only_me", "Only me for now (a draft)"


AUDIENCE_SHARES: dict[str, dict[str, bool]] = {
    MinutesAudience.GROUP: {Audience.GROUP: False},
    MinutesAudience.FACILITATORS: {Audience.FACILITATORS: False},
    MinutesAudience.ONLY_ME: {},
}


@transaction.atomic
def minutes_write(*, meeting: Meeting, body: str, audience: str, by: User) -> Minutes:
    """New minutes for a meeting, shared at once with the audience chosen on the form."""
    minutes: Minutes = Minutes.objects.create(meeting=meeting, owner=by, body=body)
    shares_set(item=minutes, wanted=AUDIENCE_SHARES[audience], by=by)
    mentions_sync(source_kind=Kind.MINUTES, source_id=minutes.pk, texts={"body": body}, writer=by)
    log_action(by=by, action="meetings.minutes.written", obj=minutes)
    return minutes


@transaction.atomic
def minutes_update(*, minutes: Minutes, body: str, by: User) -> Minutes:
    minutes.body = body
    minutes.updated_at = timezone.now()
    minutes.save(update_fields=["body", "updated_at"])
    mentions_sync(source_kind=Kind.MINUTES, source_id=minutes.pk, texts={"body": body}, writer=by)
    log_action(by=by, action="meetings.minutes.changed", obj=minutes)
    return minutes


@transaction.atomic
def decision_add(*, minutes: Minutes, text: str, by: User) -> Decision:
    decision = Decision.objects.create(minutes=minutes, text=text, updated_by=by)
    mentions_sync(source_kind="decision", source_id=decision.pk, texts={"text": text}, writer=by)
    log_action(by=by, action="meetings.decision.added", obj=decision)
    return decision


@transaction.atomic
def decision_update(*, decision: Decision, outcome: str, by: User) -> Decision:
    decision.outcome = outcome
    decision.updated_by = by
    decision.updated_at = timezone.now()
    decision.save(update_fields=["outcome", "updated_by", "updated_at"])
    mentions_sync(
        source_kind="decision", source_id=decision.pk, texts={"outcome": outcome}, writer=by
    )
    log_action(by=by, action="meetings.decision.changed", obj=decision)
    return decision


@transaction.atomic
def action_add(
    *,
    minutes: Minutes,
    description: str,
    owner: User | None,
    owner_name: str = "",
    due_on: date | None = None,
    by: User,
) -> Action:
    action = Action.objects.create(
        minutes=minutes,
        description=description,
        owner=owner,
        owner_name="" if owner is not None else owner_name,
        due_on=due_on,
        updated_by=by,
    )
    mentions_sync(
        source_kind="action", source_id=action.pk, texts={"description": description}, writer=by
    )
    log_action(by=by, action="meetings.action.added", obj=action, person=owner)
    return action


@transaction.atomic
def action_update(*, action: Action, status: str, outcome: str, by: User) -> Action:
    action.status = status
    action.outcome = outcome
    action.updated_by = by
    action.updated_at = timezone.now()
    action.save(update_fields=["status", "outcome", "updated_by", "updated_at"])
    mentions_sync(source_kind="action", source_id=action.pk, texts={"outcome": outcome}, writer=by)
    log_action(by=by, action="meetings.action.changed", obj=action, data={"status": str(status)})
    return action
