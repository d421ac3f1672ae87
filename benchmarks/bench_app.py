"""First render of the CNNSlicer app (five linked views) in real JupyterLab + Chromium.

    python benchmarks/bench_app.py [--repeats 7]

The run: tests/helpers/lenet_run.py (LeNet on real MNIST, 100 probe digits, epochs 0-3,
case-study layers), recorded once. In a JupyterLab started as the browser tests start it
and Debian's headless Chromium (viewport 1280 x 900):

- **cold**: Run All on a new notebook (kernel start, imports, the app built and shown)
  until all five views are drawn: query, performance, layer heatmap, channel charts,
  information plane.
- **new app**: a new cell ``CNNSlicer(path, model=model)`` in the warm kernel until all
  five views are drawn; the kernel's share (building the views: label entropies,
  inter-sample entropy of the input, one capacity matrix, the layer's intra-sample
  entropies, the information plane and per-channel MI) is printed by the cell and reported beside it,
  and the rest of each repeat (sending the models, importing their modules, drawing).
- **redisplay**: a new cell showing the same app again (``app``): the front end alone.

Each is reported as median, best and worst over the repeats, with each view's own ESM
render time (``data-render-ms``) in the last new app.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "benchmarks"))

from bench_views import jupyterlab, open_lab_page  # noqa: E402 - the view bench's harness

from browser.conftest import LabPage  # noqa: E402
from helpers.lenet_run import record_lenet_run  # noqa: E402

VIEWS = ("query", "performance", "layer", "channel", "information")
DRAWN = {
    "query": '[data-role="cube"]',
    "performance": '[data-role="loss-chart"]',
    "layer": '[data-role="plot"][data-source]',
    "channel": ".cs-sm-box",
    "information": 'svg[data-role="plane"] [data-role="trajectory"]',
}


def wait_drawn(lab: LabPage, cell: int) -> None:
    """Until every view in the cell's output says ready and has drawn its main chart."""
    for name in VIEWS:
        root = lab.cell(cell).locator(f'[data-cnnslicer-view="{name}"][data-ready="true"]')
        root.locator(DRAWN[name]).first.wait_for()


def timed_cell(lab: LabPage, code: str) -> tuple[float, str, int]:
    """Seconds from Shift+Enter on a new cell to all views drawn; its output; its index."""
    index = lab._edit_new_cell()
    lab.page.keyboard.insert_text(code)
    start = time.monotonic()
    lab.page.keyboard.press("Shift+Enter")
    wait_drawn(lab, index)
    elapsed = time.monotonic() - start
    lab._wait_executed([index])
    return elapsed, lab.output(index), index


def summary(name: str, seconds: list[float]) -> str:
    ms = [1000 * s for s in seconds]
    return (f"  {name:<10} median {statistics.median(ms):7.0f} ms   best {min(ms):7.0f} ms   "
            f"worst {max(ms):7.0f} ms   n={len(ms)}")  # fmt: skip


def run(args: argparse.Namespace, base: Path) -> None:
    from playwright.sync_api import sync_playwright

    t = time.perf_counter()
    store = record_lenet_run(base / "run")
    print(f"recorded the LeNet/MNIST run in {time.perf_counter() - t:.1f} s: {store}")
    setup = (
        "import time\nfrom cnnslicer_widgets import CNNSlicer\n"
        "from cnnslicer_widgets.models import mnist_lenet\nmodel = mnist_lenet()\n"
        f"path = {str(store)!r}\napp = CNNSlicer(path, model=model)"
    )
    build = (
        "_t = time.perf_counter()\napp = CNNSlicer(path, model=model)\n"
        "print(f'BUILD {time.perf_counter() - _t:.3f}')\napp"
    )
    with jupyterlab(base / "lab") as server, sync_playwright() as p:
        browser, lab = open_lab_page(p, server, "bench_app")
        lab.open_notebook([setup, "app"])
        start = lab.run_all()
        wait_drawn(lab, 1)
        cold = time.monotonic() - start
        news, kernel, again = [], [], []
        for _ in range(args.repeats):
            elapsed, out, index = timed_cell(lab, build)
            news.append(elapsed)
            kernel.append(float(re.search(r"BUILD ([0-9.]+)", out).group(1)))
        renders = {
            name: lab.cell(index)
            .locator(f'[data-cnnslicer-view="{name}"]')
            .get_attribute("data-render-ms")
            for name in VIEWS
        }
        for _ in range(args.repeats):
            again.append(timed_cell(lab, "app")[0])
        browser.close()
    print(f"\nCNNSlicer first render, {args.repeats} repeats (Chromium, JupyterLab, 2-core box):")
    print(f"  cold       Run All on a new notebook -> all views drawn: {1000 * cold:.0f} ms")
    print(summary("new app", news))
    print(summary("  kernel", kernel) + "   (building the app in Python)")
    front = [n - k for n, k in zip(news, kernel, strict=True)]
    print(summary("  rest", front) + "   (new app - kernel, each repeat: transfer and drawing)")
    print(summary("redisplay", again))
    share = statistics.median(kernel) / statistics.median(news)
    print(f"  kernel share of a new app: {100 * share:.0f} %; the rest is transfer and drawing")
    print("  ESM render per view (last new app): "
          + ", ".join(f"{k} {v} ms" for k, v in renders.items()))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=7, help="new cells timed per case")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_app_") as tmp:
        run(args, Path(tmp))


if __name__ == "__main__":
    main()
