"""Writes for data rights: downloads, leaving the group, asking for deletion and changing
one's mind. Each is keyword-only, runs in one transaction and is done by the person.

The deletion itself, once the cooling-off period is over, is in erasure.py.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from actionlog.services import log_action
from datarights.downloads import download_delete
from datarights.hooks import hooks
from datarights.models import DataDownload, Departure
from datarights.sharing import sharing_when_leaving
from datarights.tasks import build_data_download, schedule_erasure
from people.models import User
from people.services import person_set_active

LEFT_REASON = "The owner left the group."
DELETION_REASON = "The owner asked for their account to be deleted."


def cooling_off() -> timedelta:
    return timedelta(days=settings.ACCOUNT_DELETION_COOLING_OFF_DAYS)


@transaction.atomic
def download_request(*, person: User, email_when_ready: bool = False) -> DataDownload:
    """Ask for a new ZIP. An earlier one is replaced (its file deleted); while one is
    being made, asking again changes nothing."""
    User.objects.select_for_update().filter(pk=person.pk).exists()
    earlier = list(DataDownload.objects.filter(person=person))
    busy = next((download for download in earlier if download.is_busy), None)
    if busy is not None:
        raise ValidationError("Your file is being made already. This page shows how it is going.")
    for download in earlier:
        download_delete(download=download)
    download = DataDownload.objects.create(person=person, email_when_ready=email_when_ready)
    transaction.on_commit(lambda: build_data_download.enqueue(str(download.pk)))
    log_action(by=person, action="datarights.download.requested", obj=download, person=person)
    return download


@transaction.atomic
def download_fetched(*, download: DataDownload) -> None:
    DataDownload.objects.filter(pk=download.pk, downloaded_at__isnull=True).update(
        downloaded_at=timezone.now()
    )


def _close(
    person: User, *, keep_shared_anonymously: bool, keep_research_use: bool, reason: str
) -> User:
    """What leaving and asking for deletion both do, while the person is still active:
    sharing through the ledger, each app's own leave hook, then the account closes."""
    locked = User.objects.select_for_update().get(pk=person.pk)
    if not locked.is_active:
        raise ValidationError("This account is closed already.")
    sharing_when_leaving(
        person=locked,
        keep_shared_anonymously=keep_shared_anonymously,
        keep_research_use=keep_research_use,
        reason=reason,
    )
    for leave in hooks("leave"):
        leave(locked)
    return locked


@transaction.atomic
def leave_group(
    *, person: User, keep_shared_anonymously: bool, keep_research_use: bool
) -> Departure:
    """The person closes their own account. They choose what happens to what they shared:
    withdrawn now, or kept without their name. Research use is withdrawn unless kept."""
    locked = _close(
        person,
        keep_shared_anonymously=keep_shared_anonymously,
        keep_research_use=keep_research_use,
        reason=LEFT_REASON,
    )
    departure = Departure.objects.create(
        person=locked,
        kind=Departure.Kind.LEFT,
        kept_shared_anonymously=keep_shared_anonymously,
        kept_research_use=keep_research_use,
    )
    person_set_active(person=locked, active=False, by=locked)
    log_action(by=locked, action="datarights.departure.left", obj=departure, person=locked)
    return departure


@transaction.atomic
def deletion_request(
    *, person: User, by: User | None = None, now: datetime | None = None
) -> Departure:
    """Close the account now, with every share withdrawn, and delete it once the
    cooling-off period is over, unless the person signs in before then. `by` is a site
    admin deleting the account in the admin (the only way the admin deletes anyone);
    the role history then says who closed it."""
    now = now or timezone.now()
    locked = _close(
        person, keep_shared_anonymously=False, keep_research_use=False, reason=DELETION_REASON
    )
    departure = Departure.objects.create(
        person=locked, kind=Departure.Kind.DELETION, at=now, erase_after=now + cooling_off()
    )
    person_set_active(person=locked, active=False, by=by or locked)
    transaction.on_commit(lambda: schedule_erasure(departure))
    log_action(by=by, action="datarights.departure.requested", obj=departure, person=person)
    return departure


def pending_deletion(person: User) -> Departure | None:
    return (
        Departure.objects.filter(
            person=person,
            kind=Departure.Kind.DELETION,
            cancelled_at__isnull=True,
            erased_at__isnull=True,
        )
        .order_by("-at")
        .first()
    )


@transaction.atomic
def deletion_cancel(*, person: User) -> Departure | None:
    """The person signed in during the cooling-off period: keep the account. What they
    had shared stays withdrawn; they share again what they want. None if nothing waited."""
    departure = (
        Departure.objects.select_for_update()
        .filter(
            person=person,
            kind=Departure.Kind.DELETION,
            cancelled_at__isnull=True,
            erased_at__isnull=True,
        )
        .first()
    )
    if departure is None:
        return None
    departure.cancelled_at = timezone.now()
    departure.save(update_fields=["cancelled_at"])
    locked = User.objects.select_for_update().get(pk=person.pk)
    if not locked.is_active:
        person_set_active(person=locked, active=True, by=locked)
        person.is_active = True
    log_action(by=person, action="datarights.departure.cancelled", obj=departure, person=person)
    return departure
