from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.db.models import Case, Count, F, Max, Value, When
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import resolve
from django.views.decorators.http import require_POST

from bridging_gaps.paging import page_of
from bridging_gaps.reauthentication import reauthentication_required
from bridging_gaps.types import AuthenticatedRequest
from consent import services
from consent.describe import describe, describe_shares, people_reached
from consent.forms import ShareForm
from consent.history import history_page
from consent.models import AccessEvent, Audience, Share
from consent.policy import get_managed_item, newest_shared_with, record_access
from consent.registry import ItemKind, all_kinds, get_kind
from consent.titles import DELETED, kind_label, titles_by_ref, titles_of

if TYPE_CHECKING:
    from consent.items import ShareableItem

EXPORTS_NOTE = (
    "Research exports made before now may include it. "
    "Researchers are told which items were withdrawn, and asked to delete them from their copies."
)


def _kind_or_404(kind_key: str) -> ItemKind:
    try:
        return get_kind(kind_key)
    except KeyError:
        raise Http404("No such kind of item.") from None


def _back_to(kind: ItemKind, item: ShareableItem) -> str:
    return kind.url_for(item) or "dashboard"


def _widens_sharing(request: HttpRequest) -> bool:
    """Re-authentication guards sharing more widely; taking sharing back never waits."""
    if request.method != "POST" or "confirm" not in request.POST:
        return False
    # Resolve the path ourselves: a request resumed after re-authentication
    # carries no resolver_match of its own.
    match = resolve(request.path_info)
    kind = _kind_or_404(match.kwargs["kind_key"])
    # Asked only of signed-in people (every view here needs sign-in): an AuthenticatedRequest.
    signed_in = cast(AuthenticatedRequest, request)
    item = get_managed_item(signed_in, kind.model._default_manager.all(), match.kwargs["item_id"])
    form = ShareForm(request.POST, kind=kind, item=item)
    if not form.is_valid():
        return False
    current = {s.audience: s.anonymous for s in Share.objects.current().for_item(item)}
    wanted = dict(form.wanted())
    if form.research_use():
        wanted[Audience.RESEARCH_USE] = True
    return any(current.get(audience) != anonymous for audience, anonymous in wanted.items())


@reauthentication_required(enabled=_widens_sharing)
def share(request: AuthenticatedRequest, kind_key: str, item_id: Any) -> HttpResponse:
    """Change who can see an item. First a preview in plain words, then saving."""
    kind = _kind_or_404(kind_key)
    item: ShareableItem = get_managed_item(request, kind.model._default_manager.all(), item_id)
    shares = list(Share.objects.current().for_item(item))
    if request.method != "POST":
        form = ShareForm(kind=kind, item=item, initial=ShareForm.initial_from(shares))
        return render(
            request,
            "consent/share.html",
            {
                "form": form,
                "item": item,
                "kind": kind,
                "now": describe_shares(shares, owner=item.owner),
            },
        )
    form = ShareForm(request.POST, kind=kind, item=item)
    if not form.is_valid() or "change" in request.POST:
        return render(
            request,
            "consent/share.html",
            {
                "form": form,
                "item": item,
                "kind": kind,
                "now": describe_shares(shares, owner=item.owner),
            },
        )
    wanted = form.wanted()
    research_use = form.research_use()
    if "confirm" not in request.POST:
        return render(
            request,
            "consent/share_preview.html",
            {
                "form": form,
                "item": item,
                "kind": kind,
                "preview": describe(
                    wanted, owner=item.owner, research_use=bool(research_use), future=True
                ),
                "reach": people_reached(wanted, owner=item.owner),
            },
        )
    change = services.shares_set(
        item=item, wanted=wanted, research_use=research_use, by=request.user
    )
    sentences = describe(wanted, owner=item.owner, research_use=bool(research_use))
    if change.withdrawn and any(s.audience == Audience.RESEARCH_USE for s in change.withdrawn):
        sentences.append(EXPORTS_NOTE)
    messages.success(request, "Saved. " + " ".join(sentences))
    return redirect(_back_to(kind, item))


@require_POST
def stop_sharing(request: AuthenticatedRequest, kind_key: str, item_id: Any) -> HttpResponse:
    kind = _kind_or_404(kind_key)
    item: ShareableItem = get_managed_item(request, kind.model._default_manager.all(), item_id)
    change = services.shares_withdraw_all(item=item, by=request.user)
    text = "Only you can see this now."
    if any(s.audience == Audience.RESEARCH_USE for s in change.withdrawn):
        text += " " + EXPORTS_NOTE
    messages.success(request, text)
    return redirect(_back_to(kind, item))


def seen(request: AuthenticatedRequest) -> HttpResponse:
    """Who has seen my things: every read and export by someone else, grouped."""
    rows = (
        AccessEvent.objects.filter(owner=request.user)
        # Each research export is its own line (its reference), so the owner sees which
        # exports included the item; the pieces of a recording a player fetched are one.
        .annotate(
            group=Case(
                When(how=AccessEvent.How.PLAYED, then=Value("")),
                When(how=AccessEvent.How.DOWNLOADED, reference__startswith="bytes", then=Value("")),
                default=F("reference"),
            )
        )
        .values("item_kind", "item_id", "viewer__display_name", "how", "group")
        .annotate(last=Max("at"), times=Count("id"))
        .order_by("-last")
    )
    page = page_of(rows, request.GET.get("page"), 50)
    titles = titles_by_ref(
        [(row["item_kind"], row["item_id"]) for row in page.object_list], request.user
    )
    entries = [
        {
            **row,
            "kind_label": kind_label(row["item_kind"]),
            "title": titles.get((row["item_kind"], row["item_id"]), (DELETED, None))[0],
            "url": titles.get((row["item_kind"], row["item_id"]), ("", None))[1],
            "how_label": AccessEvent.How(row["how"]).label,
        }
        for row in page.object_list
    ]
    return render(request, "consent/seen.html", {"entries": entries, "page": page})


def history(request: AuthenticatedRequest) -> HttpResponse:
    """Every grant and withdrawal on my items, newest first, a page at a time."""
    page = history_page(request.user, request.GET.get("page"))
    return render(request, "consent/history.html", {"page": page})


SHARED_LATEST = 10  # of each kind, on the page of every kind
SHARED_PAGE = 20  # on the page of one kind


def shared_with_me(request: AuthenticatedRequest) -> HttpResponse:
    """What others shared with me: the latest of each kind, each kind in one query; or one kind
    a page at a time (`?kind=note&page=2`). Nothing counts the whole archive: a page reads one
    row more than it shows, to know whether there is a next."""
    chosen = request.GET.get("kind", "")
    kinds = [kind for kind in all_kinds() if kind.in_shared_with_me]
    one = next((kind for kind in kinds if kind.key == chosen), None)
    try:
        page = max(1, int(request.GET.get("page", "1"))) if one else 1
    except ValueError:
        page = 1
    size = SHARED_PAGE if one else SHARED_LATEST
    sections = []
    for kind in [one] if one else kinds:
        start = (page - 1) * size
        rows = list(
            newest_shared_with(
                kind.model._default_manager.all(), request.user, reach=start + size + 1
            )
            .exclude(owner=request.user)
            .select_related("owner")
            .order_by("-created_at", "-pk")[start : start + size + 1]
        )
        items, more = rows[:size], len(rows) > size
        record_access(viewer=request.user, items=items, how=AccessEvent.How.LISTED)
        titles = titles_of(items, request.user)
        sections.append(
            {
                "kind": kind,
                "entries": [{"item": item, "title": titles[item.pk]} for item in items],
                "more": more,
            }
        )
    return render(
        request,
        "consent/shared_with_me.html",
        {"sections": sections, "one": one, "page": page},
    )
