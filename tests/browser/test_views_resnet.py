"""The layer, channel, information and performance views on a 61-layer resnet18 run, in
real JupyterLab + Chromium at 968 px and 1,280 px of notebook output: nothing overflows,
no two labels overlap (from their bounding boxes), a trajectory click adds a layer, the
heatmap zooms and an edge row is hit. Screenshots: tests/artifacts/browser/*-resnet-*.png
(docs/images/{layer,channel,information,performance}_resnet.png come from these)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import expect

from helpers.resnet_run import resnet_run

if TYPE_CHECKING:
    from .conftest import LabPage

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts" / "browser"
WIDTHS = (968, 1280)  # px of notebook output (968: JupyterLab's default with the sidebar open)
VIEWS = ("information", "layer", "channel", "performance")
OVERFLOW = """(out) => {
    const box = out.getBoundingClientRect();
    const bad = [];
    for (const n of out.querySelectorAll('.cnnslicer-view *')) {
        const r = n.getBoundingClientRect();
        if (r.width && r.height && r.right > box.right + 1) bad.push(`${n.tagName}.${n.getAttribute('class')} +${Math.round(r.right - box.right)}`);
    }
    return bad.slice(0, 6);
}"""
OVERLAPS = """([root, selector]) => {
    const boxes = [...root.querySelectorAll(selector)].map((n) => [n.textContent, n.getBoundingClientRect()])
        .filter(([, r]) => r.width && r.height);
    const out = [];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const [a, p] = boxes[i]; const [b, q] = boxes[j];
        if (p.left < q.right - 0.5 && q.left < p.right - 0.5 && p.top < q.bottom - 0.5 && q.top < p.bottom - 0.5) out.push(`${a} / ${b}`);
    }
    return [boxes.length, out.slice(0, 6)];
}"""
LABELS = {  # labels that must not overlap, per view
    "information": ['[data-role="layer-label"]', '[data-role="mi-heatmap"] text[data-axis], [data-role="mi-heatmap"] .cs-axis text',
                    '[data-role="mi-heatmap-legend"] text', '[data-role="rank-heatmap-legend"] text', 'svg[data-role="boxes"] .cs-tick'],
    "layer": ['[data-role="plot"] text[data-axis="x"]', '[data-role="plot"] text[data-axis="y"]', '[data-role="legend"] text'],
    "channel": ['.cs-sm:first-child .cs-sm-ytick text', '[data-role="packing"] text[visibility="visible"]'],
    # the confusion's column names turn (tickLayout spaces them along their slant, which
    # axis-aligned boxes cannot show); its row names and counts must not touch
    "performance": ['[data-role="confusion"] .cs-tick[data-axis="y"]', '[data-role="confusion"] .cs-cell-text'],
}  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return resnet_run(tmp_path_factory)


def cells(store: Path) -> list[str]:
    return [
        "from cnnslicer_widgets.cube import open_cube\n"
        "from cnnslicer_widgets.widgets import Selection\n"
        "from cnnslicer_widgets.widgets.information import InformationView\n"
        "from cnnslicer_widgets.widgets.layer_view import LayerView\n"
        "from cnnslicer_widgets.widgets.channel_view import ChannelView\n"
        "from cnnslicer_widgets.widgets.performance import PerformanceView\n"
        f"cube = open_cube({str(store)!r})\n"
        "sel = Selection(layers=['layer1.0.conv1', 'layer1.0.conv2'], epoch=2)\n"
        "info = InformationView(cube, sel, n_permutations=5)\n"
        "layer = LayerView(cube, sel)\n"
        "layer.compare = [{'source': 'layer1.0.conv1', 'target': 'layer1.0.conv2', 'epoch': 0}]\n"
        "channel = ChannelView(cube, sel)\n"
        "perf = PerformanceView(cube, sel)",
        "info",
        "layer",
        "channel",
        "perf",
    ]


def set_output_width(lab: LabPage, width: int) -> None:
    """Resize the page so that a notebook output is `width` px wide."""
    out = lab.cell(1).locator(".jp-OutputArea-output")
    for _ in range(3):
        now = out.evaluate("(o) => o.getBoundingClientRect().width")
        size = lab.page.viewport_size
        if abs(now - width) <= 2:
            return
        lab.page.set_viewport_size({"width": int(size["width"] + width - now), "height": 1000})
        lab.page.wait_for_timeout(400)  # the views redraw on their ResizeObserver
    raise AssertionError(f"could not make the output {width} px wide (now {now})")


def check_layout(lab: LabPage, width: int) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for k, name in enumerate(VIEWS, start=1):
        out = lab.cell(k).locator(".jp-OutputArea-output")
        assert out.evaluate(OVERFLOW) == [], f"{name} overflows at {width} px"
        root = lab.cell(k).locator(f'[data-cnnslicer-view="{name}"]').element_handle()
        for selector in LABELS[name]:
            count, clashes = lab.page.evaluate(OVERLAPS, [root, selector])
            assert clashes == [], f"{name} at {width} px: overlapping {selector}: {clashes}"
            found[f"{name} {selector}"] = count
    return found


def shoot(lab: LabPage, width: int) -> None:
    for k, name in enumerate(VIEWS, start=1):
        root = lab.cell(k).locator(f'[data-cnnslicer-view="{name}"]')
        root.scroll_into_view_if_needed()
        root.screenshot(path=str(ARTIFACTS / f"{lab.name}-resnet-{name}-{width}.png"))


def test_views_fit_and_read_on_resnet18(lab: LabPage, store: Path) -> None:
    lab.open_notebook(cells(store))
    start = lab.run_all()
    info = lab.cell(1).locator('[data-cnnslicer-view="information"]')
    expect(info.locator(".ci-maps")).to_have_attribute("data-layer", "layer1.0.conv1", timeout=600_000)
    expect(info).to_have_attribute("data-busy", "false", timeout=900_000)
    lab.timings["run_all_to_plane_complete_s"] = round(time.monotonic() - start, 1)
    plane = info.locator('svg[data-role="plane"]')
    # one trajectory per block (15 of 61 layers) and the selected pair
    expect(plane.locator('[data-role="trajectory"]')).to_have_count(17)
    expect(plane.locator('[data-role="range"]').first).to_be_visible()  # the KDE as a range
    layer = lab.cell(2).locator('[data-cnnslicer-view="layer"]')
    expect(layer.locator('[data-role="compare-panel"]')).to_have_attribute("data-state", "ready", timeout=600_000)
    for width in WIDTHS:
        set_output_width(lab, width)
        counts = check_layout(lab, width)
        assert counts['information [data-role="layer-label"]'] >= 3, counts
        shoot(lab, width)

    # A click on a trajectory adds its layer; the layer view keeps its pair.
    fc = plane.locator('[data-role="trajectory"][data-layer="layer2.0.relu#1"] circle.ci-point').last
    fc.scroll_into_view_if_needed()
    fc.dispatch_event("click")  # trajectories cross in the clump: another one's hit line is on top
    expect(info.locator(".ci-maps")).to_have_attribute("data-layer", "layer2.0.relu#1", timeout=600_000)
    lab.check("assert sel.layers == ['layer1.0.conv1', 'layer1.0.conv2', 'layer2.0.relu#1'], sel.layers\n"
              "assert layer.capacity.shape == (64, 64)")  # fmt: skip
    expect(info.locator('[data-role="layer-chips"] .ci-chip')).to_have_count(3)

    # Zoom: drag over the heatmap's top-left quarter, then click the last row's last pixel.
    plot = layer.locator('[data-role="plot"]')
    canvas = layer.locator('canvas[data-role="heatmap"]')
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    lab.page.mouse.move(box["x"] + 2, box["y"] + 2)
    lab.page.mouse.down()
    lab.page.mouse.move(box["x"] + box["width"] / 4, box["y"] + box["height"] / 4, steps=5)
    lab.page.mouse.up()
    expect(plot).to_have_attribute("data-zoomed", "true")
    rows = int(plot.get_attribute("data-shown-rows"))
    assert 8 <= rows <= 24, rows
    box = canvas.bounding_box()
    lab.page.mouse.click(box["x"] + 1, box["y"] + box["height"] - 0.5)
    expect(layer.locator('[data-role="maps"]')).not_to_have_attribute("data-picked", "", timeout=600_000)
    lab.check(f"assert layer.picked[1] == int(layer.row_order[{rows} - 1]), layer.picked")
    layer.locator('[data-action="zoom-out"]').click()
    expect(plot).to_have_attribute("data-zoomed", "false")
    lab.screenshot("end", layer)
