"""Every URL in the project, classified by who may use it.

Each app has a module here with a CLASSIFIED dict: URL name -> spec. The
authorization matrix (tests/test_authorization_matrix.py) walks the URL
configuration; a named URL that no module classifies fails the test, so a new
page cannot ship without saying who may see it.
"""

from __future__ import annotations

import importlib
import pkgutil
from typing import Any

from tests.authz.specs import Spec


def all_classified() -> dict[str, Spec]:
    merged: dict[str, Spec] = {}
    for module_info in pkgutil.iter_modules(__path__):
        if module_info.name == "specs":
            continue
        module: Any = importlib.import_module(f"{__name__}.{module_info.name}")
        for name, spec in module.CLASSIFIED.items():
            if name in merged:
                raise AssertionError(f"URL {name!r} is classified twice.")
            merged[name] = spec
    return merged
