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
        'PER_CLASS = [20, 60]\nWHOLE_SET = False\nSETS = 3\nFIT_SETS = 2\nSEEDS = [0, 1]\n'
        'EPOCHS = 3\nEARLY_EPOCH = 1\nSMALL, LARGE = 20, 60\nRUN_DIR = "runs"\n'
        'RESULTS_DIR = "results"\nFULL_MNIST = False'
    ),
    "cifar10_case_study.ipynb": (
        "N_TRAIN = 400\nEPOCHS = 2\nEVERY = 1\nSEEDS = [0]\nPROBE_PER_CLASS = 6\n"
        'RESAMPLES = 3\nMAX_PAIRS = None\nRUN_DIR = "runs"'
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
    env_before = {key: os.environ.get(key) for key in ("CNNSLICER_NOTEBOOK_CI", "PYTHONPATH")}
    os.environ["CNNSLICER_NOTEBOOK_CI"] = "1"
    if env_before["PYTHONPATH"]:  # the kernel starts in workdir: `PYTHONPATH=src` made absolute
        os.environ["PYTHONPATH"] = os.pathsep.join(
            str(Path(p).resolve()) for p in env_before["PYTHONPATH"].split(os.pathsep) if p)
    try:
        NotebookClient(nb, timeout=1200, kernel_name="python3",
                       resources={"metadata": {"path": str(workdir)}}).execute()
    finally:
        for key, value in env_before.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
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


@pytest.mark.parametrize("name", sorted(FINDINGS))
def test_case_studies_are_stored_with_their_results(name):
    """The case studies are committed executed at scale: a reader sees every verdict and the
    figures (PNG, no JavaScript needed) without running anything, and the files stay small."""
    path = NOTEBOOKS / name
    assert path.stat().st_size < 5 * 2**20, f"{name} is {path.stat().st_size / 2**20:.1f} MiB"
    nb = nbformat.read(path, as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    text = "".join(o.get("text", "") for o in outputs if o.get("output_type") == "stream")
    assert [key for key, _ in VERDICT.findall(text)] == FINDINGS[name]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 4
    kinds = {k for o in outputs for k in o.get("data", {})}
    assert not kinds & {"application/vnd.plotly.v1+json", "text/html"}, kinds
    assert "widgets" not in nb.metadata  # no stored widget state (it would need JavaScript)
    assert not [o for o in outputs if o.get("output_type") == "error"]
