"""Download my data: everything held about the person and everything she wrote, nothing
owned by others; made by a task, fetched only by her after her password, and gone when
the link expires."""

from __future__ import annotations

import io
import json
import re
import zipfile
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone

from datarights import archive, services
from datarights.models import DataDownload
from tests.datarights.everything import build_world
from tests.factories import UserFactory
from tests.factories_datarights import DataDownloadFactory
from tests.helpers import sign_in_recently

pytestmark = pytest.mark.django_db

SECTIONS = {
    "expenses",
    "kept_forms",
    "notices",
    "account",
    "roles",
    "contact_details",
    "sharing",
    "seen",
    "actions",
    "meetings",
    "payments",
    "agenda",
    "minutes",
    "observation_answers",
    "notes",
    "interviews",
    "observation_notes",
    "other_names",
    "research_codes",
    "research_work",
    "mentions",
    "proposals",
}
# Labels she typed on interviews that belong to the people interviewed: part of their
# records, not hers (docs/data-rights.md).
ON_OTHERS_RECORDS = {"conductedtopic", "custodialtopic"}


@pytest.fixture
def world(db):
    return build_world()


@pytest.fixture
def make_download(django_capture_on_commit_callbacks):
    def make(person, **kwargs) -> DataDownload:
        with django_capture_on_commit_callbacks(execute=True):
            services.download_request(person=person, **kwargs)
        return DataDownload.objects.get(person=person)

    return make


def opened(download: DataDownload) -> tuple[zipfile.ZipFile, str]:
    """The ZIP, and the text of all its pages and data.json together."""
    with default_storage.open(download.file, "rb") as stored:
        zipped = zipfile.ZipFile(io.BytesIO(stored.read()))
    text = "".join(
        zipped.read(name).decode()
        for name in zipped.namelist()
        if name.endswith((".html", ".json"))
    )
    return zipped, text


def test_the_download_holds_every_kind_of_thing_the_person_wrote_or_is_held_about_her(
    world, make_download
):
    download = make_download(world.person)
    assert download.state == DataDownload.State.READY
    assert download.progress == 100
    zipped, text = opened(download)

    wanted = {what: word for what, word in world.mine.words.items() if what != "audio"}
    missing = [
        what for what, word in wanted.items() if what not in ON_OTHERS_RECORDS and word not in text
    ]
    assert missing == []
    # The recording itself, in files/, linked from her interview's page.
    recordings = [name for name in zipped.namelist() if name.startswith("files/")]
    assert len(recordings) == 1
    assert world.audio in zipped.read(recordings[0])
    assert f'href="{recordings[0]}"' in zipped.read("interviews.html").decode()
    # Who read her note is hers to know.
    assert "Rosa Reader read it" in zipped.read("seen.html").decode()
    # Her payments, the finance list that named her, and the action given to her.
    assert "£20.00" in zipped.read("payments.html").decode()
    assert "Ask for a quiet room" in zipped.read("minutes.html").decode()

    data = json.loads(zipped.read("data.json"))
    assert set(data["sections"]) == SECTIONS
    note = data["sections"]["notes"]["data"][0]
    assert [v["body"] for v in note["versions"]] == [
        world.mine.words["body_first"],
        world.mine.words["body_now"],
    ]
    interview = data["sections"]["interviews"]["data"][0]
    assert world.mine.words["transcript"] in interview["transcript"][1]["text"]
    assert interview["transcript"][1]["taken_out"] is True
    assert world.mine.words["transcript"] not in interview["reviewed_transcript"]
    index = zipped.read("index.html").decode()
    for key in SECTIONS:
        assert f'href="{key}.html"' in index


def test_the_download_holds_nothing_owned_by_others_either_way(world, make_download):
    _zipped, hers = opened(make_download(world.person))
    for what, word in world.theirs.words.items():
        assert word not in hers, f"the other person's {what} is in her download"

    _zipped, theirs = opened(make_download(world.other))
    for what, word in world.mine.words.items():
        # Her name is on the interview she conducted with them, with the topic she typed:
        # that record is theirs.
        if what in {"display", "conductedtopic"}:
            continue
        assert word not in theirs, f"her {what} is in the other person's download"
    assert world.theirs.words["transcript"] in theirs
    assert world.theirs.words["note"] in theirs


def test_only_the_person_fetches_the_file_and_only_after_her_password(client, make_download):
    person = UserFactory()
    download = make_download(person)
    url = reverse("data_download_file", args=[download.pk])

    client.force_login(UserFactory())
    assert client.get(url).status_code == 404

    client.force_login(person)
    asked = client.get(url)
    assert asked.status_code == 302
    assert asked["Location"].startswith(reverse("account_reauthenticate"))

    sign_in_recently(client, person)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="workspace-data-')
    assert "no-store" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    assert zipfile.ZipFile(io.BytesIO(body)).namelist()[0] == "index.html"
    download.refresh_from_db()
    assert download.downloaded_at is not None


def test_an_expired_link_answers_404(client):
    download = DataDownloadFactory(expires_at=timezone.now() - timedelta(seconds=1))
    sign_in_recently(client, download.person)
    assert client.get(reverse("data_download_file", args=[download.pk])).status_code == 404
    page = client.get(reverse("data_download"))
    assert "The link to your last file has expired" in page.text


def test_making_a_file_asks_for_the_password_first(client):
    person = UserFactory()
    client.force_login(person)
    response = client.post(reverse("data_download"), {})
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not DataDownload.objects.exists()


def test_the_person_starts_it_from_her_account_page(client, django_capture_on_commit_callbacks):
    person = UserFactory()
    sign_in_recently(client, person)
    account = client.get(reverse("preferences"))
    assert reverse("data_download") in account.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("data_download"), {}, follow=True)
    assert "We are making your file." in response.text
    download = DataDownload.objects.get(person=person)
    assert download.state == DataDownload.State.READY
    page = client.get(reverse("data_download"))
    assert reverse("data_download_file", args=[download.pk]) in page.text


def test_asking_again_while_a_file_is_being_made_changes_nothing(make_download):
    download = DataDownloadFactory(state=DataDownload.State.MAKING, file="", progress=40)
    with pytest.raises(services.ValidationError):
        services.download_request(person=download.person)
    assert DataDownload.objects.get().pk == download.pk


def test_a_new_file_replaces_the_earlier_one(make_download):
    person = UserFactory()
    first = make_download(person)
    assert default_storage.exists(first.file)
    second = make_download(person)
    assert second.pk != first.pk
    assert not default_storage.exists(first.file)
    assert DataDownload.objects.filter(person=person).count() == 1


def test_the_email_says_only_that_a_file_is_ready(world, make_download):
    make_download(world.person, email_when_ready=True)
    (message,) = mail.outbox
    assert message.subject == "Your workspace: your file is ready"
    assert message.to == [world.person.email]
    assert "/account/your-data/" in message.body
    assert not message.attachments
    for word in world.mine.all():
        assert word not in message.body


def test_no_email_unless_asked(make_download):
    make_download(UserFactory())
    assert mail.outbox == []


def test_the_page_shows_progress_while_the_file_is_being_made(client):
    download = DataDownloadFactory(
        state=DataDownload.State.MAKING, file="", progress=40, step="Reflective notes"
    )
    client.force_login(download.person)
    page = client.get(reverse("data_download"))
    assert "How far it is: 40%" in page.text
    assert 'value="40"' in page.text
    assert "Now: Reflective notes" in page.text
    assert "js/data-download.js" in page.text
    assert "Make a new file" not in page.text

    download.state, download.file = DataDownload.State.READY, "x"
    download.save()
    assert "js/data-download.js" not in client.get(reverse("data_download")).text


def test_progress_is_written_as_each_part_is_gathered(monkeypatch, make_download):
    seen: list[tuple[int, str]] = []
    real = archive._set_progress

    def spy(download, percent, step):
        seen.append((percent, step))
        real(download, percent, step)

    monkeypatch.setattr(archive, "_set_progress", spy)
    make_download(UserFactory())
    percents = [percent for percent, _step in seen]
    assert percents == sorted(percents)
    assert percents[0] == 0
    assert percents[-1] == 95
    assert "Reflective notes" in {step for _p, step in seen}


def test_a_file_that_cannot_be_made_says_so_and_keeps_nothing(monkeypatch, make_download):
    def broken(person):
        raise RuntimeError("disk full")

    monkeypatch.setattr("reflections.data_rights.collect", broken)
    download = make_download(UserFactory())
    assert download.state == DataDownload.State.FAILED
    assert download.file == ""


@pytest.mark.parametrize("state", ["none", "making", "ready", "failed"])
def test_the_download_page_makes_the_same_number_of_queries_in_every_state(
    client, django_assert_num_queries, state
):
    person = UserFactory()
    if state != "none":
        DataDownloadFactory(person=person, state=state)
    client.force_login(person)
    client.get(reverse("data_download"))
    # The person and the download (sessions are kept in memory in the tests: tests/conftest.py).
    with django_assert_num_queries(2):
        assert client.get(reverse("data_download")).status_code == 200


def test_the_pages_in_the_file_stand_alone_with_nothing_fetched_from_anywhere(world, make_download):
    zipped, _text = opened(make_download(world.person))
    for name in zipped.namelist():
        if not name.endswith(".html"):
            continue
        html = zipped.read(name).decode()
        assert html.startswith("<!DOCTYPE html>"), name
        assert '<html lang="en-GB">' in html, name
        assert "<script" not in html, name
        assert "<link" not in html, name
        assert "http" not in html, name
        assert not re.search(r'(?:href|src)="/', html), name
