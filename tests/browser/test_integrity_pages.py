"""The pages consent integrity added, in a real browser at 320 px, with axe: a notice about a
role change, the group's role history, and the plain page answering a broken address."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from people import services
from people.models import Role
from tests.browser.conftest import assert_accessible, sign_in_as
from tests.factories import UserFactory
from tests.factories_meetings import FacilitatorFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_member_is_told_of_a_role_change_and_the_group_sees_it(context, live_server):
    member = UserFactory(display_name="Ruth", roles=[Role.MEMBER])
    facilitator = FacilitatorFactory(display_name="Faye")
    services.person_set_roles(person=member, roles=[], is_facilitator=False, by=facilitator)
    services.person_set_roles(
        person=member, roles=[Role.MEMBER], is_facilitator=False, by=facilitator
    )
    sign_in_as(context, live_server, member)
    page = context.new_page()
    page.set_viewport_size({"width": 320, "height": 700})

    page.goto("/")
    page.get_by_role("link", name="2 new things to know").click()
    expect(page.get_by_text("Faye changed your roles").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Mark all as read").click()
    page.goto("/people/roles/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Changes to roles")
    expect(page.get_by_text("Changed by Faye").first).to_be_visible()
    assert_accessible(page)


def test_a_nul_byte_in_an_address_is_a_plain_not_found_page(context, live_server):
    sign_in_as(context, live_server, UserFactory(display_name="Ruth"))
    page = context.new_page()
    page.set_viewport_size({"width": 320, "height": 700})
    response = page.goto("/calendar/%00.ics")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(page)
