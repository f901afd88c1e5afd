from __future__ import annotations

from typing import Any

from allauth.account.adapter import get_adapter
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from actionlog.words import describe, membership_history, who
from bridging_gaps.idempotency import idempotent
from bridging_gaps.paging import page_of
from bridging_gaps.types import AuthenticatedRequest
from consent.models import AccessEvent
from consent.policy import record_access
from people import services
from people.access import facilitator_required, group_member_required
from people.adapters import SESSION_KEY
from people.forms import InvitationForm, PreferencesForm, RolesForm
from people.models import ContactDetail, Invitation, Notice, RoleChange, User

# A group is a few dozen people; an old workspace keeps everyone who ever joined.
PEOPLE_PER_PAGE = 50


@login_not_required
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    invitation = Invitation.from_token(token)
    if invitation is None:
        return render(request, "people/invitation_invalid.html", {"reason": "invalid"}, status=404)
    if not invitation.is_usable:
        reason = "used" if invitation.accepted_at else "expired"
        return render(request, "people/invitation_invalid.html", {"reason": reason}, status=410)
    if request.user.is_authenticated:
        logout(request)
    request.session[SESSION_KEY] = str(invitation.id)
    # The link came to this address, so the address needs no second check.
    get_adapter(request).stash_verified_email(request, invitation.email)
    return redirect("account_signup")


@group_member_required
def people_list(request: AuthenticatedRequest) -> HttpResponse:
    """The group. Each person's contact details appear only where they chose to show them."""
    everyone = (
        User.objects.filter(is_active=True)
        .exclude(roles=[])
        .order_by("display_name", "pk")
        .prefetch_related(
            Prefetch(
                "contact_details",
                queryset=ContactDetail.objects.visible_to(request.user),
                to_attr="visible_contact_details",
            )
        )
    )
    page = page_of(everyone, request.GET.get("page"), PEOPLE_PER_PAGE)
    people: list[Any] = list(page.object_list)
    # Contact details are items: showing someone else's is a read the owner can see.
    record_access(
        viewer=request.user,
        items=[detail for person in people for detail in person.visible_contact_details],
        how=AccessEvent.How.LISTED,
    )
    return render(request, "people/people_list.html", {"people": people, "page": page})


@group_member_required
def role_changes(request: AuthenticatedRequest) -> HttpResponse:
    """Every change to anyone's roles, who made it and when: a wider view is never hidden."""
    changes = RoleChange.objects.select_related("person", "changed_by").order_by("-changed_at")
    page = page_of(changes, request.GET.get("page"), 50)
    return render(request, "people/role_changes.html", {"page": page})


def notices(request: AuthenticatedRequest) -> HttpResponse:
    """Things the workspace has told me. Opening the page marks them read."""
    if request.method == "POST":
        services.notices_mark_read(person=request.user)
        return redirect("notices")
    page = page_of(Notice.objects.filter(person=request.user), request.GET.get("page"), 50)
    return render(request, "people/notices.html", {"page": page})


@facilitator_required
@idempotent
def invitations(request: AuthenticatedRequest) -> HttpResponse:
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        invitation = services.invitation_create(
            email=form.cleaned_data["email"],
            display_name=form.cleaned_data["display_name"],
            roles=form.cleaned_data["roles"],
            is_facilitator=form.cleaned_data["is_facilitator"],
            by=request.user,
            base_url=request.build_absolute_uri("/"),
        )
        messages.success(request, f"Invitation sent to {invitation.email}.")
        return redirect("invitations")
    open_invitations = Invitation.objects.open().select_related("invited_by")
    return render(
        request,
        "people/invitations.html",
        {"form": form, "open_invitations": open_invitations},
    )


@require_POST
@facilitator_required
def invitation_revoke(request: AuthenticatedRequest, invitation_id: str) -> HttpResponse:
    invitation = get_object_or_404(Invitation, id=invitation_id)
    services.invitation_revoke(invitation=invitation, by=request.user)
    messages.success(request, f"The invitation for {invitation.email} no longer works.")
    return redirect("invitations")


@facilitator_required
def person_manage(request: AuthenticatedRequest, person_id: str) -> HttpResponse:
    person = get_object_or_404(User, id=person_id)
    form = RolesForm(
        request.POST or None,
        initial={"roles": person.roles, "is_facilitator": person.is_facilitator},
    )
    if request.method == "POST" and "active" in request.POST:
        active = request.POST["active"] == "1"
        if person == request.user and not active:
            messages.error(request, "You cannot deactivate your own account here.")
        else:
            services.person_set_active(person=person, active=active, by=request.user)
            messages.success(
                request,
                f"{person.display_name} can sign in again."
                if active
                else f"{person.display_name} can no longer sign in or see anything.",
            )
        return redirect("person_manage", person_id=person.id)
    is_self = person.pk == request.user.pk
    if request.method == "POST" and form.is_valid():
        try:
            services.person_set_roles(
                person=person,
                roles=form.cleaned_data["roles"],
                is_facilitator=form.cleaned_data["is_facilitator"],
                by=request.user,
            )
        except PermissionDenied:
            messages.error(
                request, "Nobody can change their own roles. Ask another facilitator to do it."
            )
        else:
            messages.success(
                request,
                f"Roles saved for {person.display_name}. They are told, and everyone in the "
                "group can see the change.",
            )
        return redirect("person_manage", person_id=person.id)
    history = [
        (action, describe(action.action), who(action, request.user.pk))
        for action in membership_history(person.pk)[:50]
    ]
    return render(
        request,
        "people/person_manage.html",
        {"person": person, "form": form, "is_self": is_self, "history": history},
    )


@facilitator_required
def people_manage_list(request: AuthenticatedRequest) -> HttpResponse:
    people = User.objects.order_by("-is_active", "display_name")
    return render(request, "people/people_manage_list.html", {"people": people})


def preferences(request: AuthenticatedRequest) -> HttpResponse:
    form = PreferencesForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your settings are saved.")
        return redirect("preferences")
    return render(request, "people/preferences.html", {"form": form})
