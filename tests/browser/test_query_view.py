"""The query view in real JupyterLab + Chromium, on a real recorded MNIST run."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import expect

from helpers.lenet_run import lenet_run as shared_lenet_run
from helpers.mnist_runs import record_small_lenet

if TYPE_CHECKING:
    from .conftest import LabPage

pytestmark = pytest.mark.browser

WAIT = 120_000  # ms
VIEW = '[data-cnnslicer-view="query"]'
LAYERS = ["input", "conv1", "pool1", "conv2", "pool2", "fc1", "fc2"]


@pytest.fixture(scope="module")
def lenet_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's LeNet trained on real MNIST, every epoch recorded (helpers/lenet_run.py)."""
    return shared_lenet_run(tmp_path_factory)


@pytest.fixture(scope="module")
def one_epoch_run(tmp_path_factory: pytest.TempPathFactory, mnist_arrays: dict) -> Path:
    """The same model recorded at epoch 0 only."""
    path = tmp_path_factory.mktemp("query1") / "lenet_epoch0.h5"
    return record_small_lenet(path, mnist_arrays, epochs=0)


def setup_cells(path: Path) -> list[str]:
    return [
        "from cnnslicer_widgets import open_cube\n"
        "from cnnslicer_widgets.widgets import Selection\n"
        "from cnnslicer_widgets.widgets.query import QueryView\n"
        f"cube = open_cube({str(path)!r})\n"
        "sel = Selection()",
        "view = QueryView(cube, selection=sel)\nview",
        "sel",
    ]


def drag(lab: LabPage, locator: Any, start: tuple[float, float], end: tuple[float, float]) -> None:
    """Press at ``start``, move in steps to ``end``, release (fractions of the box)."""
    box = locator.bounding_box()
    assert box is not None, "the element to drag on is not visible"
    at = [(box["x"] + fx * box["width"], box["y"] + fy * box["height"]) for fx, fy in (start, end)]
    mouse = lab.page.mouse
    mouse.move(*at[0])
    mouse.down()
    mouse.move(*at[1], steps=6)
    mouse.up()


def column(i: int, n: int = len(LAYERS)) -> float:
    """Horizontal fraction of the layer axis at the middle of layer i."""
    return (i + 0.5) / n


def test_query_view_drives_the_shared_selection(lab: LabPage, lenet_run: Path) -> None:
    from cnnslicer_widgets import open_cube

    with open_cube(lenet_run) as cube:
        assert cube.layers == LAYERS, cube.layers
        last = cube.epochs[-1]
    lab.open_notebook(setup_cells(lenet_run))
    start = lab.run_all()
    root = lab.cell(1).locator(f'{VIEW}[data-ready="true"]')
    root.wait_for(timeout=WAIT)
    lab.timings["query_run_all_to_ready_s"] = round(time.monotonic() - start, 2)
    lab.timings["query_js_render_ms"] = float(root.get_attribute("data-render-ms") or "nan")
    cube = root.locator('[data-role="cube"]')
    notes = root.locator('[data-role="notes"]')
    expect(notes).to_contain_text("No layer chosen", timeout=WAIT)  # empty selection: said so
    expect(root.locator("[data-layer]").and_(root.locator("button"))).to_have_count(len(LAYERS))

    # Clicking a layer box updates the slicer cube's slab; shift-click adds a layer.
    root.locator('button[data-layer="conv2"]').click()
    expect(cube).to_have_attribute("data-layers", "conv2", timeout=WAIT)
    expect(root.locator('button[data-layer="conv2"]')).to_have_attribute("aria-pressed", "true")
    expect(cube.locator('.cq-column[data-layer="conv2"] [data-role="slice"]')).to_have_count(3)
    root.locator('button[data-layer="pool2"]').click(modifiers=["Shift"])
    expect(cube).to_have_attribute("data-layers", "conv2,pool2", timeout=WAIT)
    expect(notes).not_to_contain_text("No layer chosen", timeout=WAIT)

    # Dragging along the layer axis selects a slab of layers (conv1 .. conv2).
    drag(lab, cube.locator('[data-axis="layer"]'), (column(1), 0.5), (column(3), 0.5))
    expect(cube).to_have_attribute("data-layers", "conv1,pool1,conv2", timeout=WAIT)
    # ... along the channel axis a range of channels (of conv2's 16: bottom quarter).
    drag(lab, cube.locator('[data-axis="channel"]'), (0.5, 0.98), (0.5, 0.84))
    expect(cube).to_have_attribute("data-channels", "0,1,2", timeout=WAIT)
    # ... and the epoch handle, dragged to the far end of the epoch axis, picks the last epoch.
    handle = cube.locator('[data-role="epoch-handle"]')
    expect(handle).to_have_attribute("data-epoch", "0")
    drag(lab, cube.locator('[data-axis="epoch"]'), (0.5, 0.5), (0.97, 0.03))
    expect(handle).to_have_attribute("data-epoch", str(last), timeout=WAIT)
    lab.screenshot("pending", root)

    # The epoch handle also moves with the keyboard; time from the key to the redrawn cube.
    handle.focus()
    lab.page.evaluate("() => { window.__epochT0 = performance.now(); }")
    lab.page.keyboard.press("ArrowLeft")
    expect(handle).to_have_attribute("data-epoch", str(last - 1), timeout=WAIT)
    elapsed = lab.page.evaluate("() => performance.now() - window.__epochT0")
    lab.timings["query_epoch_key_to_redraw_ms"] = round(elapsed, 1)
    lab.timings["query_js_redraw_ms"] = float(root.get_attribute("data-draw-ms") or "nan")
    handle.press("ArrowRight")  # focus stays on the redrawn handle
    expect(handle).to_have_attribute("data-epoch", str(last), timeout=WAIT)

    # Nothing reaches the kernel before Query; then layers, channels and epoch do.
    lab.check("assert sel.layers == [] and sel.epoch == 0, sel")
    root.locator('[data-role="query"]').click()
    expect(lab.cell(2).locator('[data-key="layers"] [data-role="value"]')).to_contain_text("conv1")
    lab.check(
        "assert sel.layers == ['conv1', 'pool1', 'conv2'], sel.layers\n"
        f"assert sel.channels == [0, 1, 2] and sel.epoch == {last}, sel"
    )

    # Dragging on the front face selects the intersection of a layer and a channel slab.
    drag(lab, cube.locator('[data-role="face"]'), (column(5), 0.99), (column(6), 0.93))
    expect(cube).to_have_attribute("data-layers", "fc1,fc2", timeout=WAIT)
    channels = cube.get_attribute("data-channels") or ""
    assert channels.startswith("0,1"), channels
    expect(root).to_have_attribute("data-dirty", "true")
    root.locator('[data-role="query"]').click()
    expect(root).to_have_attribute("data-dirty", "false", timeout=WAIT)
    lab.check(
        "assert sel.layers == ['fc1', 'fc2'], sel.layers\n"
        f"assert sel.channels == [{channels}], sel.channels"
    )

    # The kernel writes: the pending query follows the shared selection.
    lab.run_cell("sel.update(layers=['input'], channels=[], epoch=1)")
    expect(cube).to_have_attribute("data-layers", "input", timeout=WAIT)
    expect(handle).to_have_attribute("data-epoch", "1", timeout=WAIT)
    expect(notes).to_contain_text("Layer input has a single channel", timeout=WAIT)
    lab.screenshot("view", root)

    lab.timings["query_new_view_cell_to_ready_s"] = round(
        lab.time_cell("QueryView(cube, selection=sel)", f'{VIEW}[data-ready="true"]'), 2
    )
    lab.assert_clean()


def test_query_view_single_epoch_store(lab: LabPage, one_epoch_run: Path) -> None:
    cells = setup_cells(one_epoch_run)
    cells[1] = "view = QueryView(cube, selection=sel)\nview.pending_layers = ['input']\nview"
    lab.open_notebook(cells)
    lab.run_all()
    root = lab.cell(1).locator(f'{VIEW}[data-ready="true"]')
    root.wait_for(timeout=WAIT)
    notes = root.locator('[data-role="notes"]')
    expect(notes).to_contain_text("single recorded epoch (0)", timeout=WAIT)
    expect(notes).to_contain_text("Layer input has a single channel", timeout=WAIT)
    cube = root.locator('[data-role="cube"]')
    expect(cube.locator('[data-role="slice"]')).to_have_count(3)
    # The only channel can be chosen; the handle stays on the only epoch.
    drag(lab, cube.locator('[data-axis="epoch"]'), (0.2, 0.8), (0.9, 0.1))
    expect(cube.locator('[data-role="epoch-handle"]')).to_have_attribute("data-epoch", "0")
    root.locator('[data-role="query"]').click()
    lab.check("assert sel.layers == ['input'] and sel.epoch == 0, sel")
    lab.screenshot("one-epoch", root)
    lab.assert_clean()
