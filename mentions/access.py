"""How mentions are read: only through the consent policy, and by the named person or the writer.

A mention is an item owned by the person it names; its writer always sees it
(`also_visible_to`). Nobody else reads a mention as such: readers of the text read the passage
as `mentions.display` lets them. Facilitators see only which mentions are waiting (who is named,
in what, since when), never an answer's reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Value

from bridging_gaps.types import AuthenticatedRequest
from consent.kinds import Kind
from consent.policy import get_item_for_user, get_managed_item, owned
from mentions.models import Mention, ResearchChoice

if TYPE_CHECKING:
    from people.models import User


def get_mention_for_user(request: AuthenticatedRequest, mention_id: Any) -> Mention:
    """To read: the person named and the writer. Everyone else: 404."""
    return get_item_for_user(
        request, Mention.objects.select_related("writer", "owner"), mention_id, how=None
    )


def get_own_mention(request: AuthenticatedRequest, mention_id: Any) -> Mention:
    """To answer: the person named only. Everyone else: 404."""
    return get_managed_item(request, Mention.objects.select_related("writer"), mention_id)


def mentions_of(person: User) -> QuerySet[Mention]:
    """Every passage naming her, live first, newest first."""
    return (
        Mention.objects.owned_by(person).select_related("writer").order_by("gone_at", "-created_at")
    )


def mentions_of_unchecked_state(person: User) -> QuerySet[Mention]:
    """Her mentions whatever her account's state (her data download, erasure)."""
    return owned(Mention.objects.all(), person)


def every_mention_unchecked() -> Iterator[Mention]:
    """Every mention, whoever it names, only to take a deleted account's name out of the
    passages they keep (mentions.leaving). Nothing read here is shown or leaves."""
    return Mention.objects.order_by("pk").iterator(chunk_size=500)


def research_passages_unchecked(refs: QuerySet[Any], viewer: User) -> QuerySet[Any]:
    """(kind, id, owner) of each live passage about someone in the items `refs` names (an
    export's, giving `item_kind` and `item_id`) that went out with them: she said yes to
    research use of passages about her, did not take it out, and nobody else named in that
    sentence kept it out. For her "Who has seen my things"; nothing read here is shown, and
    PostgreSQL writes the log rows from it."""
    said_yes = ResearchChoice.objects.filter(person=OuterRef("owner_id"), research_use=True)
    kept_out = Mention.objects.filter(
        Q(state=Mention.State.PASSAGE_OUT) | ~Exists(said_yes),
        source_kind=OuterRef("source_kind"),
        source_id=OuterRef("source_id"),
        field=OuterRef("field"),
        sentence_key=OuterRef("sentence_key"),
        gone_at__isnull=True,
    )
    in_export = refs.filter(item_kind=OuterRef("source_kind"), item_id=OuterRef("source_id"))
    return (
        Mention.objects.filter(Exists(in_export), gone_at__isnull=True)
        .exclude(owner=viewer)
        .exclude(Exists(kept_out))
        .annotate(kind=Value(str(Kind.MENTION)))
        .values_list("kind", "id", "owner_id")
    )


def said_no_since_unchecked(moment: datetime) -> set[Any]:
    """The people who, since `moment`, said no to research use of passages about them or
    took one out: an export being made then must leave them out as one made already does.
    Nothing read here is shown."""
    said_no = ResearchChoice.objects.filter(research_use=False, decided_at__gte=moment)
    took_out = Mention.objects.filter(
        state=Mention.State.PASSAGE_OUT, answered_at__gte=moment, gone_at__isnull=True
    )
    return set(said_no.values_list("person_id", flat=True)) | set(
        took_out.values_list("owner_id", flat=True)
    )


def live_twin_unchecked(mention: Mention, key: str) -> Mention | None:
    """Another live mention of the same person in the same field with the sentence `key`: two
    of her passages that become one when her name leaves them (mentions.leaving). Nothing
    read here is shown."""
    twins = Mention.objects.filter(
        owner_id=mention.owner_id,
        source_kind=mention.source_kind,
        source_id=mention.source_id,
        field=mention.field,
        sentence_key=key,
        gone_at__isnull=True,
    )
    return twins.exclude(pk=mention.pk).first()


def live_mentions_of_sources(sources: Iterable[tuple[str, Any]]) -> list[Mention]:
    """The live mentions in these texts, for showing the texts (mentions.display decides what
    each reader sees of each passage) and for keeping them in step when a text changes.
    Nothing here is shown as such."""
    condition = Q(pk__in=[])
    by_kind: dict[str, set[Any]] = {}
    for kind, source_id in sources:
        by_kind.setdefault(kind, set()).add(source_id)
    for kind, ids in by_kind.items():
        condition |= Q(source_kind=kind, source_id__in=ids)
    return list(Mention.objects.filter(condition, gone_at__isnull=True).order_by("created_at"))


def waiting() -> QuerySet[Mention]:
    """For facilitators: mentions nobody has answered yet. Callers show who is named, in
    what kind of text and since when; never the passage or a reason."""
    return (
        Mention.objects.filter(state=Mention.State.PENDING, gone_at__isnull=True)
        .select_related("owner", "writer")
        .order_by("created_at")
    )


def research_choice(person: User) -> ResearchChoice | None:
    return ResearchChoice.objects.filter(person=person).first()


def agreed_to_research(person_ids: Iterable[Any]) -> set[Any]:
    """Of these people, those who said yes to research use of passages about them."""
    return set(
        ResearchChoice.objects.filter(person__in=list(person_ids), research_use=True).values_list(
            "person_id", flat=True
        )
    )
