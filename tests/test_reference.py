"""The API reference (docs/reference/*.md) names every public object: each name in a public
module's ``__all__`` and every public method and property the views add.

An entry ``::: a.b.Name`` documents Name; ``::: a.b`` documents the module and, with
``members: [...]``, those members (``members: false``: none; no option: all of ``__all__``).
"""

from __future__ import annotations

import importlib
import inspect
import re
from pathlib import Path

import anywidget
import pytest

ROOT = Path(__file__).resolve().parents[1]
PUBLIC_MODULES = (
    "cnnslicer_widgets",
    "cnnslicer_widgets.record",
    "cnnslicer_widgets.store",
    "cnnslicer_widgets.cube",
    "cnnslicer_widgets.sample_groups",
    "cnnslicer_widgets.estimators",
    "cnnslicer_widgets.widgets",
    "cnnslicer_widgets.datasets",
    "cnnslicer_widgets.models",
    "cnnslicer_widgets.deconv",
)
ENTRY = re.compile(r"^::: ([\w.]+)\s*\n((?:    .*\n|\s*\n)*)", re.M)


def documented() -> dict[str, set[str]]:
    """{qualified object path: documented member names (empty for a plain object)}."""
    out: dict[str, set[str]] = {}
    for page in sorted((ROOT / "docs" / "reference").glob("*.md")):
        for path, options in ENTRY.findall(page.read_text() + "\n"):
            found = re.search(r"members:\s*(\[[^\]]*\]|false)", options)
            target = _resolve(path)
            if found is None:
                names = set(getattr(target, "__all__", ()))
                if inspect.isclass(target):
                    names = {n for n in vars(target) if not n.startswith("_")}
            elif found.group(1) == "false":
                names = set()
            else:
                names = {n.strip() for n in found.group(1)[1:-1].split(",") if n.strip()}
            out[path] = names
    return out


def _resolve(path: str):
    parts = path.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ModuleNotFoundError:
            continue
        for name in parts[i:]:
            obj = getattr(obj, name)
        return obj
    raise AssertionError(f"reference entry {path} does not import")


def _names(entries: dict[str, set[str]]) -> set[str]:
    """The last component of every documented path, and every documented member."""
    return {p.rsplit(".", 1)[-1] for p in entries} | {m for ms in entries.values() for m in ms}


@pytest.mark.parametrize("module", PUBLIC_MODULES)
def test_every_public_name_is_in_the_reference(module: str) -> None:
    names = _names(documented())
    public = [n for n in importlib.import_module(module).__all__ if n != "__version__"]
    missing = [n for n in public if n not in names]
    assert not missing, f"{module}: {missing} are public but not in docs/reference"


def test_every_public_method_of_the_views_is_in_the_reference() -> None:
    from cnnslicer_widgets import widgets

    entries = documented()
    names = _names(entries)
    missing = []
    for name in widgets.__all__:
        cls = getattr(widgets, name)
        if not (inspect.isclass(cls) and issubclass(cls, anywidget.AnyWidget | widgets.CNNSlicer)):
            continue
        own = [m for k in cls.__mro__ if k.__module__.startswith("cnnslicer_widgets")
               for m, v in vars(k).items()
               if not m.startswith("_") and (inspect.isfunction(v) or isinstance(v, property))]
        documented_here = next((ms for p, ms in entries.items() if p.endswith(f".{name}")), set())
        missing += [f"{name}.{m}" for m in own if m not in documented_here and m not in names]
    assert not missing, f"public methods not in docs/reference: {sorted(set(missing))}"
