"""The fence around the one policy: no code reads items except through it.

Zulip's linter forbids reading messages outside its access module; this is ours. Outside
`consent/` and the apps' `access.py` modules, code may not query a model registered as an item
kind (consent.registry):

- its manager: `ReflectiveNote.objects...`, `Interview._default_manager...`, or a kind's
  `kind.model._default_manager` / `type(item)._default_manager` (only `.objects.create(...)`
  and `.objects.bulk_create(...)`, which read nothing, are allowed);
- a relation into it: `meeting.observation_notes`, `person.contact_details`,
  `interview.recording`, `action.minutes`;
- `select_related`, `prefetch_related` or `Prefetch` into it: `"minutes__meeting"`.

A function that must read items directly (a bypass on purpose) is named `..._unchecked` and
its docstring says why. `make test` runs the check (tests/test_fence.py); a finding fails the
build, with the file, line and what to do.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

MANAGERS = {"objects", "_default_manager", "_base_manager"}
WRITES_ONLY = {"create", "bulk_create"}
RELATED_LOADERS = {"select_related", "prefetch_related", "Prefetch"}
# The policy's ways in: a manager used through these is read through the policy.
POLICY_METHODS = {"visible_to", "newest_shared_with", "owned_by"}
POLICY_FUNCTIONS = {
    "visible",
    "managed",
    "owned",
    "research_use_granted",
    "get_item_for_user",
    "get_managed_item",
}


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    what: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: {self.what}. Fetch items through the app's access.py "
            "(built on consent.policy), or name the function ..._unchecked and say why in "
            "its docstring."
        )


@dataclass(frozen=True)
class ItemModels:
    """What counts as reading items, computed from Django's registry of models."""

    names: frozenset[str]  # class names of item models
    relations: frozenset[str]  # attribute and lookup names that lead into an item model


def item_models() -> ItemModels:
    from django.apps import apps

    from consent.registry import all_kinds

    models = {kind.model for kind in all_kinds()}
    relations: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if not field.is_relation or field.related_model not in models:
                continue
            if field.auto_created and not field.concrete:
                # A reverse relation: the accessor on `model` (meeting.observation_notes).
                name = field.get_accessor_name()  # type: ignore[union-attr]
            else:
                name = field.name  # a foreign key into an item (action.minutes)
            if name and not name.endswith("+"):
                relations.add(name)
    return ItemModels(frozenset(model.__name__ for model in models), frozenset(relations))


def allowed(path: Path, root: Path) -> bool:
    parts = path.relative_to(root).parts
    return parts[0] == "consent" or path.name == "access.py" or "migrations" in parts


class _Visitor(ast.NodeVisitor):
    def __init__(self, path: str, models: ItemModels, tree: ast.AST) -> None:
        self.path = path
        self.models = models
        self.findings: list[Finding] = []
        self._functions: list[ast.FunctionDef | ast.AsyncFunctionDef] = []
        self._writes: set[int] = set()
        self._parents: dict[int, ast.AST] = {
            id(child): parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)
        }
        # Names bound by imports: `contact_views.contact_details` is a module's function.
        self._imported = {
            (alias.asname or alias.name).split(".")[0]
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        }

    def _through_policy(self, node: ast.AST) -> bool:
        """The manager feeds the policy: `X.objects.visible_to(user)`, `X.objects.owned_by(
        user)`, or `visible(X.objects..., user)` and the other policy functions."""
        child, parent = node, self._parents.get(id(node))
        if isinstance(parent, ast.Attribute) and parent.attr in POLICY_METHODS:
            return True
        while parent is not None:
            if isinstance(parent, ast.Call) and child is not parent.func:
                func = parent.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in POLICY_FUNCTIONS:
                    return True
            if isinstance(parent, ast.stmt):
                return False
            child, parent = parent, self._parents.get(id(parent))
        return False

    # A function named ..._unchecked with a docstring is a deliberate, explained bypass.
    def _exempt(self) -> bool:
        return any(
            function.name.endswith("_unchecked") and bool(ast.get_docstring(function))
            for function in self._functions
        )

    def _report(self, node: ast.AST, what: str) -> None:
        if not self._exempt():
            self.findings.append(Finding(self.path, getattr(node, "lineno", 0), what))

    def visit_FunctionDef(self, node: ast.FunctionDef) -> None:
        self._functions.append(node)
        self.generic_visit(node)
        self._functions.pop()

    visit_AsyncFunctionDef = visit_FunctionDef  # type: ignore[assignment]

    def visit_Call(self, node: ast.Call) -> None:
        func = node.func
        # Model.objects.create(...): a write that reads nothing.
        if isinstance(func, ast.Attribute) and func.attr in WRITES_ONLY:
            self._writes.add(id(func.value))
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name in RELATED_LOADERS and not self._queryset_through_policy(node):
            for argument in node.args:
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    into = self._into_items(argument.value)
                    if into:
                        self._report(node, f"{name}({argument.value!r}) reads {into}")
        self.generic_visit(node)

    def _queryset_through_policy(self, node: ast.Call) -> bool:
        """Prefetch("contact_details", queryset=ContactDetail.objects.visible_to(user))."""
        for keyword in node.keywords:
            if keyword.arg != "queryset":
                continue
            for inner in ast.walk(keyword.value):
                if isinstance(inner, ast.Attribute) and inner.attr in POLICY_METHODS:
                    return True
                if isinstance(inner, ast.Call):
                    func = inner.func
                    called = (
                        func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                    )
                    if called in POLICY_FUNCTIONS:
                        return True
        return False

    def _into_items(self, lookup: str) -> str | None:
        for segment in lookup.split("__"):
            if segment in self.models.relations:
                return f"items through {segment!r}"
        return None

    def visit_Attribute(self, node: ast.Attribute) -> None:
        value = node.value
        if (
            node.attr in MANAGERS
            and id(node) not in self._writes
            and not self._through_policy(node)
        ):
            if isinstance(value, ast.Name) and value.id in self.models.names:
                self._report(node, f"{value.id}.{node.attr} reads items directly")
            elif isinstance(value, ast.Attribute) and value.attr == "model":
                self._report(node, f"kind.model.{node.attr} reads items directly")
            elif (
                isinstance(value, ast.Call)
                and isinstance(value.func, ast.Name)
                and value.func.id == "type"
            ):
                self._report(node, f"type(item).{node.attr} reads items directly")
        elif (
            node.attr in self.models.relations
            and not isinstance(node.ctx, ast.Store)
            and not (isinstance(value, ast.Name) and value.id in self._imported)
        ):
            self._report(node, f".{node.attr} reads a related item directly")
        self.generic_visit(node)


def check_source(source: str, path: str, models: ItemModels) -> list[Finding]:
    tree = ast.parse(source, filename=path)
    visitor = _Visitor(path, models, tree)
    visitor.visit(tree)
    return visitor.findings


def python_files(root: Path, packages: Iterable[str]) -> Iterator[Path]:
    for package in packages:
        yield from sorted((root / package).rglob("*.py"))


def check(root: Path, packages: Iterable[str]) -> list[Finding]:
    models = item_models()
    findings: list[Finding] = []
    for path in python_files(root, packages):
        if allowed(path, root):
            continue
        relative = str(path.relative_to(root))
        findings += check_source(path.read_text(), relative, models)
    return findings
