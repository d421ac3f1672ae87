"""Static HTML exports open in headless Chromium from file:// with no kernel and no network.

Each view of a real recorded LeNet/MNIST run (tests/helpers/lenet_run.py) is saved with
``save_html`` and opened as a file; the test checks the view drew (marks in its SVG and
non-blank canvases), that nothing was requested but the file itself and its blob: modules,
that the console stayed clean, and that interactions that need no Python still work.
No JupyterLab here: only the session's Chromium (conftest.py ``browser``).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ipywidgets as W
import pytest
from playwright.sync_api import expect

from cnnslicer_widgets.widgets import Selection
from cnnslicer_widgets.widgets.export import save_html
from helpers.export_views import lenet_views
from helpers.lenet_run import lenet_run

from .conftest import ARTIFACTS, ONE_FRONT_END, SLOW, _record_timings

pytestmark = pytest.mark.browser

WAIT = 60_000  # ms
NOTE = '[data-role="kernel-note"]'
LOCAL_SCHEMES = {"file", "blob", "data", "about"}

MARKS = """(root) => {
  const shapes = root.querySelectorAll("svg rect, svg path, svg circle, svg line, svg polyline, svg polygon").length;
  let painted = 0;
  for (const c of root.querySelectorAll("canvas")) {
    if (!c.width || !c.height) continue;
    const data = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) { painted += 1; break; }
  }
  return { shapes, painted, canvases: root.querySelectorAll("canvas").length };
}"""


@dataclass
class ExportPage:
    """A browser page on an exported file, with what it requested and logged."""

    page: Any
    name: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def open(self, path: Path) -> float:
        """Open the file and wait until the export says it drew; returns seconds taken."""
        start = time.monotonic()
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_function(
            "() => document.documentElement.dataset.exportReady", timeout=SLOW
        )
        elapsed = time.monotonic() - start
        state = self.page.evaluate("() => ({...document.documentElement.dataset})")
        assert state["exportReady"] == "true", (state, self.console_errors)
        self.timings["open_to_drawn_s"] = round(elapsed, 3)
        self.timings["export_script_ms"] = float(state["exportMs"])
        self.timings["file_kb"] = round(path.stat().st_size / 1024, 1)
        return elapsed

    def view(self, name: str) -> Any:
        root = self.page.locator(f'[data-cnnslicer-view="{name}"][data-ready="true"]')
        expect(root).to_have_count(1, timeout=WAIT)
        return root

    def marks(self, root: Any) -> dict[str, int]:
        return root.evaluate(MARKS)

    def screenshot(self, label: str, target: Any = None) -> Path:
        if target is not None:
            target.scroll_into_view_if_needed()
        path = ARTIFACTS / f"{self.name}-{label}.png"
        self.page.screenshot(path=str(path), full_page=target is None)
        return path

    def assert_clean(self) -> None:
        outside = [u for u in self.requests if u.split(":", 1)[0] not in LOCAL_SCHEMES]
        assert not outside, f"requests other than the file and its blob: modules: {outside}"
        assert not self.console_errors, f"browser console errors: {self.console_errors}"


@pytest.fixture
def export_page(request: pytest.FixtureRequest, browser: Any) -> Iterator[ExportPage]:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name).strip("-")
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(SLOW)
    ep = ExportPage(page, name)
    page.on("request", lambda r: ep.requests.append(r.url))
    page.on(
        "console",
        lambda m: m.type == "error" and ep.console_errors.append(f"{m.text} @ {m.location}"),
    )
    page.on("pageerror", lambda err: ep.console_errors.append(f"uncaught: {err}"))
    try:
        yield ep
    finally:
        try:
            ep.screenshot("end")
        finally:
            context.close()
            if ep.timings:
                _record_timings(name, ep.timings)
    ep.assert_clean()


@pytest.fixture(scope="module")
def views(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The four views of the real run with the deconvnet model, one shared Selection."""
    return lenet_views(lenet_run(tmp_path_factory), deconv=True)


def check_drawn(ep: ExportPage, name: str, root: Any, view: Any) -> None:
    """Evidence that the page drew the saved state of ``view`` (the Python widget)."""
    marks = ep.marks(root)
    ep.timings[f"{name}_render_ms"] = float(root.get_attribute("data-render-ms") or "nan")
    expect(root.locator('[data-role="message"]')).to_be_hidden()
    layers = view.selection.layers
    if name == "query":
        expect(root.locator("button.cq-box")).to_have_count(len(view.layer_table))
        expect(root.locator("button.cq-box.cq-selected")).to_have_count(len(layers))
        expect(root.locator('[data-role="applied"]')).to_contain_text(", ".join(layers))
        assert marks["shapes"] >= 30, marks
    elif name == "performance":
        matrix = root.locator('[data-role="confusion"]')
        expect(matrix).to_have_attribute("data-epoch", str(view.confusion_epoch))
        assert marks["shapes"] >= 100, marks  # matrix cells, entropy lines, loss, bars
    elif name == "layer":
        plot = root.locator('[data-role="plot"]')
        expect(plot).to_have_attribute("data-source", view.info["source"])
        expect(plot).to_have_attribute("data-rows", str(view.capacity.shape[0]))
        images = 4 * (3 + 2 * bool(view.picked_info.get("deconv"))) if view.picked else 0
        expect(root.locator('[data-role="maps"] canvas')).to_have_count(images)
        assert marks["painted"] >= 1 + images, marks  # the heatmap and every image
    elif name == "channel":
        expect(root.locator('[data-role="title"]')).to_have_text(f"Channel view: {view.layer}")
        n = view.entropy.shape[0]
        expect(root.locator(".cs-sm")).to_have_count(n)
        expect(root.locator("circle.cs-leaf")).to_have_count(11 * n)  # 10 classes + all
        assert marks["shapes"] >= 11 * n, marks
    assert marks["shapes"] + marks["painted"] > 0, f"{name} drew nothing: {marks}"


@pytest.mark.parametrize("name", ["query", "performance", "layer", "channel"])
def test_each_view_export_draws_with_no_kernel(
    export_page: ExportPage, views: dict[str, Any], tmp_path: Path, name: str
) -> None:
    path = save_html([views["selection"], views[name]], tmp_path / f"{name}.html")
    export_page.open(path)
    root = export_page.view(name)
    check_drawn(export_page, name, root, views[name])
    crumb = export_page.view("selection")
    expect(crumb.locator('span[data-key="layers"] [data-role="value"]')).to_have_text(
        "conv1, conv2"
    )
    expect(export_page.page.locator(NOTE)).to_have_count(0)
    export_page.screenshot("view", root)
    export_page.assert_clean()


def test_linked_views_keep_working_in_the_page(
    export_page: ExportPage, views: dict[str, Any], tmp_path: Path
) -> None:
    box = W.VBox(
        [views["selection"], *(views[k] for k in ("query", "performance", "layer", "channel"))]
    )
    path = save_html(box, tmp_path / "linked.html", title="LeNet on MNIST")
    export_page.open(path)
    page = export_page.page
    query, layer, channel = (export_page.view(k) for k in ("query", "layer", "channel"))
    performance = export_page.view("performance")
    crumb = export_page.view("selection")

    # Hover a heatmap cell: the shared selection (JS only) updates the breadcrumb.
    canvas = layer.locator('[data-role="plot"] canvas').first
    canvas.scroll_into_view_if_needed()
    b = canvas.bounding_box()
    page.mouse.move(b["x"] + b["width"] / 12, b["y"] + b["height"] / 32)
    expect(layer.locator('[data-role="tooltip"]')).to_contain_text("bits")
    expect(crumb.locator('[data-key="hovered"] [data-role="value"]')).to_contain_text("conv1:")
    export_page.screenshot("hover", layer)
    page.mouse.move(0, 0)

    # The query view's pending query and Query button work without Python.
    cube_svg = query.locator("svg").first
    before = cube_svg.inner_html()
    query.locator('button.cq-box[data-layer="pool1"]').click()
    expect(query).to_have_attribute("data-dirty", "true")
    expect(query.locator('[data-role="pending"]')).to_contain_text("layers pool1")
    assert cube_svg.inner_html() != before, "the slicer cube did not redraw"
    start = time.monotonic()
    query.locator('[data-role="query"]').click()
    expect(crumb.locator('span[data-key="layers"] [data-role="value"]')).to_have_text("pool1")
    export_page.timings["query_to_breadcrumb_ms"] = round((time.monotonic() - start) * 1e3, 1)
    expect(query).to_have_attribute("data-dirty", "false")
    expect(query.locator('[data-role="applied"]')).to_contain_text("layers pool1")
    # Views that Python redraws for a new layer say why they did not change.
    for view in (layer, channel):
        note = view.locator("xpath=..").locator(NOTE)
        expect(note).to_contain_text('layers = ["pool1"]')
    expect(performance.locator("xpath=..").locator(NOTE)).to_have_count(0)
    expect(query.locator("xpath=..").locator(NOTE)).to_have_count(0)
    export_page.screenshot("queried", query)

    # Zooming the channel view's circle packing is drawn in the page.
    pack = channel.locator(".cs-pack")
    group = channel.locator('circle.cs-group[data-group="class-3"]')
    group.scroll_into_view_if_needed()
    gb = group.bounding_box()
    page.mouse.click(gb["x"] + gb["width"] / 2, gb["y"] + 4)
    expect(pack).to_have_attribute("data-zoom", "class-3")
    expect(crumb.locator('[data-key="class_index"] [data-role="value"]')).to_contain_text("3")
    export_page.screenshot("zoomed", channel)

    # An epoch chosen on the performance slider reaches every view through the page's
    # Selection: the breadcrumb, the query view's pending epoch and the layer view's slider.
    slider = performance.locator('[data-role="epoch-slider"]')
    slider.evaluate("(s) => { s.value = '1'; s.dispatchEvent(new Event('input', {bubbles: true})); }")
    expect(crumb.locator('[data-key="epoch"] [data-role="value"]')).to_have_text("1")
    expect(query.locator('[data-role="pending"]')).to_contain_text("epoch 1")
    expect(layer.locator('[data-role="epoch-slider"]')).to_have_value("1")
    for view in (performance, layer, channel):
        expect(view.locator("xpath=..").locator(NOTE)).to_contain_text("epoch = 1")
    export_page.screenshot("epoch", performance)

    # Sorting is computed in Python: the button says so instead of failing silently.
    layer.locator('[data-sort="mean"]').click()
    expect(layer.locator("xpath=..").locator(NOTE)).to_contain_text('sort_by = "mean"')
    counts = page.evaluate("() => ({...document.documentElement.dataset})")
    assert int(counts["kernelChanges"]) >= 3, counts
    export_page.assert_clean()


def test_app_export_draws_each_view(
    export_page: ExportPage, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    from cnnslicer_widgets.models import mnist_lenet
    from cnnslicer_widgets.widgets.app import CNNSlicer

    app = CNNSlicer(lenet_run(tmp_path_factory), model=mnist_lenet(), watch=False)
    app.selection.layers = ["conv1", "conv2"]
    app.layer.picked = [1, 2]
    start = time.perf_counter()
    path = save_html(app, tmp_path / "app.html", title="CNNSlicer")
    export_page.timings["save_html_s"] = round(time.perf_counter() - start, 3)
    export_page.open(path)
    for name in ("query", "performance", "layer", "channel"):
        check_drawn(export_page, name, export_page.view(name), app.views[name])
    expect(
        export_page.page.locator(".cnnslicer-app, [data-export-widget='CNNSlicer']")
    ).not_to_have_count(0)
    export_page.screenshot("app")
    one = export_page.page.evaluate(ONE_FRONT_END)
    assert one == {"libs": 1, "sheets": 1, "inViews": 0}, one
    app.close()
    export_page.assert_clean()


def test_tabs_draw_each_view_when_shown(
    export_page: ExportPage, views: dict[str, Any], tmp_path: Path
) -> None:
    names = ("query", "performance", "layer", "channel")
    tabs = W.Tab([views[k] for k in names], titles=["Query", "Performance", "Layers", "Channels"])
    box = W.VBox([W.HTML("<h2>LeNet on MNIST</h2>"), views["selection"], tabs])
    export_page.open(save_html(box, tmp_path / "tabs.html"))
    page = export_page.page
    buttons = page.locator(".cx-tabbtn")
    expect(buttons).to_have_text(["Query", "Performance", "Layers", "Channels"])
    for i, name in enumerate(names):
        buttons.nth(i).click()  # panels draw when first shown, at their real width
        expect(buttons.nth(i)).to_have_attribute("aria-selected", "true")
        panel = page.locator(".cx-panel:not([hidden])")
        expect(panel).to_have_count(1)
        root = panel.locator(f'[data-cnnslicer-view="{name}"][data-ready="true"]')
        expect(root).to_have_count(1, timeout=WAIT)
        check_drawn(export_page, name, root, views[name])
        export_page.screenshot(f"tab-{name}")
    export_page.assert_clean()


def test_containers_text_and_layout(export_page: ExportPage, tmp_path: Path) -> None:
    sel = Selection(layers=["conv1"], epoch=1)
    acc = W.Accordion([W.Label("first panel"), sel], titles=["Text", "Selection"])
    acc.selected_index = None  # all closed: nothing drawn until opened
    stack = W.Stack([W.HTML("<i>hidden</i>"), W.HTML("<b data-probe='stack'>shown</b>")])
    stack.selected_index = 1
    grid = W.GridBox(
        [W.Label("a"), W.Label("b"), W.Label("c")],
        layout=W.Layout(grid_template_columns="repeat(3, 120px)", width="400px"),
    )
    box = W.VBox(
        [W.HBox([W.HTML("<b>left</b>"), W.Label("right", description="side:")]), acc, stack, grid]
    )
    export_page.open(save_html(box, tmp_path / "containers.html"))
    page = export_page.page
    hbox = page.locator(".cx-hbox")
    expect(hbox).to_contain_text("left")
    expect(hbox.locator(".cx-description")).to_have_text("side:")
    expect(page.locator("[data-probe='stack']")).to_have_text("shown")
    expect(page.get_by_text("hidden")).to_have_count(0)
    cells = page.locator(".cx-gridbox > .cx-child")
    assert [round(cells.nth(i).bounding_box()["x"]) for i in range(3)] == [
        round(cells.nth(0).bounding_box()["x"]) + 120 * i + 8 * i for i in range(3)
    ]
    expect(page.locator('[data-cnnslicer-view="selection"]')).to_have_count(0)
    page.locator("details.cx-item summary").nth(1).click()  # open the Selection panel
    crumb = export_page.view("selection")
    expect(crumb.locator('span[data-key="layers"] [data-role="value"]')).to_have_text("conv1")
    crumb.locator('button[data-key="layers"]').click()  # the breadcrumb's clear button
    expect(crumb.locator('span[data-key="layers"] [data-role="value"]')).to_have_text("none")
    export_page.screenshot("containers")
    export_page.assert_clean()
