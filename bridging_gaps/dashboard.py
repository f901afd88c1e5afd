"""What the dashboard shows. Each capability adds its own section here."""

from __future__ import annotations

from typing import Any


def dashboard_context(user: Any) -> dict[str, Any]:
    return {
        "next_meeting": None,
        "my_recent_notes": [],
        "shared_with_me": [],
    }
