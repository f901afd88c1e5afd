"""Why the password is asked again, in words, from where the person was going."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import Resolver404, resolve

register = template.Library()

REASONS = {
    "share": "to share this {kind} more widely",
    "export_start": "to make this research export",
    "export_download": "to download this research export",
    "matrix_download": "to download the framework matrix",
    "payments_export": "to download the payments list for finance",
    "originals_delete": "to delete the passages you took out, for good",
    "interview_delete": "to delete this interview",
    "data_download": "to make a file of your data",
    "data_download_file": "to download your data",
    "account_delete": "to delete your account",
}
DEFAULT = "before you go on"


@register.simple_tag(takes_context=True)
def reauthentication_reason(context: Any) -> str:
    """'to share this reflective note more widely', from the `next` address."""
    request = context.get("request")
    target = ""
    if request is not None:
        target = request.POST.get("next") or request.GET.get("next") or ""
    try:
        match = resolve(target.split("?")[0]) if target.startswith("/") else None
    except Resolver404:
        match = None
    if match is None:
        return DEFAULT
    if match.url_name and match.url_name.startswith("mfa_"):
        return "to change your two-step sign-in"
    reason = REASONS.get(match.url_name or "")
    if reason is None:
        return DEFAULT
    if "{kind}" in reason:
        from consent.registry import get_kind

        try:
            kind = get_kind(match.kwargs.get("kind_key", "")).label
        except KeyError:
            kind = "thing"
        reason = reason.format(kind=kind)
    return reason
