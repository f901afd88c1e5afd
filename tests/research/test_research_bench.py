"""The export benchmark runs and leaves nothing behind (its numbers belong to `make bench`)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command

from reflections.models import ReflectiveNote
from research.models import Export

pytestmark = pytest.mark.django_db


def test_the_export_benchmark_reports_and_leaves_nothing_behind():
    out = StringIO()
    call_command("bench", "export_notes", "--scale", "0.0002", stdout=out)
    report = out.getvalue()
    assert "research.export_notes" in report
    assert "20 notes (" in report
    assert "peak memory" in report
    assert not ReflectiveNote.objects.exists()
    assert not Export.objects.exists()
    _, files = default_storage.listdir("research-exports")
    assert files == []
