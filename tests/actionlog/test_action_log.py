"""The action log: every change a service makes is recorded with who did it, and never with
what anyone wrote."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.db import DatabaseError, transaction
from django.urls import reverse

from actionlog.models import LoggedAction
from actionlog.services import NotLoggable, log_action
from meetings import services as meetings_services
from meetings.agenda import services as agenda_services
from people import services as people_services
from research.analysis import services as analysis_services
from research.exports import services as export_services
from research.names import services as names_services
from tests.factories import InvitationFactory, UserFactory
from tests.factories_meetings import AgendaItemFactory, MeetingFactory
from tests.factories_research import SensitiveTermFactory, draft_export, make_project

ROOT = Path(__file__).resolve().parent.parent.parent
# Shares are recorded in consent's own ledger (consent/models.py), not twice.
LEDGER_SERVICES = {
    "shares_set",
    "share_grant",
    "shares_withdraw_all",
    "shares_withdraw_unchecked",
    "shares_withdraw_audience_unchecked",
    "log_action",
}


def logged(action: str) -> LoggedAction:
    return LoggedAction.objects.get(action=action)


def test_an_agenda_item_moved_is_recorded_with_who_moved_it(cast):
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, position=0, status="accepted")
    second = AgendaItemFactory(meeting=meeting, position=1, status="accepted")
    agenda_services.agenda_move(item=second, up=True, by=cast.facilitator)
    row = logged("meetings.agenda_item.moved")
    assert row.by == cast.facilitator
    assert (row.object_type, row.object_id) == ("meetings.agendaitem", str(second.pk))
    assert row.data == {"up": True}


def test_a_revoked_invitation_is_recorded(cast):
    invitation = InvitationFactory(invited_by=cast.facilitator)
    people_services.invitation_revoke(invitation=invitation, by=cast.facilitator)
    assert logged("people.invitation.revoked").by == cast.facilitator


def test_every_change_to_a_project_names_the_researcher_who_made_it(cast):
    other = UserFactory(roles=["researcher"])
    project = make_project(cast.researcher)
    analysis_services.project_update(project=project, name="Renamed", description="", by=other)
    analysis_services.project_researcher_add(project=project, person=other, by=cast.researcher)
    theme = analysis_services.theme_add(
        project=project, name="Waiting rooms", description="", parent=None, by=cast.researcher
    )
    analysis_services.theme_update(
        theme=theme, name="Waiting", description="", parent=None, by=other
    )
    analysis_services.theme_remove(theme=theme, by=other)
    analysis_services.project_researcher_remove(project=project, person=other, by=cast.researcher)
    actions = list(LoggedAction.objects.order_by("at").values_list("action", "by"))
    assert actions == [
        ("research.project.created", cast.researcher.pk),
        ("research.project.changed", other.pk),
        ("research.project.researcher_added", cast.researcher.pk),
        ("research.theme.added", cast.researcher.pk),
        ("research.theme.changed", other.pk),
        ("research.theme.removed", other.pk),
        ("research.project.researcher_removed", cast.researcher.pk),
    ]
    assert logged("research.project.researcher_added").person == other


def test_redactions_are_recorded_without_the_words_taken_out(cast):
    project = make_project(cast.researcher)
    export = draft_export(project, cast.researcher)
    export_id = str(export.pk)
    export_services.redaction_add(export=export, words="Ruth Sample", by=cast.researcher)
    export_services.redaction_remove(export=export, words="Ruth Sample", by=cast.researcher)
    export_services.export_discard(export=export, by=cast.researcher)
    rows = LoggedAction.objects.filter(action__startswith="research.export.redaction")
    assert rows.count() == 2
    assert all("Ruth" not in str(row.data) for row in rows)
    assert logged("research.export.discarded").object_id == export_id


def test_removing_a_sensitive_term_is_recorded(cast):
    term = SensitiveTermFactory()
    names_services.sensitive_term_remove(sensitive_term=term, by=cast.facilitator)
    assert logged("research.sensitive_term.removed").by == cast.facilitator


def test_the_log_refuses_anything_that_could_be_someones_words(cast):
    meeting = MeetingFactory()
    with pytest.raises(NotLoggable):
        log_action(
            by=cast.owner,
            action="meetings.meeting.changed",
            obj=meeting,
            data={"note": "I was shouted at by name"},
        )
    with pytest.raises(ValueError, match="An action is"):
        log_action(by=cast.owner, action="changed the meeting", obj=meeting)
    assert not LoggedAction.objects.exists()


def test_an_answer_is_logged_but_not_the_needs_she_typed(cast):
    meeting = MeetingFactory()
    meetings_services.rsvp_set(
        meeting=meeting,
        person=cast.owner,
        answer="going",
        travel_costs=True,
        childcare=False,
        dietary="No nuts, I carry an EpiPen",
        access="",
    )
    row = logged("meetings.rsvp.answered")
    assert row.by == cast.owner
    assert row.data == {"answer": "going"}


@pytest.mark.django_db(transaction=True)
def test_the_log_is_appended_only():
    person = UserFactory()
    row = log_action(by=person, action="people.person.activated", obj=person, person=person)
    with pytest.raises(DatabaseError), transaction.atomic():
        LoggedAction.objects.filter(pk=row.pk).update(action="people.person.deactivated")
    with pytest.raises(DatabaseError), transaction.atomic():
        LoggedAction.objects.filter(pk=row.pk).delete()
    assert LoggedAction.objects.get(pk=row.pk).action == "people.person.activated"


def test_a_facilitator_sees_a_persons_membership_history_on_her_manage_page(client, cast):
    people_services.person_set_active(person=cast.member, active=False, by=cast.facilitator)
    people_services.person_set_active(person=cast.member, active=True, by=cast.facilitator)
    client.force_login(cast.facilitator)
    page = client.get(reverse("person_manage", args=[cast.member.pk])).text
    assert "Can no longer sign in" in page
    assert "Can sign in again" in page
    assert "by you" in page


def test_her_download_lists_what_she_did_and_what_others_did_about_her(cast):
    from datarights.hooks import hook_modules

    meetings_services.rsvp_set(
        meeting=MeetingFactory(),
        person=cast.owner,
        answer="going",
        travel_costs=False,
        childcare=False,
        dietary="",
        access="",
    )
    people_services.person_set_active(person=cast.owner, active=False, by=cast.facilitator)
    module = next(m for m in hook_modules() if m.__name__ == "actionlog.data_rights")
    (section,) = module.collect(cast.owner)
    headings = [
        (entry.heading, {f.label: f.text for f in entry.facts}["By"]) for entry in section.entries
    ]
    assert headings == [
        ("Said whether you are coming to a meeting", "you"),
        ("Can no longer sign in", "Fen Facilitator"),
    ]
    assert [row["by_you"] for row in section.data] == [True, False]


def _service_functions():
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] in {".venv", "tests"} or "migrations" in parts:
            continue
        tree = ast.parse(path.read_text())
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef) or node.name.startswith("_"):
                continue
            if "by" in [arg.arg for arg in node.args.kwonlyargs]:
                yield path.relative_to(ROOT), node


def _records_or_delegates(node: ast.FunctionDef) -> bool:
    """It calls log_action, or hands `by` on to another service that does."""
    for call in ast.walk(node):
        if not isinstance(call, ast.Call):
            continue
        if getattr(call.func, "id", None) == "log_action":
            return True
        if any(kw.arg == "by" and getattr(kw.value, "id", "") == "by" for kw in call.keywords):
            return True
    return False


def test_every_service_that_takes_by_records_it_in_the_action_log():
    found = [
        f"{path}: {node.name}"
        for path, node in _service_functions()
        if node.name not in LEDGER_SERVICES and not _records_or_delegates(node)
    ]
    assert found == []
    assert len(list(_service_functions())) > 60
