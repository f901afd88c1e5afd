"""The meetings' texts that can name people, as mentions (mentions/sources.py) knows them."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from bridging_gaps.text import fitted
from consent.describe import readers_in_words
from consent.kinds import Kind
from mentions.sources import Source, every_text_unchecked, register


def _minutes_unchecked(minutes_id: Any) -> Any:
    """The minutes, for the mention check's own work: who reads them now (said to the person
    named), where they are, and taking a deleted account's name out of their words. Nothing
    here is shown to anyone who may not read the minutes."""
    from meetings.models import Minutes

    return Minutes.objects.filter(pk=minutes_id).first()


def _part_unchecked(model_name: str, part_id: Any) -> Any:
    """A decision or an action, for the same work as _minutes_unchecked."""
    from meetings import models

    return getattr(models, model_name).objects.filter(pk=part_id).first()


def _field(obj: Any, field: str) -> str | None:
    return None if obj is None else getattr(obj, field)


def _set(obj: Any, field: str, text: str) -> None:
    if obj is not None:
        setattr(obj, field, fitted(type(obj), field, text))
        obj.save(update_fields=[field])


def _minutes_readers(minutes: Any) -> str:
    return readers_in_words(minutes) if minutes is not None else "nobody"


def _minutes_url(minutes: Any) -> str | None:
    return reverse("minutes_detail", args=[minutes.pk]) if minutes is not None else None


def _meeting_url(meeting_id: Any) -> str:
    return reverse("meeting_detail", args=[meeting_id])


def _agenda_item(item_id: Any) -> Any:
    from meetings.models import AgendaItem

    return AgendaItem.objects.filter(pk=item_id).first()


def _meeting(meeting_id: Any) -> Any:
    from meetings.models import Meeting

    return Meeting.objects.filter(pk=meeting_id).first()


def _part_minutes(model_name: str, part_id: Any) -> Any:
    part = _part_unchecked(model_name, part_id)
    return _minutes_unchecked(part.minutes_id) if part is not None else None


def _part_source(kind: str, model_name: str, label: str, *fields: str) -> Source:
    """A decision or an action: read where its minutes are read."""

    def write(pk: Any, field: str, text: str) -> None:
        _set(_part_unchecked(model_name, pk), field, text)

    return Source(
        kind=kind,
        label=label,
        readers=lambda pk: _minutes_readers(_part_minutes(model_name, pk)),
        url=lambda pk: _minutes_url(_part_minutes(model_name, pk)),
        read=lambda pk, field: _field(_part_unchecked(model_name, pk), field),
        write=write,
        every=every_text_unchecked("meetings", model_name, *fields),
    )


def register_sources() -> None:
    register(
        Source(
            kind=Kind.MINUTES,
            label="the minutes of a meeting",
            readers=lambda pk: _minutes_readers(_minutes_unchecked(pk)),
            url=lambda pk: _minutes_url(_minutes_unchecked(pk)),
            read=lambda pk, field: _field(_minutes_unchecked(pk), field),
            write=lambda pk, field, text: _set(_minutes_unchecked(pk), field, text),
            research=True,
            every=every_text_unchecked("meetings", "Minutes", "body"),
        )
    )
    register(
        _part_source(
            "decision", "Decision", "a decision in the minutes of a meeting", "text", "outcome"
        )
    )
    register(
        _part_source(
            "action",
            "Action",
            "an action in the minutes of a meeting",
            "description",
            "outcome",
            "owner_name",
        )
    )
    register(
        Source(
            kind="agenda_item",
            label="a suggestion for a meeting's agenda",
            readers=lambda pk: "facilitators, and everyone in the group once it is on the agenda",
            url=lambda pk: (
                _meeting_url(item.meeting_id) if (item := _agenda_item(pk)) is not None else None
            ),
            read=lambda pk, field: _field(_agenda_item(pk), field),
            write=lambda pk, field, text: _set(_agenda_item(pk), field, text),
            every=every_text_unchecked("meetings", "AgendaItem", "title", "details"),
        )
    )
    register(
        Source(
            kind="cancellation",
            label="the message about a cancelled meeting",
            readers=lambda pk: "everyone in the group",
            url=_meeting_url,
            read=lambda pk, field: _field(_meeting(pk), field),
            write=lambda pk, field, text: _set(_meeting(pk), field, text),
            every=every_text_unchecked("meetings", "Meeting", "cancellation_message"),
        )
    )
