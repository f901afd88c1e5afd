"""The transcript: pasted or uploaded, reviewed by the interviewee, shown reviewed to others."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest
from django.urls import reverse

from consent.registry import kind_of
from interviews import services
from interviews.models import Passage, Status
from tests.factories_interviews import interview_at, upload
from tests.helpers import share, sign_in_recently

pytestmark = pytest.mark.django_db

SECRET_PASSAGE = "Participant: My brother was there that night."


@pytest.fixture
def conducted(cast):
    return interview_at(Status.CONDUCTED, interviewee=cast.owner)


def docx_bytes(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def post_transcript(client, interview, **data):
    client.force_login(interview.interviewer)
    return client.post(reverse("transcript_edit", args=[interview.pk]), data)


def passages(interview) -> list[str]:
    return list(Passage.objects.filter(interview=interview).values_list("text", flat=True))


def test_a_pasted_transcript_is_cut_into_passages_and_the_interview_is_transcribed(
    client, conducted
):
    response = post_transcript(client, conducted, text="Q: Hello?\n\nA: Hello.\n\nQ: Thanks.")
    assert response.status_code == 302
    assert passages(conducted) == ["Q: Hello?", "A: Hello.", "Q: Thanks."]
    conducted.refresh_from_db()
    assert conducted.status == Status.TRANSCRIBED
    assert conducted.transcript_saved_by == conducted.interviewer


def test_a_transcript_without_blank_lines_has_one_passage_per_line(client, conducted):
    post_transcript(client, conducted, text="Q: One\r\nA: Two\r\n")
    assert passages(conducted) == ["Q: One", "A: Two"]


def test_a_word_document_is_read_paragraph_by_paragraph(client, conducted):
    content = docx_bytes("Q: How was it?", "", "A: Better than before.")
    response = post_transcript(client, conducted, file=upload(content, "t.docx", "text/plain"))
    assert response.status_code == 302
    assert passages(conducted) == ["Q: How was it?", "A: Better than before."]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("Q: Café?\n\nA: Oui.".encode(), ["Q: Café?", "A: Oui."]),
        ("\ufeffQ: Hi".encode(), ["Q: Hi"]),
        ("Q: naïve".encode("cp1252"), ["Q: naïve"]),
    ],
)
def test_a_text_file_is_read_whatever_its_name(client, conducted, content, expected):
    post_transcript(client, conducted, file=upload(content, "transcript.docx", "application/pdf"))
    assert passages(conducted) == expected


def test_a_file_that_is_not_a_transcript_is_refused_and_the_pasted_text_is_kept(client, conducted):
    junk = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
    response = post_transcript(
        client, conducted, text="Kept words", file=upload(junk, "t.txt", "text/plain")
    )
    assert response.status_code == 200
    assert "This file could not be read as a transcript." in response.text
    assert "Kept words" in response.text
    assert not Passage.objects.exists()


def test_a_zip_that_is_not_a_word_document_is_refused(client, conducted):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")
    response = post_transcript(client, conducted, file=upload(buffer.getvalue(), "t.docx"))
    assert "This file could not be read as a transcript." in response.text


def test_an_oversize_transcript_file_is_refused(client, conducted, settings):
    settings.INTERVIEW_TRANSCRIPT_MAX_BYTES = 10
    response = post_transcript(client, conducted, file=upload(b"Q: " + b"a" * 50, "t.txt"))
    assert "The largest transcript file the workspace takes is 10" in response.text


def test_pasting_and_choosing_a_file_at_once_is_refused(client, conducted):
    response = post_transcript(client, conducted, text="A", file=upload(b"B", "t.txt"))
    assert "Paste the text or choose a file, not both." in response.text


def test_an_empty_transcript_is_refused(client, conducted):
    response = post_transcript(client, conducted, text="   \n  ")
    assert "Paste the transcript or choose a file." in response.text


def test_no_transcript_before_the_interview_is_conducted(cast):
    interview = interview_at(Status.CONSENT_RECORDED, interviewee=cast.owner)
    with pytest.raises(Exception, match="once the interview is conducted"):
        services.transcript_save(interview=interview, text="Q", by=interview.interviewer)


def review(client, interview, take_out=(), comments=None, finish=False):
    comments = comments or {}
    data = {}
    for passage in interview.passages.all():
        if passage.text in take_out:
            data[f"out_{passage.pk}"] = "on"
        data[f"comment_{passage.pk}"] = comments.get(passage.text, "")
    if finish:
        data["finish"] = "1"
    client.force_login(interview.owner)
    return client.post(reverse("transcript_review", args=[interview.pk]), data)


@pytest.fixture
def transcribed(cast):
    text = f"Interviewer: Who was there?\n\n{SECRET_PASSAGE}\n\nParticipant: The GP listened."
    return interview_at(Status.TRANSCRIBED, interviewee=cast.owner, transcript=text)


def test_the_interviewee_takes_a_passage_out_with_a_comment(client, cast, transcribed):
    response = review(
        client,
        transcribed,
        take_out=[SECRET_PASSAGE],
        comments={SECRET_PASSAGE: "It names my brother"},
        finish=True,
    )
    assert response.status_code == 302
    out = Passage.objects.get(text=SECRET_PASSAGE)
    assert out.is_taken_out
    assert (out.taken_out_by, out.comment) == (cast.owner, "It names my brother")
    transcribed.refresh_from_db()
    assert transcribed.status == Status.REVIEWED
    assert transcribed.steps.last().by == cast.owner


def test_removed_passages_never_appear_in_the_researchers_view(client, cast, transcribed):
    review(client, transcribed, take_out=[SECRET_PASSAGE], comments={SECRET_PASSAGE: "Private"})
    share(transcribed, researchers=False)
    client.force_login(cast.researcher)
    page = client.get(reverse("interview_detail", args=[transcribed.pk])).text
    # Until she says she has finished, nothing of the transcript is shown to others.
    assert "The GP listened." not in page
    assert "once the interviewee has reviewed it" in page
    review(client, transcribed, take_out=[SECRET_PASSAGE], finish=True)
    client.force_login(cast.researcher)
    page = client.get(reverse("interview_detail", args=[transcribed.pk])).text
    assert "The GP listened." in page
    assert "My brother" not in page
    assert "Private" not in page


def test_the_interviewer_still_sees_what_was_taken_out_and_why(client, transcribed):
    review(client, transcribed, take_out=[SECRET_PASSAGE], comments={SECRET_PASSAGE: "Private"})
    client.force_login(transcribed.interviewer)
    page = client.get(reverse("interview_detail", args=[transcribed.pk])).text
    assert "My brother was there that night." in page
    assert "Taken out by the interviewee" in page
    assert "Private" in page


def test_removed_passages_never_appear_in_a_later_export(cast, transcribed):
    export = kind_of(transcribed).export
    assert export is not None
    share(transcribed, research_use=True)
    # Not ready for analysis yet: nothing to export.
    assert export(transcribed).text == ""
    services.review_save(interview=transcribed, choices={}, by=cast.owner, finished=True)
    services.interview_move(interview=transcribed, to=Status.READY, by=transcribed.interviewer)
    transcribed.refresh_from_db()
    assert "My brother" in export(transcribed).text
    # She changes her mind after it was ready: the next export leaves it out.
    passage = Passage.objects.get(text=SECRET_PASSAGE)
    services.review_save(interview=transcribed, choices={passage.pk: (True, "")}, by=cast.owner)
    text = export(transcribed).text
    assert "My brother" not in text
    assert "The GP listened." in text


def test_a_passage_can_be_put_back_until_it_is_deleted(client, transcribed):
    review(client, transcribed, take_out=[SECRET_PASSAGE])
    review(client, transcribed, take_out=[])
    assert not Passage.objects.get(text=SECRET_PASSAGE).is_taken_out


def test_deleting_the_taken_out_passages_asks_for_the_password_again(client, transcribed):
    review(client, transcribed, take_out=[SECRET_PASSAGE])
    client.force_login(transcribed.owner)
    response = client.post(reverse("originals_delete", args=[transcribed.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert Passage.objects.filter(text=SECRET_PASSAGE).exists()


def test_the_interviewee_deletes_the_original_of_what_she_took_out(client, transcribed):
    review(client, transcribed, take_out=[SECRET_PASSAGE], comments={SECRET_PASSAGE: "Gone"})
    sign_in_recently(client, transcribed.owner)
    page = client.get(reverse("originals_delete", args=[transcribed.pk]))
    assert "You took 1 passage out" in page.text
    client.post(reverse("originals_delete", args=[transcribed.pk]))
    assert not Passage.objects.filter(text=SECRET_PASSAGE).exists()
    assert Passage.objects.filter(interview=transcribed).count() == 2
    transcribed.refresh_from_db()
    assert transcribed.originals_deleted_at is not None
    client.force_login(transcribed.interviewer)
    page = client.get(reverse("interview_detail", args=[transcribed.pk])).text
    assert "My brother" not in page
    assert "Gone" not in page


def test_the_transcript_can_be_replaced_until_the_review_starts(client, transcribed):
    response = post_transcript(client, transcribed, text="Q: Fixed typo")
    assert response.status_code == 302
    assert passages(transcribed) == ["Q: Fixed typo"]
    review(client, transcribed, take_out=["Q: Fixed typo"])
    response = post_transcript(client, transcribed, text="Q: Another")
    assert "would undo her choices" in response.text
    assert passages(transcribed) == ["Q: Fixed typo"]
