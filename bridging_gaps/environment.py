"""Reading the settings' environment variables: typed, with defaults, and the ones production
cannot start without. Used by settings.py only (nothing here imports Django's settings)."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when DJANGO_ENV=production.")
    return value


def file_encryption_keys(*, production: bool, kept: Path) -> str:
    """FILE_ENCRYPTION_KEYS ("id:base64,id:base64", the first for new files). Required in
    production; in development a key is made once and kept at `kept` (git-ignored)."""
    keys = os.environ.get("FILE_ENCRYPTION_KEYS", "")
    if keys or production:
        if not keys:
            raise ImproperlyConfigured(
                "FILE_ENCRYPTION_KEYS must be set when DJANGO_ENV=production."
            )
        return keys
    from bridging_gaps.encryption import new_key_text

    if not kept.exists():
        # Written whole and then put in place: two processes starting at once (parallel tests)
        # never read half a key; the first one in place is the key.
        kept.parent.mkdir(parents=True, exist_ok=True)
        fresh = kept.with_name(f"{kept.name}.{os.getpid()}")
        fresh.write_text(new_key_text("dev"))
        fresh.chmod(0o600)
        with contextlib.suppress(FileExistsError):
            os.link(fresh, kept)
        fresh.unlink()
    return kept.read_text().strip()
