"""Keep the names people showed before: notes written then still use them."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from people.models import User
from research.names.models import OtherName


def remember_earlier_display_name(
    sender: type[User], instance: User, raw: bool = False, update_fields: Any = None, **kwargs: Any
) -> None:
    """When someone changes the name they show, keep the old one among their other names, so
    the anonymiser still takes it out of notes written under it. They see it, and may remove it,
    on their "Other names" page."""
    if raw or instance._state.adding or not instance.pk:
        return
    if update_fields is not None and "display_name" not in update_fields:
        return  # last_login and the like: no query
    previous = sender.objects.filter(pk=instance.pk).values_list("display_name", flat=True).first()
    if not previous or previous.strip().lower() == instance.display_name.strip().lower():
        return
    if not OtherName.objects.filter(person_id=instance.pk, name__iexact=previous.strip()).exists():
        OtherName.objects.create(
            person_id=instance.pk, name=previous.strip(), source=OtherName.Source.EARLIER
        )


def purge_on_research_withdrawal(sender: Any, instance: Any, created: bool, **kwargs: Any) -> None:
    """An owner withdrew research use (or the item was deleted): its anonymised text and coded
    passages leave every project's analysis at once, in the same transaction, and every
    export file still on the server that holds it is deleted."""
    from consent.models import Audience
    from research.analysis.services import project_items_purge
    from research.exports.meanwhile import running_exports_wait
    from research.exports.services import export_files_withdraw_item

    if not created:
        return
    share = instance.share
    if share.audience == Audience.RESEARCH_USE:
        running_exports_wait()
        project_items_purge(item_kind=share.item_kind, item_id=share.item_id)
        export_files_withdraw_item(
            item_kind=share.item_kind, item_id=share.item_id, by=instance.withdrawn_by
        )


def recheck_on_research_choice(sender: Any, instance: Any, **kwargs: Any) -> None:
    """Someone said no to research use of passages about her (perhaps after yes): every
    project's analysis stops holding them, in the same transaction, and the export files
    still on the server that show one are deleted (a task: it reads the files)."""
    from research.exports.meanwhile import running_exports_wait
    from research.exports.recheck import analysis_recheck_for
    from research.exports.tasks import withdraw_files_showing

    if not instance.research_use:
        running_exports_wait()
        analysis_recheck_for(person_id=instance.person_id)
        person_id = str(instance.person_id)
        transaction.on_commit(lambda: withdraw_files_showing.enqueue(person_id))


def recheck_on_passage_taken_out(
    sender: Any, instance: Any, update_fields: Any = None, **kwargs: Any
) -> None:
    """Someone took a passage that names her out: every project's analysis stops holding it,
    in the same transaction, and the export files still on the server that show her in
    someone else's item are deleted. Only her answer does this: a save that leaves it as it
    was (its spacing followed, the writer took the passage away) deletes nobody's file."""
    from research.exports.meanwhile import running_exports_wait
    from research.exports.recheck import analysis_recheck_item
    from research.exports.tasks import withdraw_files_showing

    answered = update_fields is None or "state" in update_fields
    if answered and instance.hidden_from_readers:
        running_exports_wait()
        analysis_recheck_item(
            item_kind=instance.source_kind, item_id=instance.source_id, by_id=instance.owner_id
        )
        person_id = str(instance.owner_id)
        transaction.on_commit(lambda: withdraw_files_showing.enqueue(person_id))
