"""The kinds of item, by the key each is registered under (consent/registry.py) and stored
under in the ledger (`Share.item_kind`). Code names a kind by these constants, never by a
typed string, so a kind is found by search and a misspelling is an error."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    NOTE = "note"
    CONTACT = "contact"
    MINUTES = "minutes"
    INTERVIEW = "interview"
    RECORDING = "interview_recording"
    OBSERVATION_NOTE = "observation_note"
    MENTION = "mention"
