"""Every notebook runs top to bottom (small parameters); a cell that raises fails the test.

Each notebook takes its sizes from one cell tagged ``parameters``; CI replaces that cell with
the small values below, a user runs the notebook as it is stored (paper scale).
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

SMALL = {
    "your_own_model.ipynb": "N_TRAIN = 300\nN_PROBE = 40\nEPOCHS = 1",
}


def run_notebook(name: str, workdir: Path, params: str | None) -> nbformat.NotebookNode:
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, f"{name} needs exactly one cell tagged 'parameters'"
    if params is not None:
        tagged[0].source = params
    env_before = os.environ.get("CNNSLICER_NOTEBOOK_CI")
    os.environ["CNNSLICER_NOTEBOOK_CI"] = "1"
    try:
        NotebookClient(nb, timeout=1200, kernel_name="python3",
                       resources={"metadata": {"path": str(workdir)}}).execute()
    finally:
        if env_before is None:
            os.environ.pop("CNNSLICER_NOTEBOOK_CI", None)
    return nb


def test_every_notebook_has_small_parameters():
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == sorted(SMALL)


@pytest.mark.parametrize("name", sorted(SMALL))
def test_notebook_runs(name, tmp_path):
    nb = run_notebook(name, tmp_path, SMALL[name])
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors
