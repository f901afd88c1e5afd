"""The anonymiser's input, built from the database: who the workspace knows, and the terms.

Exports call ``anonymiser_for_project(project_key)`` once and anonymise every item with it.
"""

from __future__ import annotations

import re
import uuid

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef

from people.models import Invitation, User
from research.anonymiser import Anonymiser, KnownPerson, Term
from research.names import services
from research.names.models import OtherName, SensitiveTerm

USER = "user"


def known_people_unchecked(*, project_key: str) -> list[KnownPerson]:
    """Every account, with its pseudonym in the project and every name it is known by.

    A deliberate bypass of privacy: it reads the other names people keep private, and the
    name a facilitator typed on their invitation. The result must only ever go into an
    ``Anonymiser``, which uses the names to take them out; never show it or export it.
    Everyone with an account is in it, deactivated or without a role too: their names may be
    in notes. Four queries (one for people, three for pseudonyms) however many people.
    """
    people = list(
        User.objects.order_by("date_joined", "id")
        .annotate(
            other=ArraySubquery(OtherName.objects.filter(person=OuterRef("pk")).values("name")),
            invited_as=ArraySubquery(
                Invitation.objects.filter(accepted_by=OuterRef("pk"))
                .exclude(display_name="")
                .values("display_name")
            ),
        )
        .values_list("id", "display_name", "roles", "other", "invited_as")
    )
    pseudonyms = services.pseudonyms_assign(
        project_key=project_key,
        subjects=[
            services.Subject(USER, person_id, services.prefix_for_roles(roles))
            for person_id, _, roles, _, _ in people
        ],
    )
    return [
        KnownPerson(
            pseudonyms[person_id],
            tuple(dict.fromkeys(name for name in (display_name, *other, *invited_as) if name)),
        )
        for person_id, display_name, _, other, invited_as in people
    ]


def sensitive_terms() -> list[Term]:
    return [Term(term, label) for term, label in SensitiveTerm.objects.values_list("term", "label")]


def anonymiser_for_project(
    project_key: str, *, extra_terms: list[Term] | None = None
) -> Anonymiser:
    """The anonymiser for one research project: its people, the group's terms, and any terms
    a researcher added for one export (``Term("Karen", "REDACTED")``)."""
    return Anonymiser(
        known_people_unchecked(project_key=project_key),
        [*sensitive_terms(), *(extra_terms or [])],
    )


# What each pseudonym's prefix says about the person, in the export files.
ROLE_OF_PREFIX = {
    "P": "member",
    "GP": "GP",
    "R": "researcher",
    "SW": "support worker",
    services.NO_ROLE_PREFIX: "no role in the group",
}
_PREFIX = re.compile(r"[A-Z]+")


def user_pseudonyms(*, project_key: str) -> dict[uuid.UUID, str]:
    """Every account's pseudonym in the project (given now to those without). Four queries."""
    people = list(User.objects.values_list("id", "roles"))
    return services.pseudonyms_assign(
        project_key=project_key,
        subjects=[
            services.Subject("user", person_id, services.prefix_for_roles(roles))
            for person_id, roles in people
        ],
    )


def role_of(pseudonym: str) -> str:
    match = _PREFIX.match(pseudonym)
    return ROLE_OF_PREFIX.get(match.group(0) if match else "", "")
