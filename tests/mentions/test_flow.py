"""The person named decides: every answer, its effect on every reader, on exports, on her
history and download, on editing and on account deletion."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from consent.models import AccessEvent
from meetings.minutes import services as minutes_services
from mentions import services
from mentions.models import Mention
from people.models import Role
from tests.factories import UserFactory
from tests.factories_meetings import FacilitatorFactory, MeetingFactory, in_days
from tests.helpers import share

pytestmark = pytest.mark.django_db

SENTENCE = "Ruth told the group about being shouted at by name at the front desk."
BODY = f"We talked about reception. {SENTENCE} We will write to the practice."


@pytest.fixture
def ruth():
    return UserFactory(display_name="Ruth", roles=[Role.MEMBER])


@pytest.fixture
def faye():
    return FacilitatorFactory(display_name="Faye")


@pytest.fixture
def minutes(faye, ruth, django_capture_on_commit_callbacks):
    meeting = MeetingFactory(starts_at=in_days(-2), ends_at=in_days(-2, hour=20))
    with django_capture_on_commit_callbacks(execute=True):
        return minutes_services.minutes_write(meeting=meeting, body=BODY, audience="group", by=faye)


def page_for(client, person, minutes):
    client.force_login(person)
    return client.get(reverse("minutes_detail", args=[minutes.pk])).text


def mention_of(ruth):
    return Mention.objects.get(owner=ruth)


def test_she_is_told_inside_the_workspace_and_the_email_says_only_that(minutes, ruth):
    mention = mention_of(ruth)
    assert mention.state == Mention.State.PENDING
    assert mention.sentence == SENTENCE
    notice = ruth.notices.get()
    assert "Faye" in notice.text
    assert notice.url == reverse("mentions_mine")
    email = next(m for m in mail.outbox if ruth.email in m.to)
    assert email.subject == "Your workspace: something mentions you"
    assert "shouted" not in email.body
    assert "Ruth" not in email.body


def test_until_she_answers_other_readers_see_a_member(client, minutes, ruth, faye, cast):
    reader = cast.member
    text = page_for(client, reader, minutes)
    assert "a member told the group about being shouted at" in text
    assert "Ruth told" not in text
    assert "Ruth told the group" in page_for(client, faye, minutes)
    assert "Ruth told the group" in page_for(client, ruth, minutes)


@pytest.mark.parametrize(
    ("answer", "reader_sees", "reader_does_not_see"),
    [
        (Mention.State.FINE, "Ruth told the group", "a member told"),
        (Mention.State.NAME_OUT, "a member told the group", "Ruth told"),
        (Mention.State.PASSAGE_OUT, "[A passage is not shown.]", "shouted"),
    ],
)
def test_each_answer_changes_what_every_other_reader_sees_at_once(
    client, minutes, ruth, faye, cast, answer, reader_sees, reader_does_not_see
):
    services.mention_answer(mention=mention_of(ruth), state=answer, by=ruth)
    for reader in (cast.member, cast.gp, cast.facilitator, cast.researcher):
        text = page_for(client, reader, minutes)
        assert reader_sees in text, reader
        assert reader_does_not_see not in text, reader
    assert "Ruth told the group" in page_for(client, faye, minutes)
    assert "Ruth told the group" in page_for(client, ruth, minutes)


def test_taking_the_passage_out_tells_the_writer_which_and_not_why_unless_she_says(
    minutes, ruth, faye
):
    services.mention_answer(
        mention=mention_of(ruth),
        state=Mention.State.PASSAGE_OUT,
        reason="It is not mine to share yet",
        by=ruth,
    )
    told = faye.notices.get()
    assert SENTENCE in told.text
    assert "not mine to share" not in told.text
    assert "Ruth" not in told.text.replace(SENTENCE, "")


def test_the_writer_hears_why_when_she_chooses_to_say(minutes, ruth, faye):
    services.mention_answer(
        mention=mention_of(ruth),
        state=Mention.State.PASSAGE_OUT,
        reason="It is not mine to share yet",
        reason_for_writer=True,
        by=ruth,
    )
    assert "not mine to share" in faye.notices.get().text


def test_she_can_change_her_answer_at_any_time(client, minutes, ruth, cast):
    mention = mention_of(ruth)
    services.mention_answer(mention=mention, state=Mention.State.PASSAGE_OUT, by=ruth)
    services.mention_answer(mention=mention, state=Mention.State.FINE, by=ruth)
    assert "Ruth told the group" in page_for(client, cast.member, minutes)


def test_only_she_answers(minutes, ruth, faye):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.mention_answer(mention=mention_of(ruth), state=Mention.State.FINE, by=faye)


def test_an_unchanged_passage_keeps_its_answer_and_a_changed_one_asks_again(minutes, ruth, faye):
    services.mention_answer(mention=mention_of(ruth), state=Mention.State.FINE, by=ruth)
    minutes_services.minutes_update(
        minutes=minutes, body=BODY.replace("We will write", "We shall write"), by=faye
    )
    assert mention_of(ruth).state == Mention.State.FINE
    minutes_services.minutes_update(
        minutes=minutes, body=BODY.replace("front desk", "reception desk"), by=faye
    )
    live = Mention.objects.filter(owner=ruth, gone_at__isnull=True).get()
    assert live.state == Mention.State.PENDING
    assert "reception desk" in live.sentence
    assert Mention.objects.filter(owner=ruth, gone_at__isnull=False).count() == 1


def test_a_facilitator_sees_what_waits_never_the_passage_or_a_reason(client, minutes, ruth, cast):
    client.force_login(cast.facilitator)
    page = client.get(reverse("mentions_waiting")).text
    assert "Ruth" in page
    assert "shouted" not in page
    services.mention_answer(
        mention=mention_of(ruth), state=Mention.State.PASSAGE_OUT, reason="secret why", by=ruth
    )
    page = client.get(reverse("mentions_waiting")).text
    assert "secret why" not in page
    assert "Nobody is waiting" in page


def test_each_read_of_a_passage_naming_her_is_in_who_has_seen_her_things(
    client, minutes, ruth, cast
):
    page_for(client, cast.member, minutes)
    event = AccessEvent.objects.get(owner=ruth)
    assert (event.viewer, event.item_kind) == (cast.member, "mention")
    client.force_login(ruth)
    assert cast.member.display_name in client.get(reverse("seen")).text


def test_the_writer_sees_who_is_named_before_saving(client, ruth, faye):
    meeting = MeetingFactory(starts_at=in_days(-2), ends_at=in_days(-2, hour=20))
    client.force_login(faye)
    url = reverse("minutes_create", args=[meeting.pk])
    first = client.post(url, {"body": BODY, "audience": "group"})
    assert first.status_code == 200
    assert "This names Ruth. They will be asked before anyone else reads those" in first.text
    assert not Mention.objects.exists()
    fingerprint = first.context["names_notice"].fingerprint
    second = client.post(url, {"body": BODY, "audience": "group", "names_seen": fingerprint})
    assert second.status_code == 302
    assert Mention.objects.filter(owner=ruth).exists()


def test_her_data_download_holds_each_passage_and_her_answer(minutes, ruth):
    from mentions.data_rights import collect

    services.mention_answer(mention=mention_of(ruth), state=Mention.State.NAME_OUT, by=ruth)
    section = collect(ruth)[0]
    assert section.data["passages"][0]["passage"] == SENTENCE
    assert section.data["passages"][0]["answer"] == "name_out"
    assert section.data["research_use_of_passages_about_you"][0]["research_use"] is False


def test_on_account_deletion_her_name_leaves_the_text_and_taken_out_passages_stay_out(
    client, faye, cast, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(starts_at=in_days(-2), ends_at=in_days(-2, hour=20))
    ruth = UserFactory(display_name="Ruth", roles=[Role.MEMBER])
    other = UserFactory(display_name="Zinnia", roles=[Role.MEMBER])
    minutes = minutes_services.minutes_write(
        meeting=meeting,
        body="Ruth spoke first. Zinnia spoke about housing.",
        audience="group",
        by=faye,
    )
    services.mention_answer(
        mention=Mention.objects.get(owner=other), state=Mention.State.PASSAGE_OUT, by=other
    )
    for person in (ruth, other):
        services.mentions_erase(person=person, pseudonym=f"DeletedAccount-{person.pk.hex[:6]}")
    minutes.refresh_from_db()
    assert "Ruth" not in minutes.body
    assert f"DeletedAccount-{ruth.pk.hex[:6]} spoke first." in minutes.body
    text = page_for(client, cast.member, minutes)
    assert "Zinnia" not in text
    assert "housing" not in text


def test_an_agenda_suggestion_and_a_cancellation_message_ask_too(ruth, cast):
    from meetings import services as meeting_services
    from meetings.agenda import services as agenda_services

    meeting = MeetingFactory()
    agenda_services.agenda_propose(
        meeting=meeting, title="Ruth's idea about letters", by=cast.member
    )
    meeting_services.meeting_cancel(
        meeting=meeting, message="Ruth is unwell so we stop today.", by=cast.facilitator
    )
    kinds = set(Mention.objects.filter(owner=ruth).values_list("source_kind", flat=True))
    assert kinds == {"agenda_item", "cancellation"}


def _export_text(cast, minutes):
    from tests.factories_research import made_export, make_project
    from tests.research.exports import csv_rows, zip_of

    share(minutes, group=False, research_use=True)
    export = made_export(make_project(cast.researcher), cast.researcher, kinds=("minutes",))
    archive = zip_of(export)
    texts = [row["text"] for row in csv_rows(archive)]
    return texts, archive.read("README.txt").decode()


def test_research_withholds_a_passage_about_her_unless_she_said_yes(minutes, ruth, cast):
    texts, readme = _export_text(cast, minutes)
    assert len(texts) == 1
    assert "shouted" not in texts[0]
    assert "We will write to the practice." in texts[0]
    assert "names someone who did not agree" in readme
    assert "(to research use of passages others\nwrote about her): 1" in readme


def test_research_takes_the_passage_with_her_pseudonym_once_she_said_yes(minutes, ruth, cast):
    services.research_choice_set(person=ruth, research_use=True)
    texts, _ = _export_text(cast, minutes)
    assert "told the group about being shouted at" in texts[0]
    assert "Ruth" not in texts[0]


def test_a_passage_she_took_out_never_goes_to_research(minutes, ruth, cast):
    services.research_choice_set(person=ruth, research_use=True)
    services.mention_answer(mention=mention_of(ruth), state=Mention.State.PASSAGE_OUT, by=ruth)
    texts, _ = _export_text(cast, minutes)
    assert "shouted" not in texts[0]


def test_editing_announces_only_sentences_not_asked_about_yet(client, minutes, ruth, faye):
    client.force_login(faye)
    url = reverse("minutes_change", args=[minutes.pk])
    unchanged = client.post(url, {"body": BODY + " Tea was late."})
    assert unchanged.status_code == 302
    changed = client.post(url, {"body": BODY.replace("front desk", "reception")})
    assert changed.status_code == 200
    assert "This names Ruth." in changed.text
