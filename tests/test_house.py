"""The package's import structure (docs/dev/house.md): one package per pipeline stage,
imports that only flow down record -> store -> cube -> estimators -> widgets, no cycles
(function-level imports included), and heavy libraries only where their stage is."""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
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
              "deconv", "integrations"},
    "record": {"cube", "_cube_select", "estimators", "widgets", "integrations"},
    "cube": {"record", "estimators", "widgets", "datasets", "models", "integrations"},
    "estimators": {"store", "record", "cube", "_cube_select", "widgets", "datasets", "models",
                   "deconv", "integrations"},
    "widgets": {"store", "record", "integrations"},  # views ask the cube, never the store
    # integrations/ drive the recorder from a training framework: they sit beside record/
    # (torch-side), use it through its public API, and nothing in the package imports them
    "integrations": {"store", "cube", "_cube_select", "estimators", "widgets"},
    # graph.py traces a model (torch.fx) for the recorder and, given model=, for the query
    # view: beside record/ and deconv.py, reading only the store's LayerSpec
    "graph": {"record", "cube", "_cube_select", "estimators", "widgets", "integrations"},
}
NOBODY_IMPORTS = {"integrations"}  # optional frameworks: only their users import them
OPTIONAL = {"lightning", "pytorch_lightning"}  # optional extras: not even function-level


def test_imports_flow_down_the_pipeline():
    wrong = []
    for name in MODULES:
        stage = _stage(name)
        for target in _internal_graph()[name]:
            if _stage(target) in FORBIDDEN.get(stage, ()):
                wrong.append(f"{name} imports {target}")
            elif _stage(target) in NOBODY_IMPORTS and stage != _stage(target):
                wrong.append(f"{name} imports {target}")
    assert not wrong, wrong


def test_heavy_libraries_live_in_their_stage():
    where = {"h5py": {"store"}, "anywidget": {"widgets"}, "ipywidgets": {"widgets"},
             "torch": {"record", "graph", "deconv", "datasets", "models", "integrations"},
             "lightning": {"integrations"}, "pytorch_lightning": {"integrations"}}
    wrong = []
    for name, path in MODULES.items():
        for target, module_level in _imports(path):
            lib = target.split(".")[0]
            if lib in where and (module_level or lib in OPTIONAL) and _stage(name) not in where[lib]:
                wrong.append(f"{name} imports {lib} at module level")
    assert not wrong, wrong


def test_cpu_estimators_import_no_torch():
    """torch costs a kernel ~470 MB and ~2 s; on the CPU every estimator runs without it."""
    script = textwrap.dedent("""
        import sys
        import numpy as np
        import xarray as xr
        from cnnslicer_widgets import estimators as est

        rng = np.random.default_rng(0)
        x = xr.DataArray(rng.integers(0, 255, (40, 3, 5, 5)).astype("float32"),
                         dims=("x", "channel", "h", "w"))
        y = xr.DataArray(np.arange(40) % 4, dims="x")
        est.intra_sample_entropy(x, progress=False)
        est.channel_label_mi(x, y, progress=False)
        est.inter_sample_entropy(x, k=3, method="exact", progress=False)
        est.inter_sample_entropy(x, k=39, progress=False)
        est.channel_capacity(x, x, method="auto", progress=False)
        est.information_plane(x.expand_dims(layer=["a"]), y, progress=False)
        assert "torch" not in sys.modules, "an estimator imported torch on the CPU"
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=600)


def test_the_package_imports_without_lightning():
    """Lightning is an optional extra: every other module imports without it, and the
    callback's module says how to install it."""
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['lightning'] = None; sys.modules['pytorch_lightning'] = None\n"
        "import cnnslicer_widgets, cnnslicer_widgets.record, cnnslicer_widgets.integrations\n"
        "try:\n    import cnnslicer_widgets.integrations.lightning\n"
        "except ImportError as err:\n    print(err)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert 'pip install "cnnslicer-widgets[lightning]"' in proc.stdout, proc.stdout
