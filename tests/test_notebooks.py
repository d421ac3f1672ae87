"""Every notebook runs top to bottom (small parameters); a cell that raises fails the test.

Each notebook takes its sizes from one cell tagged ``parameters``; CI replaces that cell with
the small values below, a user runs the notebook as it is stored (paper scale).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"

SMALL = {
    "your_own_model.ipynb": "N_TRAIN = 300\nN_PROBE = 40\nEPOCHS = 1",
    "mnist_case_study.ipynb": (
        'PER_CLASS = [20, 60, "max"]\nEPOCHS = 3\nEARLY_EPOCH = 1\nPROBE_PER_CLASS = 3\n'
        "INTER_K = 50\nLR = 0.01"
    ),
    "cifar10_case_study.ipynb": (
        "N_TRAIN = 400\nEPOCHS = 2\nEVERY = 1\nPROBE_PER_CLASS = 5\nMAX_PAIRS = None\nLR = 0.01"
    ),
}

# The case studies check each finding of the paper and print one verdict line per finding.
FINDINGS = {
    "mnist_case_study.ipynb": ["M1", "M2", "M3", "M4"],
    "cifar10_case_study.ipynb": [str(k) for k in range(1, 10)],
}
VERDICT = re.compile(r"^Finding (\S+) \(.*\): (AGREES|DISAGREES|UNDECIDED) \(", re.MULTILINE)


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
    if name in FINDINGS:
        text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code"
                       for o in c.get("outputs", []) if o.get("output_type") == "stream")
        assert [key for key, _ in VERDICT.findall(text)] == FINDINGS[name], text[-3000:]
