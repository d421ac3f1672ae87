"""The information view in real JupyterLab + Chromium, on a real recorded LeNet/MNIST run."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from helpers.lenet_run import lenet_run

if TYPE_CHECKING:
    from .conftest import LabPage

pytestmark = pytest.mark.browser

WAIT = 120_000  # ms
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "browser"
VIEW = '[data-cnnslicer-view="information"]'


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return lenet_run(tmp_path_factory)


def setup_cells(store: Path, layers: list[str], *, epochs: str = "") -> list[str]:
    cube = f"open_cube({str(store)!r}){'.sel(epoch=' + epochs + ')' if epochs else ''}"
    return [
        "from cnnslicer_widgets.cube import open_cube\n"
        "from cnnslicer_widgets.widgets import Selection\n"
        "from cnnslicer_widgets.widgets.information import InformationView\n"
        f"cube = {cube}\n"
        f"sel = Selection(layers={layers!r}, epoch=3)\n"
        "view = InformationView(cube, sel)",
        "view",
        "sel",
    ]


def shot(lab: LabPage, label: str) -> None:
    """The page (lab.screenshot) and the whole view, also the part below the fold."""
    root = lab.cell(1).locator(VIEW)
    lab.screenshot(label, root)
    size = lab.page.viewport_size
    lab.page.set_viewport_size({"width": size["width"], "height": 2200})  # the view's height
    try:
        root.scroll_into_view_if_needed()
        root.screenshot(path=str(ARTIFACTS / f"{lab.name}-{label}-view.png"))
    finally:
        lab.page.set_viewport_size(size)


def canvas_digest(lab: LabPage, role: str) -> str:
    return (
        lab.cell(1)
        .locator(f'{VIEW} canvas[data-role="{role}-canvas"]')
        .evaluate("(c) => c.toDataURL().slice(-4000)")
    )


def test_information_view_renders_and_links(lab: LabPage, store: Path) -> None:
    lab.open_notebook(setup_cells(store, ["conv2"]))
    start = lab.run_all()
    root = lab.cell(1).locator(VIEW)
    maps = root.locator(".ci-maps")
    expect(maps).to_have_attribute("data-layer", "conv2", timeout=WAIT)
    lab.timings["run_all_to_view_s"] = round(time.monotonic() - start, 2)
    lab.timings["information_js_first_render_ms"] = float(
        root.get_attribute("data-render-ms") or "nan"
    )
    plane = root.locator('svg[data-role="plane"]')
    expect(plane).to_have_attribute("data-estimator", "kde")
    # One trajectory per layer of the store (7: all shown), the KDE as a range per epoch.
    expect(plane.locator('[data-role="trajectory"]')).to_have_count(7)
    expect(plane.locator('[data-role="range"]')).to_have_count(7 * 4, timeout=WAIT)
    fc1 = plane.locator('[data-role="trajectory"][data-layer="fc1"]')
    expect(fc1.locator("circle.ci-point")).to_have_count(4)  # the upper bound per epoch
    expect(fc1.locator("circle.ci-low")).to_have_count(4)  # the lower bound, a ring
    expect(plane.locator('[data-role="trajectory"].ci-picked')).to_have_attribute(
        "data-layer", "conv2"
    )
    expect(plane.locator('[data-role="epoch-ring"]')).to_have_count(7)
    expect(plane.locator('[data-role="null-band"]')).to_have_count(1)
    expect(root.locator('[data-role="epoch-legend"]')).to_contain_text("epoch")
    expect(root.locator('svg[data-role="boxes"] .ci-box')).to_have_count(4)
    expect(root.locator('[data-role="mi-heatmap"]')).to_have_attribute("data-cols", "16")
    expect(root.locator('[data-role="rank-heatmap"]')).to_have_attribute("data-rows", "10")
    shot(lab, "conv2")

    # Hover on a heatmap cell shows its value.
    canvas = root.locator('canvas[data-role="mi-heatmap-canvas"]')
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    lab.page.mouse.move(box["x"] + box["width"] * 0.5 / 16, box["y"] + box["height"] * 2.5 / 10)
    tip = root.locator('[data-role="mi-heatmap"] [data-role="tooltip"]')
    expect(tip).to_be_visible(timeout=WAIT)
    expect(tip).to_contain_text("class 2 vs rest · channel 0")
    expect(tip).to_contain_text("bits")
    expect(lab.cell(2).locator('[data-key="hovered"] [data-role="value"]')).to_contain_text(
        "conv2", timeout=WAIT
    )  # hover reaches the shared selection (its breadcrumb)
    shot(lab, "hover")
    # Clicking a column selects that channel everywhere; the heatmaps mark it.
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()  # again: the screenshot resized the page
    lab.page.mouse.click(box["x"] + box["width"] * 3.5 / 16, box["y"] + box["height"] * 0.5 / 10)
    expect(root.locator('[data-role="channel-mark"]')).to_have_count(2, timeout=WAIT)
    lab.check("assert sel.channels == [3], sel.channels")

    # Clicking a trajectory adds its layer in the kernel; the panels show it.
    fc1.locator("circle.ci-point").last.click()
    expect(maps).to_have_attribute("data-layer", "fc1", timeout=WAIT)
    expect(plane.locator('[data-role="trajectory"].ci-focus')).to_have_attribute(
        "data-layer", "fc1"
    )
    expect(plane.locator('[data-role="trajectory"].ci-picked')).to_have_count(2)
    expect(root.locator('[data-role="mi-heatmap"]')).to_have_attribute("data-cols", "120")
    lab.check("assert sel.layers == ['conv2', 'fc1'], sel.layers\n"
              "assert view.class_mi.shape == (10, 120)")  # fmt: skip
    lab.page.mouse.move(0, 0)
    shot(lab, "fc1")

    # Changing the epoch (a box click) redraws the heatmaps at that epoch.
    before = canvas_digest(lab, "mi-heatmap")
    root.locator('svg[data-role="boxes"] .ci-box[data-epoch="1"] .ci-box-hit').click()
    expect(root).to_have_attribute("data-drawn-epoch", "1", timeout=WAIT)
    lab.timings["epoch_change_redraw_ms"] = float(root.get_attribute("data-redraw-ms") or "nan")
    assert canvas_digest(lab, "mi-heatmap") != before
    expect(root.locator('[data-role="epoch-value"]')).to_have_text("1")
    lab.check("assert sel.epoch == 1 and view.layer_info['epoch'] == 1, sel.epoch")
    lab.run_cell("sel.epoch = 2")
    expect(root).to_have_attribute("data-drawn-epoch", "2", timeout=WAIT)
    expect(plane.locator('circle.ci-point[data-epoch="2"]').first).to_be_visible()

    # Switching the estimator redraws the plane in the browser (every estimate is there).
    root.locator('[data-estimator="binning"]').click()
    expect(plane).to_have_attribute("data-estimator", "binning", timeout=WAIT)
    expect(root).to_have_attribute("data-drawn-estimator", "binning", timeout=WAIT)
    expect(plane.locator('[data-role="range"]')).to_have_count(0)
    expect(root.locator('[data-role="plane-notes"]')).to_contain_text("Saturated, drawn hollow")
    lab.check("assert view.estimator == 'binning' and view.plane_xt.shape == (7, 4, 3)")
    shot(lab, "binning")
    # The shared selection's class is outlined in both heatmaps.
    lab.run_cell("sel.class_index = 2")
    expect(root.locator('[data-role="class-mark"]')).to_have_count(2, timeout=WAIT)
    root.locator('[data-estimator="kde_upper"]').click()
    expect(plane).to_have_attribute("data-estimator", "kde_upper", timeout=WAIT)
    expect(fc1.locator("circle.ci-point")).to_have_count(4)
    lab.assert_clean()


def test_information_view_messages(lab: LabPage, store: Path) -> None:
    lab.open_notebook(setup_cells(store, [], epochs="[3]"))
    lab.run_all()
    root = lab.cell(1).locator(VIEW)
    panel = root.locator('[data-role="panel-message"]')
    expect(panel).to_contain_text("No layer selected", timeout=WAIT)
    expect(root.locator('[data-role="plane-notes"]')).to_contain_text("Only epoch 3 is recorded")
    expect(root.locator('svg[data-role="plane"] [data-role="trajectory"]')).to_have_count(7)
    shot(lab, "no-layer-one-epoch")
    lab.run_cell("sel.layers = ['input']")
    expect(panel).to_be_hidden(timeout=WAIT)
    expect(root.locator('[data-role="layer-notes"]')).to_contain_text("single channel")
    expect(root.locator('[data-role="mi-heatmap"]')).to_have_attribute("data-cols", "1")
    shot(lab, "single-channel")
    lab.run_cell("sel.layers = ['nonexistent']")
    expect(panel).to_contain_text("is not in this store", timeout=WAIT)
    lab.assert_clean()
