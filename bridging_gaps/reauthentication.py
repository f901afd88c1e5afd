"""allauth's `reauthentication_required`, typed: the password asked again before consent is
widened and before exports (allauth's own decorator carries no types)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, overload

from allauth.account.decorators import reauthentication_required as _reauthentication_required
from django.http import HttpRequest, HttpResponseBase

type Enabled = Callable[[HttpRequest], bool]


@overload
def reauthentication_required[V: Callable[..., HttpResponseBase]](function: V, /) -> V: ...


@overload
def reauthentication_required[V: Callable[..., HttpResponseBase]](
    *, enabled: Enabled | None = None, **options: Any
) -> Callable[[V], V]: ...


def reauthentication_required(
    function: Callable[..., HttpResponseBase] | None = None,
    /,
    *,
    enabled: Enabled | None = None,
    **options: Any,
) -> Any:
    if function is not None:
        return _reauthentication_required(function, **options)
    return _reauthentication_required(enabled=enabled, **options)
