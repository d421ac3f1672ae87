"""The docs' screenshots of the views and the app, from a trained LeNet/MNIST run.

    PYTHONPATH=$PWD/src .venv/bin/python benchmarks/docs_screenshots.py [--store run.h5]

From the repository root (``PYTHONPATH`` absolute: JupyterLab's kernels start in other
folders). 2.5 to 4 minutes on two busy cores (measured 155 s and 220 s, half of it
training); it writes nothing but docs/images/ (and the run, with --store).

The run: the case-study LeNet (``mnist_lenet(seed=0)``, recorded with
``layers=case_study_layers(model)``) trained with Adam (lr 1e-3, batches of 64) on 600
real MNIST digits per class (the offline torchvision copy that ``load_mnist()`` finds, as
in ../shared/datasets), recorded at epochs 0..E for a probe of 10 training digits per
class, with ``eval_data=`` 100 test digits per class, so that the performance view shows
the real accuracy. The accuracy on those 1,000 test digits is printed after every epoch;
the script stops, before any screenshot, if the store's last epoch is not above 90%.
``--store`` keeps the run there (and reuses it on the next call if it exists).

Then, in a JupyterLab started as the browser tests start it (tests/browser/conftest.py)
and Debian's headless Chromium, with the notebook's output area 1,280 px wide:

- each view in its own cell, each with its own Selection, shot whole into
  docs/images/<view>_view.png: query (conv1 and conv2 chosen), performance (last epoch),
  layer (conv1 -> conv2, the top-left cell clicked: feature maps and deconvnet), channel (conv2, zoomed on class 3, its largest channel clicked:
  deconvnet), and information (conv2 in the panels, once every estimate is computed);
- the app, ``CNNSlicer(path, model=mnist_lenet())`` with conv1 and conv2 selected, one
  shot of the whole app per tab into docs/images/app_views_<tab>.png (layer: the top-left
  cell clicked), in a window 2,400 px tall so that each tab shows whole (in a shorter
  window the tab body scrolls inside).

Look at every image before committing them (``str_replace_based_edit_tool view`` or any
image viewer): no cut legends, overlapping labels, empty panels or error messages.
"""

from __future__ import annotations

import argparse
import functools
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_views import jupyterlab, open_lab_page  # noqa: E402 - the view bench's harness

from browser.conftest import LabPage  # noqa: E402
from browser.layout_probes import set_output_width  # noqa: E402

print = functools.partial(print, flush=True)  # noqa: A001 - progress shows as it happens
IMAGES = REPO / "docs" / "images"
WIDTH = 1280  # px of notebook output
LAYER_WIDTH = WIDTH  # the layer view alone (its maps beside the heatmap from 900 px)
WAIT = 900_000  # ms: the machine is shared
MIN_ACCURACY = 0.90
TRAIN_PER_CLASS, PROBE_PER_CLASS, EVAL_PER_CLASS = 600, 10, 100


def store_accuracy(path: Path) -> list[tuple[int, float]]:
    """(epoch, accuracy on the eval set) from the store's confusion matrices."""
    from cnnslicer_widgets import open_cube

    with open_cube(path) as cube:
        conf = cube.confusion
        out = []
        for e in cube.epochs:
            m = conf.sel(epoch=e).values
            out.append((int(e), float(m.trace() / m.sum())))
    return out


def record_trained_lenet(path: Path, epochs: int) -> None:
    """Train and record the case-study LeNet on real MNIST; print the accuracy per epoch."""
    import torch

    from cnnslicer_widgets import Recorder
    from cnnslicer_widgets.datasets import balanced_subset, data_loader, load_mnist
    from cnnslicer_widgets.models import case_study_layers, evaluate, mnist_lenet, train_epoch

    train, test = load_mnist(), load_mnist(train=False)
    if train.source != "torchvision":
        sys.exit(f"real MNIST not found (got the {train.source} subset): see load_mnist()")
    torch.manual_seed(0)
    model = mnist_lenet(seed=0)
    loader = data_loader(balanced_subset(train, TRAIN_PER_CLASS), batch_size=64, seed=0)
    eval_data = balanced_subset(test, EVAL_PER_CLASS)
    eval_loader = data_loader(eval_data, batch_size=500, shuffle=False)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    rec = Recorder(model, balanced_subset(train, PROBE_PER_CLASS), path, epochs=epochs,
                   layers=case_study_layers(model), eval_data=eval_data, dataset_name="MNIST",
                   overwrite=True, progress=False, verbose=False)  # fmt: skip
    print(f"training LeNet on {len(loader.dataset)} MNIST digits, eval on {len(eval_data)}")
    with rec:
        print(f"  epoch 0: accuracy {evaluate(model, eval_loader).accuracy:.1%} (untrained)")
        for epoch in range(1, epochs + 1):
            t = time.perf_counter()
            loss = train_epoch(model, loader, opt)
            rec.epoch_end(epoch, loss=loss)
            acc = evaluate(model, eval_loader).accuracy
            print(f"  epoch {epoch}: loss {loss:.3f}, accuracy {acc:.1%} "
                  f"({time.perf_counter() - t:.0f} s)")  # fmt: skip


def shoot(lab: LabPage, target: Any, name: str) -> Path:
    """All of ``target`` into docs/images/<name>.png: the window made taller for it."""
    page = lab.page
    page.mouse.move(0, 0)  # no hover left on the shot
    size = page.viewport_size
    tall = int(target.bounding_box()["height"] + 300)
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], tall)})
    page.wait_for_timeout(500)  # the views redraw after a resize
    path = IMAGES / f"{name}.png"
    target.screenshot(path=str(path))
    page.set_viewport_size(size)
    print(f"  wrote {path.relative_to(REPO)}")
    return path


def views_cells(store: Path, last: int) -> list[str]:
    setup = (
        "from cnnslicer_widgets import (ChannelView, InformationView, LayerView, PerformanceView,\n"
        "                               QueryView, Selection, open_cube)\n"
        "from cnnslicer_widgets.models import mnist_lenet\n"
        f"path = {str(store)!r}\ncube = open_cube(path)\n"
        f"query = QueryView(cube, Selection(layers=['conv1', 'conv2'], epoch={last}), model=mnist_lenet())\n"
        f"performance = PerformanceView(path, Selection(epoch={last}), names=['LeNet'])\n"
        f"layer = LayerView(cube, Selection(layers=['conv1', 'conv2'], epoch={last}), model=mnist_lenet())\n"
        f"channel = ChannelView(cube, Selection(layers=['conv2'], epoch={last}), model=mnist_lenet())\n"
        f"information = InformationView(cube, Selection(layers=['conv2'], epoch={last}))"
    )
    return [setup, "query", "performance", "layer", "channel", "information"]


def view_root(lab: LabPage, index: int, name: str) -> Any:
    root = lab.cell(index).locator(f'[data-cnnslicer-view="{name}"]')
    root.wait_for(timeout=WAIT)
    return root


def click_top_left_cell(lab: LabPage, root: Any) -> None:
    """Click the layer view's top-left heatmap cell; wait for its maps and deconvnet."""
    plot = root.locator('[data-role="plot"][data-source]')
    plot.wait_for(timeout=WAIT)
    lab.page.wait_for_timeout(500)  # a redraw at a new width
    canvas = plot.locator("canvas").first
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    rows, cols = int(plot.get_attribute("data-rows")), int(plot.get_attribute("data-cols"))
    lab.page.mouse.click(
        box["x"] + 0.5 * box["width"] / cols, box["y"] + 0.5 * box["height"] / rows
    )
    root.locator('[data-role="maps"] [data-row="source-deconv"] canvas').nth(3).wait_for(
        timeout=WAIT
    )
    root.locator('[data-role="maps"] [data-row="target-deconv"] canvas').nth(3).wait_for(
        timeout=WAIT
    )


def shoot_views(lab: LabPage) -> None:
    # query
    root = view_root(lab, 1, "query")
    root.locator('[data-role="cube"]').wait_for(timeout=WAIT)
    set_output_width(lab, lab.cell(1), WIDTH)
    shoot(lab, root, "query_view")
    # performance
    root = view_root(lab, 2, "performance")
    root.locator('[data-role="confusion"] .cs-cell').first.wait_for(timeout=WAIT)
    shoot(lab, root, "performance_view")
    # layer: conv1 -> conv2, the top-left cell clicked
    root = view_root(lab, 3, "layer")
    plot = root.locator('[data-role="plot"][data-source="conv1"][data-target="conv2"]')
    plot.wait_for(timeout=WAIT)
    set_output_width(lab, lab.cell(3), LAYER_WIDTH)
    click_top_left_cell(lab, root)
    shoot(lab, root, "layer_view")
    set_output_width(lab, lab.cell(3), WIDTH)
    # channel: conv2, zoomed on class 3, its largest channel clicked
    root = view_root(lab, 4, "channel")
    root.locator('[data-role="small-multiples"] .cs-sm').first.wait_for(timeout=WAIT)
    group = root.locator('circle.cs-group[data-group="class-3"]')
    group.scroll_into_view_if_needed()
    box = group.bounding_box()
    lab.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + 4)  # inside, above the leaves
    root.locator('.cs-pack[data-zoom="class-3"]').wait_for(timeout=WAIT)
    lab.page.wait_for_timeout(1000)  # the zoom's transition
    channel = root.locator('circle.cs-leaf[data-group="class-3"]').evaluate_all(
        "(cs) => Number(cs.reduce((a, b) => (+a.getAttribute('r') >= +b.getAttribute('r') ? a : b))"
        ".dataset.channel)"
    )
    root.locator(f'circle.cs-leaf[data-group="class-3"][data-channel="{channel}"]').click()
    panel = root.locator(f'[data-role="deconv"][data-channel="{channel}"][data-state="images"]')
    panel.wait_for(timeout=WAIT)
    panel.locator('[data-row="deconv"] canvas').nth(3).wait_for(timeout=WAIT)
    shoot(lab, root, "channel_view")
    # information: every estimate computed
    root = view_root(lab, 5, "information")
    root.locator('.ci-maps[data-layer="conv2"]').wait_for(timeout=WAIT)
    lab.page.wait_for_function("(el) => el.dataset.busy === 'false'", arg=root.element_handle(),
                               timeout=WAIT)  # fmt: skip
    shoot(lab, root, "information_view")


def shoot_app(lab: LabPage) -> None:
    cell = lab.cell(1)
    app = cell.locator(".cnnslicer-app")
    query = cell.locator('[data-cnnslicer-view="query"][data-ready="true"]')
    query.wait_for(timeout=WAIT)
    cell.locator('[data-cnnslicer-view="layer"] [data-role="plot"][data-source]').wait_for(
        timeout=WAIT
    )
    set_output_width(lab, cell, WIDTH)
    # A window tall enough for every tab whole: the app fits its tab body to the window's
    # height (js/lib/app_fit.js), which would cut the longer tabs in a shot.
    lab.page.set_viewport_size({"width": lab.page.viewport_size["width"], "height": 2400})
    tabs = cell.locator(".cs-app-tabs .lm-TabBar-tab")
    for i in range(tabs.count()):
        name = tabs.nth(i).inner_text().strip().split()[0].lower()
        tabs.nth(i).click()
        view = cell.locator(f'[data-cnnslicer-view="{name}"]')
        view.wait_for(timeout=WAIT)
        if name in ("information", "channel", "layer"):
            lab.page.wait_for_function("(el) => el.dataset.busy !== 'true'",
                                       arg=view.element_handle(), timeout=WAIT)  # fmt: skip
        if name == "layer":
            click_top_left_cell(lab, view)
        # No channel clicked in the channel tab: in its 808 px panel the deconvnet column
        # cuts the fourth probe image (channel_view.png shows the projections).
        lab.page.wait_for_timeout(1000)
        shoot(lab, app, f"app_views_{name}")


def run(args: argparse.Namespace, base: Path) -> None:
    from playwright.sync_api import sync_playwright

    store = Path(args.store).resolve() if args.store else base / "lenet.h5"
    t0 = time.perf_counter()
    if not store.exists():
        store.parent.mkdir(parents=True, exist_ok=True)
        record_trained_lenet(store, args.epochs)
        print(f"recorded {store} in {time.perf_counter() - t0:.0f} s")
    accuracy = store_accuracy(store)
    print("store's eval accuracy: " + ", ".join(f"epoch {e} {a:.1%}" for e, a in accuracy))
    last, final = accuracy[-1]
    if final <= MIN_ACCURACY:
        sys.exit(f"the run's last epoch has {final:.1%} eval accuracy, not above "
                 f"{MIN_ACCURACY:.0%}: no screenshots taken (train longer: --epochs)")  # fmt: skip
    with jupyterlab(base / "lab") as server, sync_playwright() as p:
        browser, lab = open_lab_page(p, server, "docs_views")
        t = time.perf_counter()
        lab.open_notebook(views_cells(store, last))
        lab.run_all(timeout=WAIT)
        shoot_views(lab)
        print(f"views shot in {time.perf_counter() - t:.0f} s")
        for session in server.api("GET", "/api/sessions"):  # free the kernel's memory
            server.api("DELETE", f"/api/sessions/{session['id']}")
        t = time.perf_counter()
        app = LabPage(lab.page, server, "docs_app")
        app.open_notebook([
            "from cnnslicer_widgets import CNNSlicer\nfrom cnnslicer_widgets.models import mnist_lenet\n"
            f"app = CNNSlicer({str(store)!r}, model=mnist_lenet())\n"
            "app.selection.layers = ['conv1', 'conv2']",
            "app",
        ])  # fmt: skip
        app.run_all(timeout=WAIT)
        shoot_app(app)
        print(f"app shot in {time.perf_counter() - t:.0f} s")
        browser.close()
    print(f"done in {time.perf_counter() - t0:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--epochs", type=int, default=5, help="training epochs recorded after epoch 0"
    )
    parser.add_argument("--store", help="keep the run here (reused if it exists)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="docs_screenshots_") as tmp:
        run(args, Path(tmp))


if __name__ == "__main__":
    main()
