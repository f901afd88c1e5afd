"""One error summary per page, at the top, in GOV.UK's pattern.

`{% error_summary %}` finds every bound form with errors in the page's context and lists each
message, linked to its field; `{% page_has_errors as errors %}` lets the title start with
"Error: ". Forms show each field's own message beside it (Django's field template)."""

from __future__ import annotations

import uuid
from typing import Any

from django import forms, template
from django.utils.html import format_html

from bridging_gaps.idempotency import FIELD, submitted_key

register = template.Library()


def _forms_with_errors(context: Any) -> list[forms.BaseForm]:
    found: list[forms.BaseForm] = []
    for value in context.flatten().values():
        if (
            isinstance(value, forms.BaseForm)
            and value.is_bound
            and value.errors
            and not any(value is seen for seen in found)
        ):
            found.append(value)
    return found


@register.simple_tag(takes_context=True)
def page_has_errors(context: Any) -> bool:
    return bool(_forms_with_errors(context))


@register.inclusion_tag("includes/error_summary.html", takes_context=True)
def error_summary(context: Any) -> dict[str, Any]:
    errors: list[dict[str, str]] = []
    has_password = False
    for form in _forms_with_errors(context):
        for message in form.non_field_errors():
            errors.append({"text": str(message), "href": ""})
        for field in form:
            has_password = has_password or field.widget_type == "password"
            for message in field.errors:
                errors.append({"text": f"{field.label}: {message}", "href": f"#{field.auto_id}"})
    return {"errors": errors, "has_password": has_password}


@register.simple_tag(takes_context=True)
def submission_key(context: Any) -> str:
    """The hidden key that makes a create form's submission happen once (idempotency.py): the
    key sent, when the form comes back with a problem, or a new one."""
    request = context.get("request")
    key = submitted_key(request) if request is not None and request.method == "POST" else None
    return format_html(
        '<input type="hidden" name="{}" value="{}">', FIELD, str(key or uuid.uuid4())
    )
