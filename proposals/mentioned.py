"""Proposals' texts that can name people, as mentions (mentions/sources.py) knows them: the
question and its details, comments, what was decided and what came of it, and actions. All of
them are read by everyone in the group."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from bridging_gaps.text import fitted
from mentions.sources import Source, every_text_unchecked, register

GROUP = "everyone in the group"


def _get(model_name: str, pk: Any) -> Any:
    from proposals import models

    return getattr(models, model_name).objects.filter(pk=pk).first()


def _proposal_id(model_name: str, pk: Any) -> Any:
    if model_name == "Proposal":
        return pk
    obj = _get(model_name, pk)
    return None if obj is None else obj.proposal_id


def _source(kind: str, model_name: str, label: str, *fields: str) -> Source:
    def url(pk: Any) -> str | None:
        proposal_id = _proposal_id(model_name, pk)
        return None if proposal_id is None else reverse("proposal_detail", args=[proposal_id])

    def read(pk: Any, field: str) -> str | None:
        obj = _get(model_name, pk)
        return None if obj is None else getattr(obj, field)

    def write(pk: Any, field: str, text: str) -> None:
        obj = _get(model_name, pk)
        if obj is not None:
            setattr(obj, field, fitted(type(obj), field, text))
            obj.save(update_fields=[field])

    return Source(
        kind=kind,
        label=label,
        readers=lambda pk: GROUP,
        url=url,
        read=read,
        write=write,
        every=every_text_unchecked("proposals", model_name, *fields),
    )


def register_sources() -> None:
    from proposals.services import ACTION, COMMENT, OUTCOME, PROPOSAL

    register(
        _source(PROPOSAL, "Proposal", "a proposal for the group to decide", "question", "details")
    )
    register(_source(COMMENT, "Comment", "a comment on a proposal", "text"))
    register(
        _source(OUTCOME, "Proposal", "what the group decided by a vote", "decision", "outcome")
    )
    register(_source(ACTION, "ProposalAction", "an action after a vote", "description"))
