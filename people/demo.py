"""A fictional group, so the site can be explored at once. Every name is invented."""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from people.models import Role, User

DEMO_EMAIL_DOMAIN = "example.org"
DEMO_PASSWORD = "demo-password-1"  # noqa: S105 - fictional demo accounts only


@dataclass(frozen=True)
class DemoPerson:
    key: str
    name: str
    roles: tuple[str, ...]
    facilitator: bool = False
    pronouns: str = ""


DEMO_PEOPLE = [
    DemoPerson("ruth", "Ruth Demo", (Role.MEMBER,), pronouns="she/her"),
    DemoPerson("maya", "Maya Demo", (Role.MEMBER,)),
    DemoPerson("jo", "Jo Demo", (Role.MEMBER,), pronouns="she/they"),
    DemoPerson("shell", "Shell Demo", (Role.MEMBER,)),
    DemoPerson(
        "faye", "Faye Example", (Role.SUPPORT_WORKER,), facilitator=True, pronouns="she/her"
    ),
    DemoPerson("tom", "Tom Example", (Role.SUPPORT_WORKER,)),
    DemoPerson("sam", "Dr Sam Sample", (Role.GP,)),
    DemoPerson("lee", "Dr Lee Sample", (Role.GP, Role.RESEARCHER)),
    DemoPerson("priya", "Priya Example", (Role.RESEARCHER,)),
]


def seed() -> dict[str, User]:
    people: dict[str, User] = {}
    for demo in DEMO_PEOPLE:
        email = f"{demo.key}@{DEMO_EMAIL_DOMAIN}"
        user = User.objects.create_user(
            email,
            DEMO_PASSWORD,
            display_name=demo.name,
            roles=list(demo.roles),
            is_facilitator=demo.facilitator,
            pronouns=demo.pronouns,
        )
        EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
        if user.requires_mfa:
            # Real people set this up themselves; `manage.py demo_code EMAIL` prints the code.
            TOTP.activate(user, generate_totp_secret())
        people[demo.key] = user
    return people
