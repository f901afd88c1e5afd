"""Factories for data rights: downloads ready to fetch, and departures."""

from __future__ import annotations

from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone

from datarights.models import DataDownload, Departure
from tests.factories import UserFactory


def ready_file(content: bytes = b"PK\x05\x06" + b"\x00" * 18) -> str:
    """A stored file, as a finished download leaves it (an empty ZIP by default)."""
    return default_storage.save("data-downloads/test-file", ContentFile(content))


class DataDownloadFactory(factory.django.DjangoModelFactory):
    """A finished download whose link still works."""

    class Meta:
        model = DataDownload

    person = factory.SubFactory(UserFactory)
    state = DataDownload.State.READY
    progress = 100
    file = factory.LazyFunction(ready_file)
    size = 22
    ready_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyAttribute(lambda download: download.ready_at + timedelta(hours=48))


class DepartureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Departure

    person = factory.SubFactory(UserFactory, is_active=False)
    kind = Departure.Kind.LEFT
