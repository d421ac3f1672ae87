"""The performance view in real JupyterLab + Chromium, on real recorded MNIST runs."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from helpers.lenet_run import lenet_run as shared_lenet_run
from helpers.mnist_runs import record_size_runs

if TYPE_CHECKING:
    from .conftest import LabPage

pytestmark = pytest.mark.browser

WAIT = 120_000  # ms
VIEW = '[data-cnnslicer-view="performance"]'


@pytest.fixture(scope="module")
def size_runs(tmp_path_factory: pytest.TempPathFactory, mnist_arrays: dict) -> list[Path]:
    """MNIST trained on 100, 300 and 600 real images per class (SGD, 5 epochs each)."""
    folder = tmp_path_factory.mktemp("sizes")
    return record_size_runs(folder, mnist_arrays, per_class=(100, 300, 600), epochs=5)


def setup_cells(paths: list[Path]) -> list[str]:
    return [
        "from cnnslicer_widgets.widgets import Selection\n"
        "from cnnslicer_widgets.widgets.performance import PerformanceView\n"
        f"paths = {[str(p) for p in paths]!r}\n"
        "sel = Selection(epoch=1)\n"
        "view = PerformanceView(paths, selection=sel, names=['100/class', '300/class', '600/class'])",
        "view",
    ]


def epoch_redraw_ms(lab: LabPage, slider, position: int, epoch: int) -> float:  # noqa: ANN001
    """Move the slider; time (in the page) until the confusion matrix is redrawn."""
    matrix = lab.cell(1).locator(f'{VIEW} [data-role="confusion"]')
    lab.page.evaluate("() => { window.__epochT0 = performance.now(); }")
    slider.fill(str(position))
    expect(matrix).to_have_attribute("data-epoch", str(epoch), timeout=WAIT)
    return lab.page.evaluate("() => performance.now() - window.__epochT0")


def test_performance_view_compares_runs(lab: LabPage, size_runs: list[Path]) -> None:
    lab.open_notebook(setup_cells(size_runs))
    start = lab.run_all()
    root = lab.cell(1).locator(f'{VIEW}[data-ready="true"]')
    root.wait_for(timeout=WAIT)
    lab.timings["performance_run_all_to_ready_s"] = round(time.monotonic() - start, 2)
    lab.timings["performance_js_render_ms"] = float(root.get_attribute("data-render-ms") or "nan")

    # Every chart is there: one bar and one loss line per run, a line per class.
    matrix = root.locator('[data-role="confusion"]')
    expect(matrix).to_have_attribute("data-epoch", "1", timeout=WAIT)
    expect(matrix.locator(".cs-cell")).to_have_count(100)
    expect(root.locator('[data-role="inter-bars"] .cs-bar')).to_have_count(3)
    expect(root.locator('[data-role="loss-chart"] .cs-series')).to_have_count(3)
    expect(root.locator('[data-role="label-given-pred"] .cs-series')).to_have_count(10)
    # SGD on 100 images per class leaves classes unpredicted early on: ∞ markers, and said so.
    expect(
        root.locator('[data-role="label-given-pred"] [data-role="inf-marker"]').first
    ).to_be_visible()
    expect(root.locator('[data-role="notes"]')).to_contain_text("Never predicted")
    lab.screenshot("view", root)

    # Hovering a cell shows its count.
    cell = matrix.locator('.cs-cell[data-row="2"][data-col="2"]')
    count = cell.get_attribute("data-value")
    cell.hover()
    tip = root.locator('[data-role="tooltip"]')
    expect(tip).to_be_visible(timeout=WAIT)
    expect(tip).to_contain_text(f"true 2 → predicted 2: {count} sample")

    # Choosing a run (its bar) shows its matrix and lines, in the kernel too.
    root.locator('[data-role="inter-bars"] .cs-bar[data-run="2"]').click()
    expect(root.locator('[data-role="runs"] [data-run="2"]')).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(root.locator('[data-panel="confusion"]')).to_contain_text("600/class", timeout=WAIT)
    lab.check("assert view.active_run == 2, view.active_run")

    # Moving the epoch (slider) updates the confusion matrix, through the kernel.
    slider = root.locator('[data-role="epoch-slider"]')
    before = [matrix.locator(".cs-cell").nth(i).get_attribute("data-value") for i in range(100)]
    lab.timings["performance_epoch_change_to_redraw_ms"] = round(
        epoch_redraw_ms(lab, slider, 3, 3), 1
    )
    after = [matrix.locator(".cs-cell").nth(i).get_attribute("data-value") for i in range(100)]
    assert before != after, "the confusion matrix did not change with the epoch"
    in_page = root.get_attribute("data-epoch-redraw-ms")
    lab.timings["performance_epoch_redraw_in_page_ms"] = float(in_page or "nan")
    lab.check(
        "assert sel.epoch == 3 and view.confusion_epoch == 3, (sel.epoch, view.confusion_epoch)"
    )

    # ... and so does an epoch chosen in the kernel (or by any linked view).
    lab.run_cell("sel.epoch = 5")
    expect(matrix).to_have_attribute("data-epoch", "5", timeout=WAIT)
    expect(slider).to_have_value("5")

    # A class legend chip emphasises that class (shared selection.class_index).
    root.locator('[data-role="classes"] [data-class="3"]').click()
    expect(root.locator('[data-role="label-given-pred"] .cs-series.cs-strong')).to_have_count(1)
    lab.check("assert sel.class_index == 3, sel.class_index")
    lab.screenshot("active-run", root)

    lab.timings["performance_new_view_cell_to_ready_s"] = round(
        lab.time_cell("PerformanceView(paths, selection=sel)", f'{VIEW}[data-ready="true"]'),
        2,
    )
    lab.assert_clean()


def test_performance_view_single_epoch_run(
    lab: LabPage, size_runs: list[Path], tmp_path: Path
) -> None:
    """A run recorded at epoch 0 only: the view draws and says why the lines are points."""
    cells = [
        "import torch\n"
        "from cnnslicer_widgets.record import Recorder\n"
        "from cnnslicer_widgets.widgets.performance import PerformanceView\n"
        "from cnnslicer_widgets.models import mnist_lenet\n"
        "from cnnslicer_widgets import open_cube\n"
        f"src = open_cube({str(size_runs[0])!r})\n"
        "x = torch.tensor(src.activations('input').isel(epoch=0).values[::5], dtype=torch.float32)\n"
        "y = torch.tensor(src.labels.values[::5])\n"
        f"path = {str(tmp_path / 'epoch0.h5')!r}\n"
        "with Recorder(mnist_lenet(), (x, y), path, epochs=0, layers=['fc2'], progress=False, verbose=False):\n"
        "    pass\n"
        "view = PerformanceView(path, names=['untrained'])",
        "view",
    ]  # fmt: skip
    lab.open_notebook(cells)
    lab.run_all()
    root = lab.cell(1).locator(f'{VIEW}[data-ready="true"]')
    root.wait_for(timeout=WAIT)
    notes = root.locator('[data-role="notes"]')
    expect(notes).to_contain_text("single recorded epoch (0)", timeout=WAIT)
    expect(notes).to_contain_text("Never predicted")
    expect(root.locator('[data-role="epoch-slider"]')).to_be_disabled()
    expect(root.locator('[data-role="never-predicted"]')).to_contain_text(
        "Never predicted at epoch 0"
    )
    expect(root.locator('[data-role="confusion"]')).to_have_attribute("data-total", "200")
    lab.screenshot("one-epoch", root)
    lab.assert_clean()


def test_the_query_view_epoch_moves_the_confusion_matrix(
    lab: LabPage, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Both views on one selection, as in the app: Query with a new epoch redraws the matrix."""
    run = shared_lenet_run(tmp_path_factory)
    lab.open_notebook(
        [
            "from cnnslicer_widgets import open_cube\n"
            "from cnnslicer_widgets.widgets import Selection\n"
            "from cnnslicer_widgets.widgets.performance import PerformanceView\n"
            "from cnnslicer_widgets.widgets.query import QueryView\n"
            f"cube = open_cube({str(run)!r})\n"
            "sel = Selection(layers=['conv1'], epoch=0)",
            "QueryView(cube, selection=sel)",
            "PerformanceView(cube, selection=sel, names=['LeNet'])",
        ]
    )
    lab.run_all()
    query = lab.cell(1).locator('[data-cnnslicer-view="query"][data-ready="true"]')
    perf = lab.cell(2).locator(f'{VIEW}[data-ready="true"]')
    perf.wait_for(timeout=WAIT)
    matrix = perf.locator('[data-role="confusion"]')
    expect(matrix).to_have_attribute("data-epoch", "0", timeout=WAIT)
    handle = query.locator('[data-role="epoch-handle"]')
    handle.press("ArrowRight")
    handle.press("ArrowRight")
    expect(handle).to_have_attribute("data-epoch", "2", timeout=WAIT)
    expect(matrix).to_have_attribute("data-epoch", "0")  # pending: not applied yet
    query.locator('[data-role="query"]').click()
    expect(matrix).to_have_attribute("data-epoch", "2", timeout=WAIT)
    expect(perf.locator('[data-role="epoch-slider"]')).to_have_value("2")
    lab.check("assert sel.epoch == 2 and sel.layers == ['conv1'], sel")
    lab.screenshot("linked", lab.cell(1))
    lab.assert_clean()
