"""The CNNSlicer app in real JupyterLab + Chromium: four linked views of a real recorded
LeNet/MNIST run, and live epochs from a training loop running in the notebook's kernel."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from helpers.lenet_run import lenet_run

from .conftest import ONE_FRONT_END

if TYPE_CHECKING:
    from .conftest import LabPage

pytestmark = pytest.mark.browser

WAIT = 120_000  # ms
VIEWS = ("query", "performance", "layer", "channel")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return lenet_run(tmp_path_factory)


def view(lab: LabPage, name: str, cell: int = 1):  # noqa: ANN201 - a playwright Locator
    return lab.cell(cell).locator(f'[data-cnnslicer-view="{name}"]')


def wait_all_views(lab: LabPage, cell: int = 1) -> None:
    for name in VIEWS:
        view(lab, name, cell).and_(lab.page.locator('[data-ready="true"]')).wait_for(timeout=WAIT)
    view(lab, "layer", cell).locator('[data-role="plot"][data-source]').wait_for(timeout=WAIT)
    view(lab, "channel", cell).locator(".cs-sm-box canvas, .cs-sm-box svg").first.wait_for(
        timeout=WAIT
    )


def heatmap_digest(lab: LabPage) -> str:
    canvas = view(lab, "layer").locator('canvas[data-role="heatmap"]')
    return canvas.evaluate("(c) => c.toDataURL().slice(-4000)")


def click_heatmap_cell(lab: LabPage, row: int, col: int) -> None:
    plot = view(lab, "layer").locator('[data-role="plot"]')
    rows, cols = int(plot.get_attribute("data-rows")), int(plot.get_attribute("data-cols"))
    canvas = plot.locator("canvas").first
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    x = box["x"] + (col + 0.5) * box["width"] / cols
    y = box["y"] + (row + 0.5) * box["height"] / rows
    lab.page.mouse.click(x, y)


def test_app_views_are_linked(lab: LabPage, store: Path) -> None:
    lab.open_notebook([
        "from cnnslicer_widgets import CNNSlicer\n"
        "from cnnslicer_widgets.models import mnist_lenet\n"
        f"app = CNNSlicer({str(store)!r}, model=mnist_lenet())",
        "app",
    ])  # fmt: skip
    start = lab.run_all()
    wait_all_views(lab)
    lab.timings["app_run_all_to_all_views_ready_s"] = round(time.monotonic() - start, 2)
    assert lab.page.evaluate(ONE_FRONT_END) == {"libs": 1, "sheets": 1, "inViews": 0}
    header = lab.cell(1).locator(".cs-app-head")
    expect(header).to_contain_text("lenet.h5")
    expect(header).to_contain_text("run complete")
    layer = view(lab, "layer")
    plot = layer.locator('[data-role="plot"]')
    expect(plot).to_have_attribute("data-source", "conv1")
    expect(plot).to_have_attribute("data-target", "pool1")
    lab.screenshot("overview", lab.cell(1).locator(".cs-app-head"))
    lab.screenshot("performance", view(lab, "performance"))
    lab.screenshot("layer", layer)
    lab.screenshot("channel", view(lab, "channel").locator(".cs-sm-box"))
    before = heatmap_digest(lab)

    # Choose conv2 then shift-click fc1 in the query view's overview, apply with Query.
    query = view(lab, "query")
    query.locator('button[data-layer="conv2"]').click()
    query.locator('button[data-layer="fc1"]').click(modifiers=["Shift"])
    expect(query.locator('[data-role="cube"]')).to_have_attribute("data-layers", "conv2,fc1")
    expect(layer.locator('[data-role="plot"]')).to_have_attribute("data-source", "conv1")
    lab.screenshot("query-pending", query)
    query.locator('button[data-role="query"]').click()
    expect(plot).to_have_attribute("data-source", "conv2", timeout=WAIT)
    expect(plot).to_have_attribute("data-target", "fc1", timeout=WAIT)
    expect(plot).to_have_attribute("data-rows", "120")
    expect(plot).to_have_attribute("data-cols", "16")
    assert heatmap_digest(lab) != before, "the heatmap did not change with the layers"
    channel = view(lab, "channel")
    expect(channel).to_contain_text("Channel view: conv2", timeout=WAIT)
    breadcrumb = lab.cell(1).locator('span.cs-crumb[data-key="layers"]')
    expect(breadcrumb).to_contain_text("conv2, fc1")
    lab.screenshot("after-query", layer)

    # Clicking a heatmap cell shows the feature maps (and deconvnet) of its two channels.
    click_heatmap_cell(lab, 0, 0)
    maps = layer.locator('[data-role="maps"]')
    expect(maps.locator('[data-row="source"] canvas')).to_have_count(4, timeout=WAIT)
    expect(maps.locator('[data-row="target"] canvas')).to_have_count(4)
    expect(maps.locator('[data-row="source-deconv"] canvas')).to_have_count(4, timeout=WAIT)
    lab.page.mouse.move(0, 0)
    lab.screenshot("picked", layer)
    lab.check(
        "assert app.selection.layers == ['conv2', 'fc1'], app.selection\n"
        "assert app.layer.info['source'] == 'conv2' and len(app.layer.picked) == 2\n"
        "assert app.channel.layer == 'conv2' and app.query.pending_layers == ['conv2', 'fc1']"
    )
    lab.assert_clean()


TRAIN_SETUP = """\
import time, torch
from cnnslicer_widgets import CNNSlicer, Recorder
from cnnslicer_widgets.datasets import balanced_subset, data_loader, load_mnist
from cnnslicer_widgets.models import case_study_layers, mnist_lenet, train_epoch
data = load_mnist(source="embedded")
model = mnist_lenet(seed=0)
loader = data_loader(balanced_subset(data, 100), batch_size=64, seed=0)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
rec = Recorder(model, balanced_subset(data, 5), {path!r}, epochs=3,
               layers=case_study_layers(model), overwrite=True, progress=False, verbose=False)
rec.start()
rec.epoch_end(1, loss=train_epoch(model, loader, opt, progress=False))
app = CNNSlicer({path!r}, model=model, interval=0.5)
app.selection.layers = ["conv1", "conv2"]
"""

TRAIN_MORE = """\
for epoch in (2, 3):
    rec.epoch_end(epoch, loss=train_epoch(model, loader, opt, progress=False))
    print(f"EPOCH {epoch} AT {time.time():.3f}", flush=True)
    time.sleep(4)  # more training would run here: the views update meanwhile
rec.close()
"""


def _shown(lab: LabPage, epochs: int) -> None:
    """Wait until the layer slider, the query cube and the loss line show ``epochs``."""
    layer = view(lab, "layer").locator('input[data-role="epoch-slider"]')
    expect(layer).to_have_attribute("max", str(epochs - 1), timeout=WAIT)
    handle = view(lab, "query").locator('[data-role="epoch-handle"]')
    expect(handle).to_have_attribute("aria-valuemax", str(epochs - 1), timeout=WAIT)
    slots = view(lab, "performance").locator('[data-role="loss-chart"] .cs-slot')
    expect(slots).to_have_count(epochs - 1, timeout=WAIT)  # a loss per trained epoch


def test_app_follows_training_in_the_kernel(lab: LabPage, tmp_path: Path) -> None:
    path = tmp_path / "live.h5"
    lab.open_notebook([TRAIN_SETUP.format(path=str(path)), "app"])
    start = lab.run_all()
    wait_all_views(lab)
    lab.timings["live_app_run_all_to_all_views_ready_s"] = round(time.monotonic() - start, 2)
    _shown(lab, 2)
    expect(lab.cell(1).locator('.cs-app-head [data-live="on"]')).to_be_visible()
    lab.screenshot("live-start", lab.cell(1).locator(".cs-app-head"))

    # A cell trains two more epochs; the kernel is busy the whole time.
    index = lab._edit_new_cell()
    lab.page.keyboard.insert_text(TRAIN_MORE)
    lab.page.keyboard.press("Shift+Enter")
    prompt = lab.cell(index).locator(".jp-InputArea-prompt")
    for epoch in (2, 3):
        out = lab.cell(index).locator(".jp-OutputArea")
        expect(out).to_contain_text(f"EPOCH {epoch} AT", timeout=WAIT)
        _shown(lab, epoch + 1)
        seen = time.time()
        kernel_at = float(re.search(rf"EPOCH {epoch} AT ([0-9.]+)", out.text_content()).group(1))
        lab.timings[f"live_epoch{epoch}_recorded_to_visible_s"] = round(seen - kernel_at, 2)
        assert "*" in (prompt.text_content() or ""), "the training cell should still be running"
        lab.screenshot(f"live-epoch{epoch}", view(lab, "layer"))
    lab.screenshot("live-performance", view(lab, "performance"))
    lab._wait_executed([index])
    layer = view(lab, "layer")
    expect(layer.locator('[data-role="epoch-value"]')).to_have_text("3", timeout=WAIT)
    expect(layer.locator('[data-role="plot"]')).to_have_attribute("data-epoch", "3")
    expect(lab.cell(1).locator(".cs-app-head")).to_contain_text("run complete", timeout=WAIT)
    lab.screenshot("live-done", lab.cell(1).locator(".cs-app-head"))
    lab.check(
        "assert app.layer.epochs == [0, 1, 2, 3] and app.selection.epoch == 3\n"
        "assert app.query.epochs.tolist() == [0, 1, 2, 3] and not app.watching\n"
        "assert app.channel.entropy.shape[-1] == 4, app.channel.entropy.shape"
    )
    lab.assert_clean()


def test_app_on_a_single_epoch_store(lab: LabPage, tmp_path: Path) -> None:
    path = tmp_path / "one.h5"
    lab.open_notebook([
        "from cnnslicer_widgets import CNNSlicer, Recorder\n"
        "from cnnslicer_widgets.datasets import balanced_subset, load_mnist\n"
        "from cnnslicer_widgets.models import case_study_layers, mnist_lenet\n"
        "model = mnist_lenet()\n"
        "probe = balanced_subset(load_mnist(source='embedded'), 3)\n"
        f"with Recorder(model, probe, {str(path)!r}, epochs=0, layers=case_study_layers(model),\n"
        "              progress=False, verbose=False):\n"
        "    pass\n"
        f"app = CNNSlicer({str(path)!r}, model=model)",
        "app",
    ])  # fmt: skip
    lab.run_all()
    wait_all_views(lab)
    expect(lab.cell(1).locator(".cs-app-head")).to_contain_text("epoch 0 only")
    notes = view(lab, "query").locator('[data-role="notes"]')
    expect(notes).to_contain_text("single recorded epoch")
    expect(view(lab, "performance").locator('[data-role="notes"]')).to_contain_text(
        "single recorded epoch"
    )
    slider = view(lab, "layer").locator('input[data-role="epoch-slider"]')
    expect(slider).to_be_disabled()
    lab.screenshot("one-epoch", lab.cell(1).locator(".cs-app-head"))
    lab.screenshot("one-epoch-layer", view(lab, "layer"))
    lab.assert_clean()
