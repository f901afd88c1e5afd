"""Ruth, who said no to being observed, and a meeting whose consent is collected."""

from __future__ import annotations

import pytest

from people.models import Role
from tests.factories import UserFactory
from tests.factories_observation import observed_meeting


@pytest.fixture
def ruth():
    return UserFactory(display_name="Ruth Example", roles=[Role.MEMBER])


@pytest.fixture
def meeting(cast, ruth):
    """Observed by cast.researcher; the member said yes, Ruth said no: consent collected."""
    return observed_meeting(cast.researcher, said_yes=[cast.member], said_no=[ruth])
