from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from bridging_gaps.idempotency import idempotent
from bridging_gaps.types import AuthenticatedRequest
from consent.policy import get_managed_item
from people import services
from people.models import ContactDetail


class ContactDetailForm(forms.ModelForm):
    class Meta:
        model = ContactDetail
        fields = ["kind", "value", "label"]
        labels = {"kind": "What is it?", "value": "Number, address or detail", "label": "Note"}


@idempotent
def contact_details(request: AuthenticatedRequest) -> HttpResponse:
    """My contact details. Each one is private until I choose who sees it."""
    form = ContactDetailForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.contact_detail_add(owner=request.user, **form.cleaned_data)
        messages.success(request, "Saved. Only you can see it until you choose who else can.")
        return redirect("contact_details")
    details = ContactDetail.objects.owned_by(request.user)
    return render(request, "people/contact_details.html", {"form": form, "details": details})


@require_POST
def contact_detail_delete(request: AuthenticatedRequest, detail_id: Any) -> HttpResponse:
    detail = get_managed_item(request, ContactDetail.objects.all(), detail_id)
    services.contact_detail_delete(detail=detail, by=request.user)
    messages.success(request, "Removed. Nobody can see it now.")
    return redirect("contact_details")
