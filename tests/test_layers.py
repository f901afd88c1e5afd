"""The layer rules that import-linter cannot see (pyproject.toml holds the rest, and
`make test` runs `lint-imports`): services and tasks never touch HTTP, and no module grows
past what one reading holds."""

from __future__ import annotations

import ast
import os
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HTTP = ("django.http", "django.shortcuts", "django.contrib.messages", "django.template.response")


# Folders that hold no module of the project's (the virtualenv, the embedded database...).
NOT_THE_PROJECTS = {".venv", ".git", ".pgdata", "node_modules", "__pycache__", "var", "staticfiles"}


def python_modules(root: Path = ROOT) -> Iterator[Path]:
    """Every module of the project's own, migrations too, without walking the virtualenv."""
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if name not in NOT_THE_PROJECTS)
        yield from (Path(folder) / name for name in sorted(files) if name.endswith(".py"))


def service_modules() -> list[Path]:
    found = []
    for path in python_modules():
        parts = path.relative_to(ROOT).parts
        if parts[0] in {"tests", "docs"} or "migrations" in parts:
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


# "Split a module before it passes ~400 lines" (docs/conventions.md): a little over is a
# module about to be split, far over is one that tells several stories.
MOST_LINES = 420


def long_modules(root: Path = ROOT) -> list[str]:
    found = []
    for path in python_modules(root):
        if "migrations" in path.relative_to(root).parts:
            continue
        lines = len(path.read_text().splitlines())
        if lines > MOST_LINES:
            found.append(f"{path.relative_to(root)}: {lines} lines")
    return found


def test_the_size_check_finds_a_long_module_and_leaves_migrations_alone(tmp_path):
    (tmp_path / "app" / "migrations").mkdir(parents=True)
    (tmp_path / "app" / "views.py").write_text("x = 1\n" * (MOST_LINES + 1))
    (tmp_path / "app" / "short.py").write_text("x = 1\n" * MOST_LINES)
    (tmp_path / "app" / "migrations" / "0001_initial.py").write_text("x = 1\n" * 2000)
    assert long_modules(tmp_path) == [f"app/views.py: {MOST_LINES + 1} lines"]


def test_no_module_passes_about_four_hundred_lines():
    found = long_modules()
    assert found == [], (
        "Split these into a sub-package, one module per story (docs/conventions.md):\n"
        + "\n".join(found)
    )
