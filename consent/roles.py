"""The roles people hold in the group, and the audiences an owner may share with.

Each role (but facilitation, which is not a role here) is an audience (consent/policy.py), so
the roles are defined beside the rule that reads them; people/ holds who has which."""

from __future__ import annotations

from django.db import models


class Role(models.TextChoices):
    MEMBER = "member", "Member with lived experience"
    GP = "gp", "GP"
    RESEARCHER = "researcher", "Researcher"
    SUPPORT_WORKER = "support_worker", "Support worker"


# Roles whose holders must use two-step sign-in (an authenticator app) before
# they can see anything shared with them. Members with lived experience are not
# forced to: many share or lose phones, and a lock-out would shut them out.
PRIVILEGED_ROLES = frozenset({Role.GP, Role.RESEARCHER, Role.SUPPORT_WORKER})


class Audience(models.TextChoices):
    MEMBERS = "members", "members"
    GPS = "gps", "GPs"
    RESEARCHERS = "researchers", "researchers"
    SUPPORT_WORKERS = "support_workers", "support workers"
    FACILITATORS = "facilitators", "facilitators"
    GROUP = "group", "the whole group"
    # Not a way of seeing: permission to include the item, anonymised, in research exports.
    RESEARCH_USE = "research_use", "research use"


VIEWING_AUDIENCES = [
    Audience.GROUP,
    Audience.MEMBERS,
    Audience.GPS,
    Audience.RESEARCHERS,
    Audience.SUPPORT_WORKERS,
    Audience.FACILITATORS,
]
