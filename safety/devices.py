"""A device in plain words, from the browser's own description of itself."""

from __future__ import annotations

BROWSERS = (("Edg/", "Edge"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari"))
SYSTEMS = (
    ("Android", "an Android phone or tablet"),
    ("iPhone", "an iPhone"),
    ("iPad", "an iPad"),
    ("Windows", "a Windows computer"),
    ("Mac OS X", "a Mac"),
    ("CrOS", "a Chromebook"),
    ("Linux", "a Linux computer"),
)


def describe_device(user_agent: str) -> str:
    browser = next((name for token, name in BROWSERS if token in user_agent), "A browser")
    system = next((name for token, name in SYSTEMS if token in user_agent), "a device")
    return f"{browser} on {system}"
