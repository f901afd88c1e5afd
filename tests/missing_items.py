"""An item someone may not see answers exactly like one that does not exist: the same status,
the same page, and the same questions asked of the database (so the same time), whatever the
item and whoever asks."""

from __future__ import annotations

import re
import uuid
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

# What differs between two requests for reasons other than the item: the moment each was made.
# Masked anew on every page: the form token, in a field or an attribute, and the CSP nonce.
_TOKENS = re.compile(r'(name="csrfmiddlewaretoken" value|data-csrf|nonce)="[^"]*"')
_MOMENT = re.compile(r"'\d{4}-\d\d-\d\d[ T][0-9:.+\-]+'(::timestamptz)?")


def _shape(sql: str, item_id: Any) -> str:
    for written in (str(item_id), uuid.UUID(str(item_id)).hex):
        sql = sql.replace(written, "<id>")
    return _MOMENT.sub("<moment>", sql)


def _asked(client: Client, method: str, url: str, item_id: Any) -> tuple[int, str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, {})
    page = response.content.decode("utf-8", errors="replace") if not response.streaming else ""
    page = page.replace(str(item_id), "<id>")
    return (
        response.status_code,
        _TOKENS.sub("", page),
        [_shape(query["sql"], item_id) for query in queries.captured_queries],
    )


def assert_answers_like_a_missing_item(client: Client, method: str, url: str, item_id: Any) -> None:
    missing = uuid.uuid4()
    assert str(item_id) in url, url
    hidden = _asked(client, method, url, item_id)
    made_up = _asked(client, method, url.replace(str(item_id), str(missing)), missing)
    assert hidden[0] == made_up[0], "a different status for a missing item"
    assert hidden[1] == made_up[1], "a different page for a missing item"
    assert hidden[2] == made_up[2], "different questions asked of the database for a missing item"
