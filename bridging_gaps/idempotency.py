"""Every create is done once, however often its form is sent.

A create form carries a key its page chose (`{% submission_key %}`, a random UUID). The view,
decorated with `@idempotent`, runs in one transaction with the record of that key: the first
submission creates and records where it led; a retry with the same key (a double tap, a phone
that lost its signal and sent again, the back button) is led to the same place and creates
nothing. Two copies sent at the same moment meet at the key's unique index: the second waits
for the first, then is rolled back whole and led to the first one's page.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

FIELD = "submission_key"
SENT_ALREADY = "This was sent already. Nothing was added twice."


def submitted_key(request: HttpRequest) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


def _done(request: HttpRequest, key: uuid.UUID) -> HttpResponse | None:
    from bridging_gaps.models import Submission

    done = Submission.objects.filter(person=request.user.pk, key=key).first()
    if done is None:
        return None
    messages.info(request, SENT_ALREADY)
    return HttpResponseRedirect(done.location)


def idempotent(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        key = submitted_key(request) if request.method == "POST" else None
        if key is None or not request.user.is_authenticated:
            return view(request, *args, **kwargs)
        from bridging_gaps.models import Submission

        if (again := _done(request, key)) is not None:
            return again
        try:
            with transaction.atomic():
                response = view(request, *args, **kwargs)
                if response.status_code in (301, 302, 303) and response.has_header("Location"):
                    Submission.objects.create(
                        person_id=request.user.pk, key=key, location=response["Location"][:500]
                    )
        except IntegrityError:
            # The same key, sent twice at once: the other one created it.
            if (again := _done(request, key)) is not None:
                return again
            raise
        return response

    return wrapped
