"""The package's import structure (docs/dev/house.md): one package per pipeline stage,
imports that only flow down record -> store -> cube -> estimators -> widgets, no cycles
(function-level imports included), and heavy libraries only where their stage is."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "src" / "cnnslicer_widgets"


def _module_name(path: Path) -> str:
    parts = ["cnnslicer_widgets", *path.relative_to(PKG).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in PKG.rglob("*.py") if "_data" not in p.parts}


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(imported module, at module level) for every import in the file."""
    tree = ast.parse(path.read_text())
    top = {id(node) for node in tree.body}
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(a.name, id(node) in top) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                out.append((sub if sub in MODULES else node.module, id(node) in top))
    return out


def _internal_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for name, path in MODULES.items():
        for target, _ in _imports(path):
            if target in MODULES and target != name:
                graph[name].add(target)
    return graph


def _stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def test_no_import_cycles_even_through_function_level_imports():
    graph = _internal_graph()
    packages = {m for m, p in MODULES.items() if p.name == "__init__.py"}
    # a package's __init__ re-exports its modules: edges into an __init__ from its own
    # modules are the only way a cycle could close, and none may exist
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, trail: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if nxt in packages and node.startswith(nxt + "."):
                continue  # `from pkg import sibling` resolved above; the package itself
            if state.get(nxt) == 1:
                cycle.extend(trail[trail.index(nxt):] + [node, nxt] if nxt in trail
                             else [node, nxt])
                return True
            if state.get(nxt) is None and visit(nxt, [*trail, node]):
                return True
        state[node] = 2
        return False

    for module in sorted(graph):
        if state.get(module) is None and visit(module, []):
            break
    assert not cycle, f"import cycle: {' -> '.join(cycle)}"


FORBIDDEN = {  # stage -> stages it must not import
    "store": {"record", "cube", "_cube_select", "estimators", "widgets", "datasets", "models",
              "deconv"},
    "record": {"cube", "_cube_select", "estimators", "widgets"},
    "cube": {"record", "estimators", "widgets", "datasets", "models"},
    "estimators": {"store", "record", "cube", "_cube_select", "widgets", "datasets", "models",
                   "deconv"},
    "widgets": {"store", "record"},  # views ask the cube, never the store
}


def test_imports_flow_down_the_pipeline():
    wrong = []
    for name in MODULES:
        stage = _stage(name)
        for target in _internal_graph()[name]:
            if _stage(target) in FORBIDDEN.get(stage, ()):
                wrong.append(f"{name} imports {target}")
    assert not wrong, wrong


def test_heavy_libraries_live_in_their_stage():
    where = {"h5py": {"store"}, "anywidget": {"widgets"}, "ipywidgets": {"widgets"},
             "torch": {"record", "deconv", "datasets", "models"}}
    wrong = []
    for name, path in MODULES.items():
        for target, module_level in _imports(path):
            lib = target.split(".")[0]
            if lib in where and module_level and _stage(name) not in where[lib]:
                wrong.append(f"{name} imports {lib} at module level")
    assert not wrong, wrong
