"""Writes about a meeting's agenda, each in one transaction, recording who did it."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from actionlog.services import log_action
from meetings.agenda.models import AgendaItem
from meetings.models import Meeting
from mentions.services import mentions_sync
from people.models import User


@transaction.atomic
def agenda_propose(
    *, meeting: Meeting, title: str, details: str = "", show_name: bool = False, by: User
) -> AgendaItem:
    last = meeting.agenda_items.aggregate(last=Max("position"))["last"]
    item = AgendaItem.objects.create(
        meeting=meeting,
        proposed_by=by,
        title=title,
        details=details,
        show_name=show_name,
        position=(last or 0) + 1,
    )
    mentions_sync(
        source_kind="agenda_item",
        source_id=item.pk,
        texts={"title": title, "details": details},
        writer=by,
    )
    log_action(by=by, action="meetings.agenda_item.proposed", obj=item)
    return item


@transaction.atomic
def agenda_decide(*, item: AgendaItem, status: str, by: User) -> AgendaItem:
    """Accept an item (it goes to the end of the agenda), decline it, or set it back."""
    if status == AgendaItem.Status.ACCEPTED and item.status != status:
        accepted = AgendaItem.objects.filter(meeting_id=item.meeting_id, status=status)
        item.position = (accepted.aggregate(last=Max("position"))["last"] or 0) + 1
    item.status = status
    item.decided_by = by
    item.decided_at = timezone.now()
    item.save(update_fields=["status", "position", "decided_by", "decided_at"])
    log_action(by=by, action="meetings.agenda_item.decided", obj=item, data={"status": str(status)})
    return item


@transaction.atomic
def agenda_move(*, item: AgendaItem, up: bool, by: User) -> None:
    """Swap an accepted item with its neighbour on the agenda. The agenda is
    renumbered 1, 2, 3... at the same time, so the order is always the one shown."""
    Meeting.objects.select_for_update().filter(pk=item.meeting_id).exists()
    agenda = list(
        AgendaItem.objects.filter(
            meeting_id=item.meeting_id, status=AgendaItem.Status.ACCEPTED
        ).order_by("position", "created_at")
    )
    index = next((i for i, other in enumerate(agenda) if other.pk == item.pk), None)
    if index is None:
        return
    other = index - 1 if up else index + 1
    if 0 <= other < len(agenda):
        agenda[index], agenda[other] = agenda[other], agenda[index]
    for position, agenda_item in enumerate(agenda, start=1):
        agenda_item.position = position
    AgendaItem.objects.bulk_update(agenda, ["position"])
    log_action(by=by, action="meetings.agenda_item.moved", obj=item, data={"up": up})
