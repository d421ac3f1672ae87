"""The channel view in real JupyterLab + Chromium, on a real recorded LeNet/MNIST run."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from helpers.lenet_run import lenet_run

from .conftest import ARTIFACTS

if TYPE_CHECKING:
    from .conftest import LabPage

pytestmark = pytest.mark.browser

WAIT = 120_000  # ms
VIEW = '[data-cnnslicer-view="channel"]'


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return lenet_run(tmp_path_factory)


def setup_cells(store: Path, layers: list[str], *, model: bool = True) -> list[str]:
    return [
        "from cnnslicer_widgets.cube import open_cube\n"
        "from cnnslicer_widgets.models import mnist_lenet\n"
        "from cnnslicer_widgets.widgets import Selection\n"
        "from cnnslicer_widgets.widgets.channel_view import ChannelView\n"
        f"cube = open_cube({str(store)!r})\n"
        f"sel = Selection(layers={layers!r}, epoch=3)\n"
        f"view = ChannelView(cube, sel{', model=mnist_lenet()' if model else ''})",
        "view",
        "sel",
    ]


def biggest_leaf(root, group: str) -> int:  # noqa: ANN001 - a Playwright Locator
    """The channel whose circle is largest in ``group`` (easy to click)."""
    return root.locator(f'circle.cs-leaf[data-group="{group}"]').evaluate_all(
        "(cs) => Number(cs.reduce((a, b) => (+a.getAttribute('r') >= +b.getAttribute('r') ? a : b))"
        ".dataset.channel)"
    )


def test_channel_view_packing_zoom_and_deconvnet(lab: LabPage, store: Path) -> None:
    lab.open_notebook(setup_cells(store, ["conv2"]))
    start = lab.run_all()
    root = lab.cell(1).locator(VIEW)
    root.locator('[data-role="small-multiples"] .cs-sm').first.wait_for(timeout=WAIT)
    lab.timings["run_all_to_small_multiples_s"] = round(time.monotonic() - start, 2)
    lab.timings["channel_js_render_ms"] = float(root.get_attribute("data-render-ms") or "nan")
    expect(root.locator(".cs-sm")).to_have_count(16)
    expect(root.locator("circle.cs-group")).to_have_count(11)  # 10 classes and all classes
    expect(root.locator("circle.cs-leaf")).to_have_count(11 * 16)
    expect(root.locator('[data-role="title"]')).to_have_text("Channel view: conv2")
    lab.screenshot("overview", root)

    # Click a class circle: the packing zooms into it and the class is selected.
    pack = root.locator(".cs-pack")
    group = root.locator('circle.cs-group[data-group="class-3"]')
    box = group.bounding_box()
    lab.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + 4)  # inside, above the leaves
    expect(pack).to_have_attribute("data-zoom", "class-3", timeout=WAIT)
    lab.check("assert sel.class_index == 3, sel.class_index")

    # Hover a channel circle: its value shows; click it: deconvnet projections show.
    channel = biggest_leaf(root, "class-3")
    leaf = root.locator(f'circle.cs-leaf[data-group="class-3"][data-channel="{channel}"]')
    leaf.hover()
    expect(pack.locator(".cs-tip")).to_contain_text(f"channel {channel}", timeout=WAIT)
    expect(pack.locator(".cs-tip")).to_contain_text("bits")
    lab.screenshot("zoomed-hover")
    leaf.click()
    panel = root.locator('[data-role="deconv"]')
    expect(panel).to_have_attribute("data-channel", str(channel), timeout=WAIT)
    expect(panel).to_have_attribute("data-state", "images", timeout=WAIT)
    expect(panel.locator('[data-row="deconv"] canvas')).to_have_count(4)
    lab.page.mouse.move(0, 0)
    lab.screenshot("deconvnet", root)
    root.screenshot(path=str(ARTIFACTS / f"{lab.name}-view.png"))  # docs/images/channel_view.png
    lab.check(
        f"assert sel.channels == [{channel}], sel.channels\n"
        "assert view.deconv_info['channel'] == sel.channels[0] and view.deconv_info['epoch'] == 3\n"
        "assert view.deconv_images.shape == (4, 28, 28, 1)\n"
        "assert (view.probe_labels == 3).all(), view.probe_labels"
    )

    # Zoom back out from the breadcrumb; click a small multiple: another channel.
    root.locator('[data-action="zoom-out"]').click()
    expect(pack).to_have_attribute("data-zoom", "root", timeout=WAIT)
    other = (channel + 1) % 16
    root.locator(f'.cs-sm[data-channel="{other}"]').click()
    expect(panel).to_have_attribute("data-channel", str(other), timeout=WAIT)
    lab.check(f"assert sel.channels == [{other}] and sel.class_index is None, sel")
    lab.assert_clean()


def test_channel_view_large_layer_and_no_model(lab: LabPage, store: Path) -> None:
    lab.open_notebook(setup_cells(store, ["fc1"], model=False))
    lab.run_all()
    root = lab.cell(1).locator(VIEW)
    expect(root.locator(".cs-sm")).to_have_count(120, timeout=WAIT)
    grid = root.locator('[data-role="small-multiples"]')
    scrolls = grid.evaluate("(g) => g.scrollHeight > g.clientHeight + 1")
    assert not scrolls, "the 120 small multiples show whole: the grid grows, never scrolls"
    ticks = root.locator('.cs-sm[data-channel="119"] [data-role="y-tick"]')
    expect(ticks).to_have_count(3)  # every box has its y ticks
    lab.screenshot("fc1", root)

    # The slider writes the epoch; the packing follows without a kernel round trip.
    lab.run_cell("sel.layers = ['conv1']")
    expect(root.locator(".cs-sm")).to_have_count(6, timeout=WAIT)
    slider = root.locator('[data-role="epoch-slider"]')
    slider.scroll_into_view_if_needed()
    box = slider.bounding_box()
    lab.page.mouse.click(box["x"] + 8, box["y"] + box["height"] / 2)
    expect(root).to_have_attribute("data-epoch", "0", timeout=WAIT)
    lab.check("assert sel.epoch == 0, sel.epoch")

    # Without model= the deconvnet panel says how to get it.
    root.locator('.cs-sm[data-channel="2"]').click()
    panel = root.locator('[data-role="deconv"]')
    expect(panel).to_have_attribute("data-state", "note", timeout=WAIT)
    expect(panel).to_contain_text("pass it as ChannelView(cube, model=...)")
    lab.screenshot("conv1-no-model", root)
    lab.check("assert sel.channels == [2], sel.channels")
    lab.assert_clean()
