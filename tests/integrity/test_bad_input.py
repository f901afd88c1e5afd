"""No input, however odd, gives a server error: NUL bytes and other characters PostgreSQL
refuses get a clear message (or 404 for a token in a URL)."""

from __future__ import annotations

import json
import uuid

import pytest
from django.urls import reverse

from reflections.models import NoteDraft

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/calendar/%00.ics", "/calendar/abc%00def.ics", "/invite/%00/"])
def test_a_nul_byte_in_a_url_token_answers_404(client, path):
    assert client.get(path).status_code == 404


def test_a_nul_byte_in_a_search_answers_with_a_clear_message(client, cast):
    client.force_login(cast.member)
    response = client.post("/notes/search/", {"q": "hello\x00there"})
    assert response.status_code in (200, 400)
    assert "character" in response.text


def test_an_autosave_with_a_character_that_cannot_be_stored_is_refused_clearly(client, cast):
    client.force_login(cast.member)
    note_id = uuid.uuid4()
    response = client.post(
        reverse("note_autosave", args=[note_id]), {"title": "Before\x00after", "body": "Words"}
    )
    assert response.status_code == 400
    message = json.loads(response.content)["message"]
    assert "character" in message
    assert not NoteDraft.objects.filter(note_id=note_id).exists()


def test_a_form_with_a_nul_byte_keeps_what_was_typed_and_says_why(client, cast):
    client.force_login(cast.member)
    response = client.post(
        reverse("contact_details"), {"kind": "phone", "value": "07700\x00900111", "label": ""}
    )
    assert response.status_code == 200
    assert "07700" in response.text
    assert "character" in response.text


def test_malformed_utf8_is_read_as_replacement_characters_never_an_error(client, cast):
    client.force_login(cast.member)
    page = client.get(reverse("note_create"))
    note_id, signature = page.context["note_id"], page.context["note_id_signature"]
    response = client.post(
        reverse("note_autosave", args=[note_id]),
        data=b"title=%ED%A0%80%FF%FE&body=Kept&note_id_signature=" + signature.encode(),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert NoteDraft.objects.get(note_id=note_id).data["body"] == "Kept"
