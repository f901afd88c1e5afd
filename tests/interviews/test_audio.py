"""The recording: checked by content, kept private, streamed only through the policy, deleted."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from consent.models import AccessEvent, Share
from interviews import services
from interviews.audio import NotAudio, identify
from interviews.models import ConsentItem, Recording, Status
from tests.factories_interviews import add_recording, interview_at, sample, upload, wav_bytes
from tests.helpers import share, sign_in_recently

pytestmark = pytest.mark.django_db


def stored_files() -> list[str]:
    if not default_storage.exists("interviews"):
        return []
    return default_storage.listdir("interviews")[1]


@pytest.fixture
def conducted(cast):
    return interview_at(Status.CONDUCTED, interviewee=cast.owner)


def post_recording(client, interview, content, name="recording.m4a", content_type="audio/mp4"):
    client.force_login(interview.interviewer)
    return client.post(
        reverse("recording_upload", args=[interview.pk]),
        {"file": upload(content, name, content_type)},
    )


@pytest.mark.parametrize(
    ("name", "content_type"),
    [
        ("speech.mp3", "audio/mpeg"),
        ("speech.m4a", "audio/mp4"),
        ("speech.ogg", "audio/ogg"),
        ("speech.opus", "audio/ogg"),
        ("speech.webm", "audio/webm"),
        ("speech-streamed.webm", "audio/webm"),
        ("speech.flac", "audio/flac"),
    ],
)
def test_common_audio_formats_are_recognised_by_their_content(name, content_type):
    found = identify(io.BytesIO(sample(name)))
    assert found.format.content_type == content_type


def test_a_wav_file_is_recognised_and_its_length_measured():
    found = identify(io.BytesIO(wav_bytes(b"\x80" * 8000 * 3)))
    assert (found.format.extension, found.duration_seconds) == ("wav", 3)


def test_a_recording_with_a_misleading_name_is_still_taken_for_what_it_is(client, conducted):
    response = post_recording(client, conducted, sample("speech.mp3"), "notes.txt", "text/plain")
    assert response.status_code == 302
    recording = Recording.objects.get(interview=conducted)
    assert (recording.content_type, recording.extension) == ("audio/mpeg", "mp3")


@pytest.mark.parametrize(
    "content",
    [
        b"Dear Sir, this is a letter, not a recording.",
        b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        b"\x89PNG\r\n\x1a\n" + b"\x00" * 200,
        b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 300,
    ],
)
def test_a_file_whose_content_is_not_audio_is_refused_with_a_clear_message(
    client, conducted, content
):
    response = post_recording(client, conducted, content, "interview.mp3", "audio/mpeg")
    assert response.status_code == 200
    assert "This file is not a sound recording we can take." in response.text
    assert "what counts is what is inside it" in response.text
    assert not Recording.objects.exists()
    assert stored_files() == []


@pytest.mark.parametrize("name", ["video.mp4", "video.webm", "video.ogg"])
def test_a_video_is_refused_because_it_shows_the_person(client, conducted, name):
    response = post_recording(client, conducted, sample(name), "interview.m4a", "audio/mp4")
    assert "This file has pictures in it" in response.text
    assert not Recording.objects.exists()


def test_an_oversize_file_is_refused_and_says_the_limit(client, conducted, settings):
    settings.INTERVIEW_AUDIO_MAX_BYTES = 1000
    response = post_recording(client, conducted, sample("speech.flac"))
    assert response.status_code == 200
    assert "The largest recording the workspace takes is 1000" in response.text
    assert not Recording.objects.exists()
    assert stored_files() == []


def test_no_recording_can_be_uploaded_without_audio_consent(client, cast):
    interview = interview_at(Status.CONDUCTED, interviewee=cast.owner, audio=False)
    response = post_recording(client, interview, sample("speech.m4a"))
    assert "does not say yes to audio recording" in response.text
    assert not Recording.objects.exists()
    with pytest.raises(Exception, match="does not say yes to audio recording"):
        add_recording(interview)
    assert stored_files() == []


def test_no_recording_before_the_interview_is_conducted(cast):
    interview = interview_at(Status.CONSENT_RECORDED, interviewee=cast.owner)
    with pytest.raises(Exception, match="Mark the interview as conducted"):
        add_recording(interview)
    assert stored_files() == []


def test_the_file_is_stored_privately_under_a_name_that_says_nothing(client, conducted):
    post_recording(client, conducted, sample("speech.m4a"), "ruth-interview.m4a")
    recording = Recording.objects.get()
    name = recording.file.name
    assert name.startswith("interviews/")
    assert "ruth" not in name
    assert "." not in name.removeprefix("interviews/")
    assert len(name.removeprefix("interviews/")) >= 40
    assert default_storage.exists(name)


def test_a_failed_save_leaves_no_file_behind(conducted, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(Recording, "save", fail)
    with pytest.raises(RuntimeError):
        add_recording(conducted)
    assert stored_files() == []


def test_replacing_the_recording_deletes_the_old_file_after_commit(
    conducted, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = add_recording(conducted).file.name
    with django_capture_on_commit_callbacks(execute=True):
        second = add_recording(conducted, sample("speech.mp3")).file.name
    assert not default_storage.exists(first)
    assert default_storage.exists(second)
    assert Recording.objects.count() == 1


def test_deleting_the_interview_removes_the_file_from_storage(
    client, cast, conducted, django_capture_on_commit_callbacks
):
    name = add_recording(conducted).file.name
    sign_in_recently(client, cast.owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("interview_delete", args=[conducted.pk]))
    assert response.status_code == 302
    assert not Recording.objects.exists()
    assert not default_storage.exists(name)


def test_the_file_stays_until_the_deletion_is_committed(
    conducted, django_capture_on_commit_callbacks
):
    name = add_recording(conducted).file.name
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.interview_delete(interview=conducted, by=conducted.owner)
    assert default_storage.exists(name)
    for callback in callbacks:
        callback()
    assert not default_storage.exists(name)


def test_withdrawing_audio_consent_deletes_the_recording_and_its_shares(
    client, cast, conducted, django_capture_on_commit_callbacks
):
    recording = add_recording(conducted)
    name = recording.file.name
    share(recording, researchers=False)
    client.force_login(cast.owner)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("consent_withdraw", args=[conducted.pk, "audio"]))
    assert response.status_code == 302
    assert not Recording.objects.exists()
    assert not default_storage.exists(name)
    assert not Share.objects.current().filter(item_id=recording.pk).exists()
    conducted.refresh_from_db()
    assert conducted.status == Status.CONDUCTED  # the interview itself goes on
    with pytest.raises(Exception, match="does not say yes to audio recording"):
        add_recording(conducted)


def test_audio_withdrawal_can_be_recorded_by_the_interviewer(conducted):
    add_recording(conducted)
    services.consent_withdraw(
        interview=conducted, item=ConsentItem.AUDIO, by=conducted.interviewer, reason="By phone"
    )
    assert not Recording.objects.exists()


def audio_url(recording, **params):
    url = reverse("recording_audio", args=[recording.pk])
    return url + ("?download=1" if params.get("download") else "")


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_owner_streams_her_recording_never_cached(client, cast, conducted):
    content = wav_bytes(b"\x81" * 4000)
    recording = add_recording(conducted, content)
    client.force_login(cast.owner)
    response = client.get(audio_url(recording))
    assert response.status_code == 200
    assert body(response) == content
    assert response["Content-Type"] == "audio/wav"
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["Content-Disposition"].startswith("inline")
    assert not AccessEvent.objects.exists()  # her own listening is not "someone else"


def test_a_player_gets_the_piece_it_asks_for_and_each_piece_is_logged(client, conducted):
    content = wav_bytes(bytes(range(256)) * 20)
    recording = add_recording(conducted, content)
    client.force_login(conducted.interviewer)
    first = client.get(audio_url(recording), headers={"range": "bytes=0-99"})
    assert first.status_code == 206
    assert body(first) == content[:100]
    assert first["Content-Range"] == f"bytes 0-99/{len(content)}"
    later = client.get(audio_url(recording), headers={"range": "bytes=100-"})
    assert body(later) == content[100:]
    events = AccessEvent.objects.filter(owner=conducted.owner).order_by("at")
    end = len(content) - 1
    assert [(e.viewer, e.how, e.reference) for e in events] == [
        (conducted.interviewer, AccessEvent.How.PLAYED, "bytes 0-99"),
        (conducted.interviewer, AccessEvent.How.PLAYED, f"bytes 100-{end}"),
    ]


def test_an_impossible_range_is_answered_416(client, conducted):
    recording = add_recording(conducted)
    client.force_login(conducted.owner)
    response = client.get(audio_url(recording), headers={"range": "bytes=999999-"})
    assert response.status_code == 416


def test_a_download_by_someone_else_is_logged_as_a_download(client, cast, conducted):
    recording = add_recording(conducted)
    share(recording, researchers=False)
    client.force_login(cast.researcher)
    response = client.get(audio_url(recording, download=True))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="interview-recording.wav"' in response["Content-Disposition"]
    event = AccessEvent.objects.get()
    assert (event.viewer, event.how) == (cast.researcher, AccessEvent.How.DOWNLOADED)


def test_sharing_the_interview_does_not_share_the_recording(client, cast, conducted):
    recording = add_recording(conducted)
    share(conducted, researchers=False)
    client.force_login(cast.researcher)
    assert client.get(reverse("interview_detail", args=[conducted.pk])).status_code == 200
    assert client.get(audio_url(recording)).status_code == 404
    assert client.get(reverse("recording_detail", args=[recording.pk])).status_code == 404


def test_facilitators_and_superusers_never_reach_the_audio(client, cast, conducted):
    recording = add_recording(conducted)
    share(recording, researchers=False)
    for person in (cast.facilitator, cast.superuser, cast.gp, cast.member):
        client.force_login(person)
        assert client.get(audio_url(recording)).status_code == 404, person


def test_the_recording_page_links_the_audio_only_through_its_unguessable_address(
    client, cast, conducted
):
    recording = add_recording(conducted)
    client.force_login(cast.owner)
    page = client.get(reverse("recording_detail", args=[recording.pk])).text
    assert f"/interviews/recordings/{recording.pk}/audio/" in page
    assert recording.file.name not in page
    assert 'preload="none"' in page


def test_the_webm_reader_refuses_a_truncated_file():
    with pytest.raises(NotAudio):
        identify(io.BytesIO(sample("speech.webm")[:30]))
