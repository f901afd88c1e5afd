"""Small helpers shared by tests."""

from __future__ import annotations

import time
from pathlib import Path

from allauth.account.internal.flows import login as allauth_login
from allauth.account.internal.userkit import user_id_to_str
from django.conf import settings

from consent import services
from consent.models import Audience


def sign_in_recently(client, user) -> None:
    """Sign in as if the person had just typed their password (and code), so
    actions behind re-authentication go through."""
    client.force_login(user)
    session = client.session
    session[allauth_login._AUTHENTICATION_METHODS_USER_SESSION_KEY] = user_id_to_str(user)
    session[allauth_login.AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time(), "email": user.email, "reauthenticated": True}
    ]
    session.save()


def share(item, by=None, research_use=None, **audiences: bool) -> None:
    """share(note, gps=False, group=True): audience=anonymous?"""
    services.shares_set(
        item=item,
        wanted={Audience(key): anonymous for key, anonymous in audiences.items()},
        research_use=research_use,
        by=by or item.owner,
    )


def share_at_random(item, rng) -> None:
    """No share, or shares with a random mix of audiences, each named or anonymous at random;
    now and then all withdrawn again (the worlds the policy's property tests are tried on)."""
    wanted = {
        audience: rng.random() < 0.5
        for audience in rng.sample(["group", "gps", "members"], k=rng.randint(0, 3))
    }
    if wanted:
        share(item, **wanted)
        if rng.random() < 0.2:
            services.shares_withdraw_all(item=item, by=item.owner)


# The sign-in library's kinds of template: pages, their layouts and parts, and its messages.
SIGN_IN_LIBRARY_TEMPLATES = ("account/", "mfa/", "usersessions/", "allauth/")


def library_templates_in(response) -> list[str]:
    """The sign-in library's templates this response rendered from the library itself rather
    than from the workspace's own templates/ (its words, not the group's)."""
    ours = Path(settings.BASE_DIR) / "templates"
    return sorted(
        {
            template.name
            for template in response.templates
            if template.name
            and template.name.startswith(SIGN_IN_LIBRARY_TEMPLATES)
            and not Path(template.origin.name).is_relative_to(ours)
        }
    )
