"""The layer view in real JupyterLab + Chromium, on a real recorded LeNet/MNIST run."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from helpers.lenet_run import lenet_run

from .layout_probes import OVERFLOW, set_output_width

if TYPE_CHECKING:
    from .conftest import LabPage

pytestmark = pytest.mark.browser

WAIT = 120_000  # ms
VIEW = '[data-cnnslicer-view="layer"]'


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return lenet_run(tmp_path_factory)


def setup_cells(store: Path, layers: list[str], *, model: bool = True) -> list[str]:
    return [
        "from cnnslicer_widgets.cube import open_cube\n"
        "from cnnslicer_widgets.models import mnist_lenet\n"
        "from cnnslicer_widgets.widgets import Selection\n"
        "from cnnslicer_widgets.widgets.layer_view import LayerView\n"
        f"cube = open_cube({str(store)!r})\n"
        f"sel = Selection(layers={layers!r}, epoch=3)\n"
        f"view = LayerView(cube, sel{', model=mnist_lenet()' if model else ''})",
        "view",
        "sel",
    ]


def canvas_digest(lab: LabPage) -> str:
    return (
        lab.cell(1)
        .locator(f'{VIEW} canvas[data-role="heatmap"]')
        .evaluate("(c) => c.toDataURL().slice(-4000)")
    )


def click_cell(lab: LabPage, row: int, col: int, *, click: bool = True) -> None:
    """Move to (and click) the centre of heatmap cell (row, col) in display order."""
    plot = lab.cell(1).locator(f'{VIEW} [data-role="plot"]')
    rows, cols = int(plot.get_attribute("data-rows")), int(plot.get_attribute("data-cols"))
    canvas = plot.locator("canvas")
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    x = box["x"] + (col + 0.5) * box["width"] / cols
    y = box["y"] + (row + 0.5) * box["height"] / rows
    lab.page.mouse.move(x, y)
    if click:
        lab.page.mouse.click(x, y)


def slide_to(lab: LabPage, slider, position: int, stops: int) -> None:  # noqa: ANN001
    """Click a range input where its thumb sits at ``position`` of ``stops`` positions."""
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    thumb = 16  # px, Chromium's default range thumb
    x = box["x"] + thumb / 2 + (box["width"] - thumb) * position / (stops - 1)
    lab.page.mouse.click(x, box["y"] + box["height"] / 2)


def test_layer_view_heatmap_follows_the_selection(lab: LabPage, store: Path) -> None:
    lab.open_notebook(setup_cells(store, ["conv1", "conv2"]))
    start = lab.run_all()
    root = lab.cell(1).locator(VIEW)
    root.locator('[data-role="plot"][data-source="conv1"][data-target="conv2"]').wait_for(
        timeout=WAIT
    )
    lab.timings["run_all_to_heatmap_s"] = round(time.monotonic() - start, 2)
    lab.timings["layer_js_render_ms"] = float(root.get_attribute("data-render-ms") or "nan")
    plot = root.locator('[data-role="plot"]')
    expect(plot).to_have_attribute("data-rows", "16")
    expect(plot).to_have_attribute("data-cols", "6")
    expect(root.locator('[data-role="title"]')).to_have_text("Channel capacity: conv1 → conv2")
    expect(root.locator('[data-role="legend"]')).to_contain_text("bits")
    before = canvas_digest(lab)
    lab.screenshot("conv1-conv2", root)

    # Choosing other layers in the shared selection (from a cell) changes the heatmap.
    lab.run_cell("sel.layers = ['pool1', 'conv2']")
    expect(plot).to_have_attribute("data-source", "pool1", timeout=WAIT)
    assert canvas_digest(lab) != before
    lab.run_cell("sel.layers = ['conv2', 'fc1']")
    expect(plot).to_have_attribute("data-cols", "16", timeout=WAIT)
    expect(plot).to_have_attribute("data-rows", "120", timeout=WAIT)
    lab.screenshot("conv2-fc1", root)
    lab.run_cell("sel.layers = ['conv1', 'conv2']")
    expect(plot).to_have_attribute("data-source", "conv1", timeout=WAIT)

    # Hover shows the value and writes Selection.hovered; the breadcrumb shows it.
    click_cell(lab, 0, 0, click=False)
    tip = root.locator('[data-role="tooltip"]')
    expect(tip).to_be_visible(timeout=WAIT)
    expect(tip).to_contain_text("bits")
    expect(lab.cell(2).locator('[data-key="hovered"] [data-role="value"]')).to_contain_text(
        "conv1:", timeout=WAIT
    )
    lab.screenshot("hover")

    # Clicking a cell shows the feature maps of both channels for the probe images.
    click_cell(lab, 0, 0)
    maps = root.locator('[data-role="maps"]')
    expect(maps.locator('[data-row="source"] canvas')).to_have_count(4, timeout=WAIT)
    expect(maps.locator('[data-row="target"] canvas')).to_have_count(4)
    expect(maps.locator('[data-row="input"] canvas')).to_have_count(4)
    expect(maps.locator('[data-row="source-deconv"] canvas')).to_have_count(4)
    picked = maps.get_attribute("data-picked")
    lab.page.mouse.move(0, 0)
    lab.screenshot("picked", root)
    # Beside the heatmap (from 900 px) or below it, the maps fit: nothing cut, no scrolling.
    for width in (880, 968, 1280):
        set_output_width(lab, lab.cell(1), width)
        lab.page.wait_for_timeout(300)
        spill = root.evaluate(OVERFLOW)
        assert not spill["outside"] and spill["scroll"] <= 0, (width, spill)
        edge = root.bounding_box()
        for box in (c.bounding_box() for c in maps.locator("canvas").all()):
            assert box["x"] + box["width"] <= edge["x"] + edge["width"] + 1, (width, box, edge)
            assert box["width"] >= 40, (width, box)  # shrunk to fit, still an image
        lab.screenshot(f"picked-{width}", root)
    lab.check(
        f"assert view.picked == [{picked}], view.picked\n"
        "s, t = view.picked\n"
        "assert s == view.column_order[0] and t == view.row_order[0], (s, t)\n"
        "assert view.source_maps.shape == (4, 28, 28, 1) and view.target_maps.shape == (4, 10, 10, 1)"
    )
    lab.assert_clean()


def test_layer_view_sort_and_epoch_slider(lab: LabPage, store: Path) -> None:
    lab.open_notebook(setup_cells(store, ["conv1", "conv2"], model=False))
    lab.run_all()
    root = lab.cell(1).locator(VIEW)
    plot = root.locator('[data-role="plot"]')
    expect(plot).to_have_attribute("data-epoch", "3", timeout=WAIT)
    expect(root.locator('[data-sort="max"]')).to_have_attribute("aria-pressed", "true")

    root.locator('[data-sort="mean"]').click()
    expect(plot).to_have_attribute("data-sorted", "mean", timeout=WAIT)
    expect(root.locator('[data-sort="mean"]')).to_have_attribute("aria-pressed", "true")
    lab.check(
        "from cnnslicer_widgets.estimators import sort_capacity\n"
        "s = sort_capacity(view.capacity_matrix(), by='mean')\n"
        "assert view.sort_by == 'mean'\n"
        "assert view.column_order.tolist() == s.source_channel.values.tolist()\n"
        "assert view.row_order.tolist() == s.target_channel.values.tolist()"
    )

    # The slider writes Selection.epoch; the kernel computes and the heatmap redraws.
    slider = root.locator('[data-role="epoch-slider"]')
    slide_to(lab, slider, 2, 4)
    expect(plot).to_have_attribute("data-epoch", "2", timeout=WAIT)
    expect(root).to_have_attribute("data-drawn-epoch", "2", timeout=WAIT)
    lab.check("assert sel.epoch == 2 and view.info['epoch'] == 2, (sel.epoch, view.info)")
    # Back to a cached epoch: no computing, and the redraw is timed from the slider.
    slide_to(lab, slider, 3, 4)
    expect(root).to_have_attribute("data-drawn-epoch", "3", timeout=WAIT)
    lab.timings["slider_cached_redraw_ms"] = float(root.get_attribute("data-redraw-ms") or "nan")
    lab.check("assert view.cache_hits >= 1 and sel.epoch == 3, view.cache_hits")

    # Clicking a cell without model= shows feature maps and says how to add deconvnet.
    click_cell(lab, 1, 1)
    maps = root.locator('[data-role="maps"]')
    expect(maps.locator('[data-row="source"] canvas')).to_have_count(4, timeout=WAIT)
    expect(maps).to_contain_text("Pass model= to LayerView")
    lab.assert_clean()


def test_layer_view_messages(lab: LabPage, store: Path) -> None:
    lab.open_notebook(setup_cells(store, []))
    lab.run_all()
    root = lab.cell(1).locator(VIEW)
    message = root.locator('[data-role="message"]')
    expect(message).to_contain_text("No layers selected", timeout=WAIT)
    lab.screenshot("no-layers", root)
    lab.run_cell("sel.layers = ['conv1']")
    expect(message).to_contain_text("One layer selected (conv1)", timeout=WAIT)
    lab.run_cell("sel.layers = ['input', 'conv1']")
    expect(message).to_be_hidden(timeout=WAIT)
    expect(root.locator('[data-role="notes"]')).to_contain_text("input has a single channel")
    lab.screenshot("single-channel", root)
    lab.assert_clean()
