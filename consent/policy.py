"""The one visibility policy. Every view, list, feed, export and admin screen asks here.

A person sees an item when:
  - they own it (or the item's kind names them, e.g. an interview's interviewer), or
  - a current share covers one of their audiences,
and they are an active account. People whose role needs two-step sign-in see
nothing shared with them until they have set it up. Staff status, superuser
status and facilitation give nothing extra.

Anything a person may not see answers exactly like something that does not
exist: 404. Research exports select items by their research-use grant
(`research_use_granted`), a separate grant that never shows anything in the
workspace. Deliberate bypasses elsewhere are named `..._unchecked`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    Model,
    OuterRef,
    Q,
    QuerySet,
    prefetch_related_objects,
)
from django.http import Http404

from bridging_gaps.types import AuthenticatedRequest
from consent.mfa import mfa_satisfied
from consent.models import AccessEvent, Audience, CurrentShare, Share
from consent.registry import ItemKind, kind_for_model, kind_of
from consent.roles import Role

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from django.contrib.auth.models import AnonymousUser

    from consent.items import ItemId, ShareableItem
    from people.models import User

M = TypeVar("M", bound=Model)

ROLE_AUDIENCE = {
    Role.MEMBER: Audience.MEMBERS,
    Role.GP: Audience.GPS,
    Role.RESEARCHER: Audience.RESEARCHERS,
    Role.SUPPORT_WORKER: Audience.SUPPORT_WORKERS,
}

# What an anonymous share shows instead of the owner's name.
ANONYMOUS_LABEL = {
    Role.MEMBER: "a member",
    Role.GP: "a GP",
    Role.RESEARCHER: "a researcher",
    Role.SUPPORT_WORKER: "a support worker",
}


def is_active_account(user: User | AnonymousUser | None) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def audiences_for(user: User | AnonymousUser) -> frozenset[str]:
    """The audiences whose shares this person sees. Empty for anyone inactive,
    anonymous, or still without the two-step sign-in their role needs."""
    if not user.is_authenticated or not user.is_active or not mfa_satisfied(user):
        return frozenset()
    audiences = {ROLE_AUDIENCE[Role(role)] for role in user.roles if role in ROLE_AUDIENCE}
    if user.is_facilitator and user.roles:
        audiences.add(Audience.FACILITATORS)
    if user.roles:
        # "The whole group" is everyone holding a role in it.
        audiences.add(Audience.GROUP)
    return frozenset(audiences)


def _covering_shares(kind: ItemKind, audiences: frozenset[str]) -> QuerySet[CurrentShare]:
    return CurrentShare.objects.filter(
        item_kind=kind.key, item_id=OuterRef("pk"), audience__in=audiences
    )


def _own_or_named(kind: ItemKind, user: User | AnonymousUser) -> Q:
    condition = Q(owner=user)
    if kind.also_visible_to is not None:
        condition |= kind.also_visible_to(user)
    return condition


def visible[M: Model](queryset: QuerySet[M], user: User | AnonymousUser) -> QuerySet[M]:
    """The items of `queryset` this person may see, each annotated with
    `viewer_sees_name`: whether to show the owner's name or only their role."""
    if not is_active_account(user):
        return queryset.none()
    kind = kind_for_model(queryset.model)
    audiences = audiences_for(user)
    direct = _own_or_named(kind, user)
    if not audiences:
        return _with_names(queryset.filter(direct), kind, audiences, direct)
    # "Mine" and "shared with my audiences" as one set of ids, each half read from an index
    # (never `owner = me OR EXISTS(...)`, which PostgreSQL answers by reading every item).
    mine = kind.model._default_manager.filter(direct).values("pk")
    shared = CurrentShare.objects.filter(item_kind=kind.key, audience__in=audiences).values(
        "item_id"
    )
    return _with_names(queryset.filter(pk__in=mine.union(shared)), kind, audiences, direct)


def _with_names[M: Model](
    queryset: QuerySet[M], kind: ItemKind, audiences: frozenset[str], direct: Q
) -> QuerySet[M]:
    """Each item annotated with `viewer_sees_name`: whether to show the owner's name or only
    their role (shared anonymously with every audience of hers that it is shared with)."""
    if not audiences:
        seen = ExpressionWrapper(Q(pk__isnull=False), output_field=BooleanField())
    else:
        covering = _covering_shares(kind, audiences)
        seen = ExpressionWrapper(
            direct | Q(Exists(covering.filter(anonymous=False))), output_field=BooleanField()
        )
    return queryset.annotate(viewer_sees_name=seen)  # type: ignore[return-value]


def newest_shared_with[M: Model](
    queryset: QuerySet[M], user: User | AnonymousUser, *, reach: int
) -> QuerySet[M]:
    """`visible(queryset, user)`, narrowed to the items that can be among the `reach` newest
    (by creation time) that others let this person see. Ordered newest first
    (`-created_at, -pk`) and sliced within `reach`, it gives exactly what `visible` would, but
    PostgreSQL reads only a page of current shares backwards by the item's date from their
    index, never every item shared with a whole audience, to sort them."""
    if not is_active_account(user):
        return queryset.none()
    kind = kind_for_model(queryset.model)
    audiences = audiences_for(user)
    # An item shared with several of her audiences is a row for each: read enough rows for
    # `reach` different items.
    candidates = (
        CurrentShare.objects.filter(item_kind=kind.key, audience__in=audiences)
        .exclude(owner_id=user.pk)
        .order_by("-item_created_at", "-item_id")
        .values("item_id")[: reach * max(1, len(audiences))]
    )
    if kind.also_visible_to is not None:
        # Seen another way (an interview by its interviewer): the newest of those too.
        named = (
            kind.model._default_manager.filter(kind.also_visible_to(user))
            .exclude(owner_id=user.pk)
            .order_by("-created_at", "-pk")
            .values("pk")[:reach]
        )
        candidates = candidates.union(named)
    # The candidates are what the rule lets her see (her audiences' current shares, and the
    # other ways of seeing this kind), so only they are read: not the rule's whole set again.
    direct = _own_or_named(kind, user)
    return _with_names(queryset.filter(pk__in=candidates), kind, audiences, direct)


def managed[M: Model](queryset: QuerySet[M], user: User | AnonymousUser) -> QuerySet[M]:
    """The items whose shares this person may change: their own."""
    if not is_active_account(user):
        return queryset.none()
    kind = kind_for_model(queryset.model)
    condition = Q(owner=user)
    if kind.also_managed_by is not None:
        condition |= kind.also_managed_by(user)
    return queryset.filter(condition)


def owned[M: Model](queryset: QuerySet[M], person: User) -> QuerySet[M]:
    """The items a person owns, whether or not her account is active now: for her own data
    download, leaving and the erasure of her account, which act on her own things also
    once her account is closed. Never to show anything to anyone else."""
    return queryset.filter(owner=person)


def lock_item[M: Model](item: M) -> M:
    """The item read again with its row locked (SELECT ... FOR UPDATE), for a service that
    changes an item its caller fetched through the policy: two tabs saving at once must not
    interleave. It reads nothing the caller could not already see."""
    return type(item)._default_manager.select_for_update(of=("self",)).get(pk=item.pk)


def item_rows[M: Model](item: M) -> QuerySet[M]:
    """The queryset of this one item, fetched through the policy by the caller, for an
    update on its row (a search index refreshed, a field changed in place)."""
    return type(item)._default_manager.filter(pk=item.pk)


def can_view(user: User | AnonymousUser, item: Model) -> bool:
    """The object check: the same rule as `visible`, for one item."""
    return visible(type(item)._default_manager.filter(pk=item.pk), user).exists()


def can_manage(user: User | AnonymousUser, item: ShareableItem) -> bool:
    """`managed`, for an item in hand: its owner and a kind no one else manages need no query
    (every item page asks this, for its share panel)."""
    if not is_active_account(user):
        return False
    if item.owner_id == user.pk:
        return True
    if kind_of(item).also_managed_by is None:
        return False
    return managed(type(item)._default_manager.filter(pk=item.pk), user).exists()


def author_label(item: ShareableItem, viewer: User) -> str:
    """The owner as this viewer may see them: "you", their name, or their role."""
    if is_active_account(viewer) and item.owner_id == viewer.pk:
        return "you"
    if getattr(item, "viewer_sees_name", False):
        return str(item.owner.display_name)
    return anonymous_label(item.owner)


def anonymous_label(owner: User) -> str:
    for role in Role:
        if role in owner.roles:
            return ANONYMOUS_LABEL[role]
    return "someone in the group"


def record_access(
    *, viewer: User, items: Sequence[ShareableItem], how: str, reference: str = ""
) -> None:
    """Write to the access log every item of someone else's this person saw."""
    events = [
        AccessEvent(
            item_kind=kind_of(item).key,
            item_id=item.pk,
            owner_id=item.owner_id,
            viewer=viewer,
            how=how,
            reference=reference,
        )
        for item in items
        if item.owner_id != viewer.pk
    ]
    if events:
        AccessEvent.objects.bulk_create(events)


def record_access_by_ref(
    *, viewer: User, refs: Iterable[tuple[str, Any]], how: str, reference: str = ""
) -> None:
    """The access log for items known only by kind and id (an anonymised copy in a research
    project, an export file): their owners come from the ledger, so no item is read."""
    wanted: dict[str, set[Any]] = {}
    for key, item_id in refs:
        wanted.setdefault(key, set()).add(item_id)
    if not wanted:
        return
    condition = Q()
    for key, ids in wanted.items():
        condition |= Q(item_kind=key, item_id__in=ids)
    owners = (
        Share.objects.filter(condition)
        .exclude(owner=viewer)
        .values_list("item_kind", "item_id", "owner_id")
        .distinct()
    )
    AccessEvent.objects.bulk_create(
        AccessEvent(
            item_kind=key,
            item_id=item_id,
            owner_id=owner_id,
            viewer=viewer,
            how=how,
            reference=reference,
        )
        for key, item_id, owner_id in owners
    )


def record_access_for_each(
    *, viewer: User, refs: QuerySet[Any], how: str, reference: str = ""
) -> int:
    """`record_access_by_ref` for as many items as `refs` (a query giving `item_kind` and
    `item_id`: an export's items) names, in one statement: PostgreSQL joins them to the ledger
    for their owners and writes the rows, so nothing comes back through Python however many
    there are. Returns the number of rows written."""
    owners = (
        Share.objects.filter(
            Exists(refs.filter(item_kind=OuterRef("item_kind"), item_id=OuterRef("item_id")))
        )
        .exclude(owner=viewer)
        .values_list("item_kind", "item_id", "owner_id")
        .distinct()
    )
    return record_access_rows(rows=owners, viewer=viewer, how=how, reference=reference)


def record_access_rows(*, rows: QuerySet[Any], viewer: User, how: str, reference: str = "") -> int:
    """One access-log row for each (item kind, item id, owner id) that `rows` gives, written by
    PostgreSQL in one statement. Returns the number of rows written."""
    select, params = rows.query.sql_with_params()
    table = AccessEvent._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO "{table}" '  # noqa: S608 - the table's name and Django's own query
            "(id, item_kind, item_id, owner_id, viewer_id, how, at, reference) "
            "SELECT gen_random_uuid(), found.item_kind, found.item_id, found.owner_id, "
            "%s, %s, now(), %s "
            f"FROM ({select}) AS found (item_kind, item_id, owner_id)",
            [viewer.pk, how, reference, *params],
        )
        return int(cursor.rowcount)


def get_item_for_user[M: ShareableItem](
    request: AuthenticatedRequest,
    queryset: QuerySet[M],
    item_id: ItemId,
    *,
    how: str | None = AccessEvent.How.VIEWED,
) -> M:
    """Fetch one item through the policy, or 404; log the read if it is someone else's.
    `how=None` leaves the log to the caller, which then must write it (a page that may keep
    the text hidden, a file streamed in pieces)."""
    item = _one_visible(queryset, request.user, item_id)
    if item is None:
        raise Http404("No such item.")
    if how is not None:
        record_access(viewer=request.user, items=[item], how=how)
    return item


def _one_visible[M: ShareableItem](
    queryset: QuerySet[M], user: User | AnonymousUser, item_id: ItemId
) -> M | None:
    """`visible(queryset, user).filter(pk=item_id).first()`, for an item page: the item read by
    its id alone and the rule decided for the item in hand (hers, or a current share of it
    with one of her audiences), instead of putting together the list rule's query for one row
    (half of an item page's time). What it relates to is read only once it may be seen. A kind
    also seen another way (an interview, by its interviewer) is asked of the list rule."""
    if not is_active_account(user):
        return None
    kind = kind_for_model(queryset.model)
    if kind.also_visible_to is not None:
        return visible(queryset, user).filter(pk=item_id).first()
    # Django keeps a queryset's prefetches here and has no public way to read them back.
    related = queryset._prefetch_related_lookups  # type: ignore[attr-defined]
    item = queryset.prefetch_related(None).filter(pk=item_id).first()
    if item is not None and item.owner_id == user.pk:
        sees_name = True
    else:
        # Asked also when there is no such item: one she may not see then takes the same
        # queries, so the same time, as one that does not exist.
        audiences = audiences_for(user)
        covering = CurrentShare.objects.filter(
            item_kind=kind.key, item_id=item_id, audience__in=audiences
        ).values_list("anonymous", flat=True)
        anonymous = list(covering) if audiences else []
        if item is None or not anonymous:
            return None
        sees_name = not all(anonymous)
    item.viewer_sees_name = sees_name  # type: ignore[attr-defined]  # as `visible` annotates
    prefetch_related_objects([item], *related)
    return item


def get_managed_item[M: ShareableItem](
    request: AuthenticatedRequest, queryset: QuerySet[M], item_id: ItemId
) -> M:
    """Fetch an item the person may change the sharing of, or 404."""
    item = managed(queryset, request.user).filter(pk=item_id).first()
    if item is None:
        raise Http404("No such item.")
    return item


def research_use_granted_of_kind(kind: ItemKind, *, as_of: datetime | None = None) -> QuerySet[Any]:
    """`research_use_granted` for every item of a kind, with what the kind's `export` reads
    fetched alongside (`extra={"export_related": (...)}` joined in the same query,
    `"export_prefetch": (...)}` in one more each: an interview's passages), so that reading
    many items costs a fixed number of queries."""
    queryset: QuerySet[Any] = kind.model._default_manager.all()
    related = tuple(kind.extra.get("export_related", ()))
    if related:
        queryset = queryset.select_related(*related)
    prefetch = tuple(kind.extra.get("export_prefetch", ()))
    if prefetch:
        queryset = queryset.prefetch_related(*prefetch)
    return research_use_granted(queryset, as_of=as_of)


def research_use_granted[M: Model](
    queryset: QuerySet[M], *, as_of: datetime | None = None
) -> QuerySet[M]:
    """Items whose owner allows them, anonymised, in research exports (now, or at
    `as_of`). This is a grant of its own: it never lets anyone read the item in
    the workspace, and only the research export asks for it."""
    kind = kind_for_model(queryset.model)
    if not kind.allow_research_use:
        return queryset.none()
    shares = Share.objects.current() if as_of is None else Share.objects.as_of(as_of)
    granted = shares.filter(
        item_kind=kind.key, item_id=OuterRef("pk"), audience=Audience.RESEARCH_USE
    )
    return queryset.filter(Exists(granted))
