"""Pages that feed the anonymiser: the group's sensitive terms and each person's other names."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from bridging_gaps.idempotency import idempotent
from bridging_gaps.types import AuthenticatedRequest
from people.access import facilitator_required
from research.names import services
from research.names.forms import OtherNameForm, SensitiveTermForm
from research.names.models import SensitiveTerm


@facilitator_required
@idempotent
def sensitive_terms(request: AuthenticatedRequest) -> HttpResponse:
    form = SensitiveTermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.sensitive_term_add(by=request.user, **form.cleaned_data)
        messages.success(request, "Added. It will be taken out of every research export.")
        return redirect("sensitive_terms")
    terms = SensitiveTerm.objects.all()
    return render(request, "research/sensitive_terms.html", {"form": form, "terms": terms})


@facilitator_required
def sensitive_term_edit(request: AuthenticatedRequest, term_id: uuid.UUID) -> HttpResponse:
    sensitive_term = get_object_or_404(SensitiveTerm, id=term_id)
    form = SensitiveTermForm(request.POST or None, instance=sensitive_term)
    if request.method == "POST" and form.is_valid():
        services.sensitive_term_update(
            sensitive_term=sensitive_term, by=request.user, **form.cleaned_data
        )
        messages.success(request, "Saved.")
        return redirect("sensitive_terms")
    return render(
        request,
        "research/sensitive_term_edit.html",
        {"form": form, "sensitive_term": sensitive_term},
    )


@require_POST
@facilitator_required
def sensitive_term_remove(request: AuthenticatedRequest, term_id: uuid.UUID) -> HttpResponse:
    sensitive_term = get_object_or_404(SensitiveTerm, id=term_id)
    services.sensitive_term_remove(sensitive_term=sensitive_term, by=request.user)
    messages.success(
        request, "Removed from the list. Exports made from now on will no longer take it out."
    )
    return redirect("sensitive_terms")


@idempotent
def other_names(request: AuthenticatedRequest) -> HttpResponse:
    """My other names: private to me, used only to take my names out of research exports."""
    form = OtherNameForm(person=request.user)
    if request.method == "POST" and "remove" in request.POST:
        try:
            removed = services.other_name_remove(
                person=request.user, other_name_id=uuid.UUID(request.POST["remove"])
            )
        except ValueError:
            removed = False
        if removed:
            messages.success(request, "Removed.")
        return redirect("other_names")
    if request.method == "POST":
        form = OtherNameForm(request.POST, person=request.user)
        if form.is_valid():
            services.other_name_add(person=request.user, name=form.cleaned_data["name"])
            messages.success(request, "Added. Only you can see it.")
            return redirect("other_names")
    names: Any = request.user.other_names.all()
    return render(request, "research/other_names.html", {"form": form, "names": names})
