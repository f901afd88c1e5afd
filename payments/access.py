"""Who reaches an expense claim: the person who made it, and facilitators (who pay it).
Anyone else gets 404, as if it did not exist."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from payments.models import Claim
from people.models import User


def claim_for(user: User, claim_id: Any) -> Claim:
    claim = Claim.objects.filter(pk=claim_id).select_related("person", "decided_by", "rate").first()
    if claim is None or not (claim.person_id == user.pk or user.is_facilitator):
        raise Http404("No such claim.")
    return claim
