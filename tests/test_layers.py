"""The layer rules that import-linter cannot see (pyproject.toml holds the rest, and
`make test` runs `lint-imports`): services and tasks never touch HTTP."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HTTP = ("django.http", "django.shortcuts", "django.contrib.messages", "django.template.response")


def service_modules() -> list[Path]:
    found = []
    for path in ROOT.rglob("*.py"):
        parts = path.relative_to(ROOT).parts
        if parts[0] in {".venv", "tests", "docs"} or "migrations" in parts:
            continue
        if path.name in {"services.py", "tasks.py"}:
            found.append(path)
    return sorted(found)


def http_imports(path: Path, root: Path = ROOT) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        found += [
            f"{path.relative_to(root)}:{node.lineno} imports {name}"
            for name in names
            if name.startswith(HTTP)
        ]
    return found


def test_the_check_finds_every_services_and_tasks_module():
    names = {str(path.relative_to(ROOT)) for path in service_modules()}
    assert "research/exports/services.py" in names
    assert "meetings/minutes/services.py" in names
    assert "datarights/tasks.py" in names


def test_the_check_sees_an_http_import_even_inside_a_function(tmp_path):
    module = tmp_path / "services.py"
    module.write_text("def f():\n    from django.http import Http404\n    raise Http404\n")
    assert http_imports(module, root=tmp_path) == ["services.py:2 imports django.http"]


def test_services_and_tasks_never_touch_http():
    found = [finding for path in service_modules() for finding in http_imports(path)]
    assert found == [], (
        "Services answer with data or raise their own errors; views speak HTTP:\n"
        + ("\n".join(found))
    )
