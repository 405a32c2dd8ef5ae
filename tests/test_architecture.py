"""The house's shape (ARCHITECTURE.md): publishing/ is the base and names no app, the top
floor spans the kinds, and no module takes part in an import cycle. import-linter checks
the layers in `make lint`; these tests see what it cannot (strings, cycles)."""

import ast
from pathlib import Path

import grimp
from importlinter.api import read_configuration

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["config", "website", "encyclopedia", "careers", "publishing"]
APPS = ("encyclopedia", "careers")


def strings_naming_an_app(path: Path) -> list[str]:
    """String literals (docstrings aside) that name an app: `"encyclopedia.Term"`, `"careers"`."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            text = node.value
            if any(text == app or text.startswith((f"{app}.", f"{app}:", f"{app}_")) for app in APPS):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {text!r}")
    return found


def test_publishing_names_no_app_even_in_a_string():
    offenders = [hit for path in sorted((ROOT / "publishing").rglob("*.py")) for hit in strings_naming_an_app(path)]
    assert offenders == []


def test_the_string_check_sees_a_model_label():
    source = ROOT / "publishing" / "kinds.py"
    assert strings_naming_an_app(source) == []  # the real module is clean…
    probe = ROOT / "publishing" / "_probe_for_test.py"
    probe.write_text('from django.apps import apps\n\nMODEL = apps.get_model("encyclopedia.Term")\n')
    try:
        assert strings_naming_an_app(probe) == ["publishing/_probe_for_test.py:3: 'encyclopedia.Term'"]
    finally:
        probe.unlink()


def strongly_connected(graph, modules) -> list[set[str]]:
    """Tarjan's algorithm over the module graph: every group of modules that import each other."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []
    counter = [0]

    def visit(module):
        index[module] = low[module] = counter[0]
        counter[0] += 1
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in modules:
                continue
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == module:
                    break
            if len(group) > 1:
                groups.append(group)

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return groups


def test_no_import_cycle_among_the_project_modules():
    # Every import statement counts, those inside functions too (grimp reads them all).
    graph = grimp.build_graph(*PACKAGES, cache_dir=None)
    assert strongly_connected(graph, set(graph.modules)) == []


def test_the_layers_contract_is_configured():
    contracts = read_configuration(str(ROOT / "pyproject.toml"))["contracts_options"]
    layers = next(c for c in contracts if c["type"] == "layers")["layers"]
    assert layers[0] == "config" and layers[-1] == "publishing"


def test_each_app_registers_its_kind_and_keeps_its_own_config():
    from django.apps import apps

    from publishing import kinds

    assert kinds.names() == ("term", "career")
    assert [
        kinds.of(model).name for model in (apps.get_model("encyclopedia.Term"), apps.get_model("careers.Career"))
    ] == [
        "term",
        "career",
    ]
    assert type(apps.get_app_config("careers")).__name__ == "CareersConfig"
