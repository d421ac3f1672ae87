"""Every python block of the README runs verbatim, in order, as cells of one notebook in a
fresh kernel (what a new user pastes), and shows what its text promises: the app block ends
with the app, so the cell displays it."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"^```python\n(.*?)^```", re.S | re.M)
WIDGET = "application/vnd.jupyter.widget-view+json"


def readme_blocks() -> list[str]:
    return BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8"))


def test_the_app_block_ends_with_the_app() -> None:
    [block] = [b for b in readme_blocks() if "CNNSlicer(" in b]
    last = ast.parse(block).body[-1]
    assert isinstance(last, ast.Expr) and isinstance(last.value, ast.Name), block
    assert last.value.id == "app", "the app block must end with `app` to show the app"


def test_readme_blocks_run_as_notebook_cells(tmp_path: Path) -> None:
    blocks = readme_blocks()
    assert len(blocks) >= 4, blocks
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(b) for b in blocks]
    NotebookClient(nb, timeout=1800, kernel_name="python3",
                   resources={"metadata": {"path": str(tmp_path)}}).execute()  # fmt: skip
    outputs = [c.get("outputs", []) for c in nb.cells]
    errors = [o for out in outputs for o in out if o.get("output_type") == "error"]
    assert not errors, "\n".join("\n".join(e.get("traceback", [])) for e in errors)[-4000:]
    app_cell = next(i for i, b in enumerate(blocks) if "CNNSlicer(" in b)
    shown = [o for o in outputs[app_cell] if o.get("output_type") == "execute_result"]
    assert shown and WIDGET in shown[0]["data"], outputs[app_cell]  # the app is displayed
    assert "CNNSlicer" in shown[0]["data"]["text/plain"]
    assert (tmp_path / "run.h5").is_file() and (tmp_path / "run.html").stat().st_size > 100_000
    bits = [o for o in outputs[-1] if o.get("output_type") == "execute_result"]
    assert bits and "bits" in bits[0]["data"]["text/plain"], outputs[-1]
