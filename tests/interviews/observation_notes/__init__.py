"""Observation notes: written only by the meeting's observer once consent is collected,
never describing those who said no, seen by researchers (and facilitators if the
group agreed) only when the writer shares them."""

from __future__ import annotations

from django.urls import reverse


def write_url(meeting):
    return reverse("observation_note_write", args=[meeting.pk])
