"""Getting paid for your time: the helpers the payment tests share."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from payments import services
from payments.models import Claim

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
TODAY = timezone.localdate


def ready_to_claim(person):
    return services.payment_choice_set(
        person=person, method="bank_transfer", benefits_notice_seen=True, by=person
    )


def claim(person, amount="4.80", **overrides):
    values = {
        "person": person,
        "category": Claim.Category.TRAVEL,
        "amount": Decimal(amount),
        "what_for": "Bus to the meeting and back",
        "spent_on": TODAY(),
        "receipt": None,
        "by": person,
    }
    values.update(overrides)
    return services.claim_create(**values)
