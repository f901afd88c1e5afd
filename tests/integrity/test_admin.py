"""No admin page shows what consent hides: change lists, change forms, delete confirmations,
history, filters and search, crawled as a superuser over a workspace holding one of
everything."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.datarights.everything import build_world
from tests.factories import UserFactory
from tests.helpers import sign_in_recently

pytestmark = pytest.mark.django_db

# What the admin may show of a person: how she signs in and the name she shows.
STRUCTURE_MARKERS = {"display", "email", "pronouns", "invited_as"}


def admin_pages(model, objects):
    info = model._meta.app_label, model._meta.model_name
    yield reverse("admin:{}_{}_changelist".format(*info))
    for obj in objects:
        for page in ("change", "delete", "history"):
            yield reverse("admin:{}_{}_{}".format(*info, page), args=[obj.pk])


def test_no_admin_page_shows_anything_people_wrote_or_were_told(client):
    world = build_world()
    superuser = UserFactory(display_name="Root", roles=[], is_staff=True, is_superuser=True)
    sign_in_recently(client, superuser)
    content = [
        word
        for markers in (world.mine, world.theirs)
        for what, word in markers.words.items()
        if what not in STRUCTURE_MARKERS
    ]
    assert content
    visited = 0
    exit_url = reverse("quick_exit")
    for model, model_admin in admin.site._registry.items():
        objects = list(model._default_manager.all()[:30])
        urls = list(admin_pages(model, objects))
        changelist = urls[0]
        # Searching for the start of a word finds rows holding it, without echoing it whole.
        urls += [f"{changelist}?q={word[:9]}" for word in content]
        urls += [f"{changelist}?{name}=1" for name in getattr(model_admin, "list_filter", [])]
        for url in urls:
            response = client.get(url)
            # 403: a page the admin offers nobody (deleting a role change, say).
            assert response.status_code in (200, 403), (url, response.status_code)
            if response.status_code == 200:
                # The quick exit is on every page, the admin's too (a plain link: it signs
                # out and leaves for the neutral site with or without JavaScript).
                assert f'href="{exit_url}"' in response.text, url
            for word in content:
                assert word not in response.text, (url, word)
            visited += 1
    assert visited > 50
