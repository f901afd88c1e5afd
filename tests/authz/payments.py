"""Getting paid: her choice and her claims are hers; facilitators handle claims and see what
is waiting. Nobody but her sees that she read about benefits."""

from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from tests.authz.specs import FacilitatorsOnly, GroupOnly, OwnRecordForFacilitators

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def claim_by(person, secret, *, receipt=False):
    from payments import services

    services.payment_choice_set(person=person, method="cash", benefits_notice_seen=True, by=person)
    return services.claim_create(
        person=person,
        category="travel",
        amount=Decimal("4.80"),
        what_for=secret,
        spent_on=date(2026, 1, 5),
        receipt=SimpleUploadedFile("r.jpg", JPEG) if receipt else None,
        receipt_type="image/jpeg" if receipt else "",
        by=person,
    )


CLASSIFIED = {
    "payments_mine": GroupOnly(),
    "payments_choice": GroupOnly(),
    "payments_claim_new": GroupOnly(),
    "payments_claim": OwnRecordForFacilitators(make=claim_by),
    "payments_receipt": OwnRecordForFacilitators(
        make=lambda person, secret: claim_by(person, secret, receipt=True)
    ),
    "payments_waiting": FacilitatorsOnly(),
    "payments_rates": FacilitatorsOnly(),
    "payments_fee_add": FacilitatorsOnly(),
    "payments_finance": FacilitatorsOnly(),
}
