"""factory_boy factories shared by every test."""

from __future__ import annotations

from typing import Any

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.mfa.utils import encrypt
from django.utils import timezone

from people.models import Invitation, Role, User

PASSWORD = "a-long-test-password-1"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Person {n}")
    roles = factory.LazyFunction(lambda: [Role.MEMBER])
    password = factory.django.Password(PASSWORD)
    # Most tests are not about the first sign-in: the safety page was seen already.
    safety_seen_at = factory.LazyFunction(timezone.now)
    welcomed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def verified_email(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            EmailAddress.objects.create(user=self, email=self.email, primary=True, verified=True)

    @factory.post_generation
    def mfa(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        """Privileged people get an authenticator app unless mfa=False is passed."""
        wanted = self.requires_mfa if extracted is None else extracted
        if create and wanted:
            TOTP.activate(self, generate_totp_secret())


def users_in_bulk(people: dict[str, dict[str, Any]]) -> dict[str, User]:
    """The people UserFactory would make (a verified address each, an authenticator app for
    the privileged), made in three inserts instead of two or three queries each: the shared
    cast is made in nearly every test."""
    built = {key: UserFactory.build(**fields) for key, fields in people.items()}
    User.objects.bulk_create(built.values())
    EmailAddress.objects.bulk_create(
        EmailAddress(user=person, email=person.email, primary=True, verified=True)
        for person in built.values()
    )
    Authenticator.objects.bulk_create(
        Authenticator(
            user=person,
            type=Authenticator.Type.TOTP,
            data={"secret": encrypt(generate_totp_secret())},
        )
        for person in built.values()
        if person.requires_mfa
    )
    return built


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"invited{n}@example.org")
    roles = factory.LazyFunction(lambda: [Role.MEMBER])
    invited_by = factory.SubFactory(UserFactory, roles=[Role.SUPPORT_WORKER], is_facilitator=True)
