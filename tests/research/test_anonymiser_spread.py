"""A large export's texts are anonymised in other processes (research/anonymiser/spread.py),
and what comes back is exactly what anonymising them here gives, in the same order."""

from __future__ import annotations

import csv
import io
import zipfile
from concurrent.futures.process import BrokenProcessPool

import pytest
from django.core.files.storage import default_storage

from research.anonymiser import Anonymiser, KnownPerson, Term
from research.anonymiser.spread import Spread
from research.exports import run
from tests.factories_research import granted_note, made_export, make_project

TEXTS = [
    "Olive met Dr Gita Practitioner at Acacia House.",
    "Call 07700 900123 or write to olive@example.org.",
    "",
    "Nothing to take out here.",
    "Gita said Olive was born on 3 May 1990.",
] * 7


def test_texts_anonymised_in_other_processes_come_back_in_order_and_the_same():
    anonymiser = Anonymiser(
        [KnownPerson("P01", ("Olive Owner",)), KnownPerson("GP1", ("Gita Practitioner",))],
        [Term("Acacia House", "SERVICE")],
    )
    here = [anonymiser.anonymise(text) for text in TEXTS]
    with Spread(anonymiser, processes=2) as spread:
        first = spread.submit(TEXTS)
        second = spread.submit(TEXTS[::-1])
        assert second() == here[::-1]
        assert first() == here
    assert "Olive" not in "".join(result.text for result in here)


def test_with_one_process_nothing_is_started_and_the_texts_are_anonymised_here():
    anonymiser = Anonymiser([KnownPerson("P01", ("Olive Owner",))])
    with Spread(anonymiser, processes=1) as spread:
        assert spread._pool is None
        assert [result.text for result in spread.submit(["Olive came."])()] == ["P01 came."]


def rows_of(export) -> list[dict[str, str]]:
    with default_storage.open(export.file_name, "rb") as stored:
        archive = zipfile.ZipFile(io.BytesIO(stored.read()))
    rows = list(csv.DictReader(io.StringIO(archive.read("items.csv").decode("utf-8"))))
    return [{key: row[key] for key in ("pseudonym", "date", "kind", "text")} for row in rows]


@pytest.mark.django_db
def test_a_large_export_spread_over_processes_holds_what_one_made_here_holds(
    cast, settings, monkeypatch
):
    # Chunks of two: the next chunk is read and anonymised while the last is written.
    monkeypatch.setattr(run, "CHUNK", 2)
    for number, body in enumerate(TEXTS[:5]):
        granted_note(owner=cast.owner, title=f"Note {number}", body=body or "Only a title.")
    project = make_project(cast.researcher)

    settings.EXPORT_SPREAD_FROM = 1_000
    here = made_export(project, cast.researcher)
    assert run.processes_for(here) == 1
    settings.EXPORT_SPREAD_FROM, settings.EXPORT_PROCESSES = 1, 2
    spread = made_export(project, cast.researcher)
    assert run.processes_for(spread) == 2

    assert rows_of(spread) == rows_of(here)
    assert len(rows_of(spread)) == 5
    assert (spread.progress_done, spread.progress_total) == (5, 5)


def test_a_process_that_dies_fails_the_chunk_instead_of_leaving_it_waiting():
    anonymiser = Anonymiser([KnownPerson("P01", ("Olive Owner",))])
    with Spread(anonymiser, processes=2) as spread:
        spread.submit(["Olive came."])()  # the processes are up
        for process in list(spread._pool._processes.values()):  # type: ignore[union-attr]
            process.kill()
        with pytest.raises(BrokenProcessPool):
            spread.submit(["Olive came again."] * 10)()


def test_without_shared_memory_for_the_pool_the_texts_are_anonymised_here(monkeypatch, caplog):
    from research.anonymiser import spread as module

    def no_shared_memory(*args, **kwargs):
        raise OSError(38, "Function not implemented")

    monkeypatch.setattr(module, "ProcessPoolExecutor", no_shared_memory)
    anonymiser = Anonymiser([KnownPerson("P01", ("Olive Owner",))])
    with Spread(anonymiser, processes=2) as spread:
        assert [result.text for result in spread.submit(["Olive came."])()] == ["P01 came."]
    assert "anonymising in this process only" in caplog.text


def test_a_chunk_not_back_in_time_fails_instead_of_waiting_for_ever(monkeypatch):
    from research.anonymiser import spread as module

    monkeypatch.setattr(module, "CHUNK_SECONDS", 0)
    anonymiser = Anonymiser([KnownPerson("P01", ("Olive Owner",))])
    with Spread(anonymiser, processes=2) as spread, pytest.raises(TimeoutError):
        spread.submit(["Olive came."] * 2000)()
