"""Every python block of every docs page runs: each page's blocks, verbatim and in order, as
the cells of one notebook in a fresh kernel (what a reader pastes), like the README's
(tests/test_readme.py). Any error fails the page.

Pages read ``run.h5``, the run Getting started records: that page runs first, in a folder
every other page starts from (a copy each). A block that cannot run here is preceded by
the visible marker ``<!-- docs-test: skip (reason) -->``; the marker must give a reason,
and the list of skipped blocks is pinned below, so a new one is a decision.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
BLOCK = re.compile(r"(?:^<!-- docs-test: skip \((?P<reason>[^)]*)\) -->\n)?^```python\n(?P<code>.*?)^```",
                   re.S | re.M)  # fmt: skip
WIDGET = "application/vnd.jupyter.widget-view+json"
# (page, first line of the block): run elsewhere, with the reason in the marker.
SKIPPED = {
    ("distributed.md", "# ddp_record.py -- run: torchrun --standalone --nproc_per_node 2 ddp_record.py"),
    ("distributed.md", "# lightning_record.py -- run: python lightning_record.py"),
}
FIRST = "getting-started.md"


def pages() -> list[str]:
    """Every docs page but the API reference (its blocks are the docstrings' doctests)."""
    found = sorted(p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md"))
    return [p for p in found if not p.startswith("reference/")]


def blocks(page: str) -> list[tuple[str, str | None]]:
    """[(code, skip reason or None)] of the page's python blocks, in order."""
    text = (DOCS / page).read_text(encoding="utf-8")
    return [(m["code"], m["reason"]) for m in BLOCK.finditer(text)]


def run_page(page: str, folder: Path) -> list[list[dict]]:
    """Run the page's blocks as one notebook in ``folder``; the outputs of each cell."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(code) for code, reason in blocks(page) if reason is None]
    NotebookClient(nb, timeout=900, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(folder)}}).execute()  # fmt: skip
    outputs = [c.get("outputs", []) for c in nb.cells]
    errors = [(i, o) for i, out in enumerate(outputs) for o in out if o.get("output_type") == "error"]
    assert not errors, f"{page}, block {errors[0][0] + 1}:\n" + "\n".join(
        errors[0][1].get("traceback", []))[-4000:]
    return outputs


@pytest.fixture(scope="module")
def started(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[list[dict]]]:
    """The folder Getting started leaves (``run.h5``), and its cells' outputs."""
    folder = tmp_path_factory.mktemp("getting-started")
    return folder, run_page(FIRST, folder)


def test_skipped_blocks_are_marked_with_a_reason_and_pinned() -> None:
    skipped = set()
    for page in pages():
        text = (DOCS / page).read_text(encoding="utf-8")
        markers = len(re.findall(r"^<!-- docs-test: skip", text, re.M))
        assert markers == sum(r is not None for _, r in blocks(page)), (
            f"{page}: a skip marker must sit on the line right before a ```python block")
        for code, reason in blocks(page):
            if reason is not None:
                assert len(reason.split()) >= 3, f"{page}: give a reason for skipping"
                skipped.add((page, code.splitlines()[0]))
    assert skipped == SKIPPED


def test_snippets_use_public_import_paths() -> None:
    """``from cnnslicer_widgets.widgets.layer_view import LayerView`` is a private path for a
    public name: the docs import every name from the package or subpackage that exports it."""
    import importlib

    bad = []
    for page in pages():
        for code, _ in blocks(page):
            found = re.findall(r"^\s*from (cnnslicer_widgets[\w.]*) import (\([^)]*\)|[^\n]*)",
                               code, re.M)  # fmt: skip
            for module, names in found:
                names = names.strip("()").replace("\n", " ")
                for name in (n.strip().split(" as ")[0] for n in names.split(",") if n.strip()):
                    public = getattr(importlib.import_module(module), "__all__", ())
                    if name not in public:
                        bad.append(f"{page}: from {module} import {name}")
                    elif module != "cnnslicer_widgets" and name in __import__("cnnslicer_widgets").__all__:
                        bad.append(f"{page}: {name} comes from cnnslicer_widgets (one import style)")
    assert not bad, "\n".join(bad)


def test_code_lines_fit_the_page() -> None:
    """At 1,280 px, Material's content column shows 80 characters of code; longer lines
    are cut off behind a scroll bar (measured in Chromium on the built site)."""
    long = [f"{page}: {line}" for page in pages()
            for kind, code in re.findall(r"^```(\w*)\n(.*?)^```", (DOCS / page).read_text(), re.S | re.M)
            if kind in ("python", "bash") for line in code.splitlines() if len(line) > 80]  # fmt: skip
    assert not long, "code lines over 80 characters:\n" + "\n".join(long)


def test_getting_started_ends_with_the_app(started: tuple[Path, list[list[dict]]]) -> None:
    folder, outputs = started
    assert (folder / "run.h5").is_file()
    codes = [c for c, r in blocks(FIRST) if r is None]
    app_cell = max(i for i, c in enumerate(codes) if "CNNSlicer(" in c)
    shown = [o for o in outputs[app_cell] if o.get("output_type") == "execute_result"]
    assert shown and WIDGET in shown[0]["data"], outputs[app_cell]  # the app is displayed
    assert "CNNSlicer" in shown[0]["data"]["text/plain"]


@pytest.mark.parametrize("page", [p for p in pages() if p != FIRST and any(
    r is None for _, r in blocks(p))])
def test_page_blocks_run_as_notebook_cells(page: str, started, tmp_path: Path) -> None:
    folder, _ = started
    shutil.copy2(folder / "run.h5", tmp_path / "run.h5")
    run_page(page, tmp_path)
