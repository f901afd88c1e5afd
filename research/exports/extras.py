"""Files other apps add to a research export, as counts (never anyone's words).

research knows nothing of the apps above it: an app registers, in its AppConfig.ready(), a
function that gives the files it adds for an export (`{name: (description, text)}`), such as
proposals' results as counts. Each file is listed in the export's README and manifest.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

ExtraFiles = Callable[[Any], dict[str, tuple[str, str]]]
_EXTRAS: list[ExtraFiles] = []


def register(extra: ExtraFiles) -> ExtraFiles:
    if extra not in _EXTRAS:
        _EXTRAS.append(extra)
    return extra


def extra_files(export: Any) -> dict[str, tuple[str, str]]:
    files: dict[str, tuple[str, str]] = {}
    for extra in _EXTRAS:
        files.update(extra(export))
    return files
