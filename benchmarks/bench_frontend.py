"""What the CNNSlicer app's front end costs: bytes to the browser, export size, export drawing.

    python benchmarks/bench_frontend.py [--repeats 7]

The run: tests/helpers/lenet_run.py (LeNet on real MNIST, 100 probe digits, epochs 0-3),
recorded once; the app: ``CNNSlicer(path, model=mnist_lenet())`` with layers conv1, conv2
(five views and the breadcrumb).

- **kernel -> browser**: the state of every model the app's display sends (the widgets its
  traits reach, as a static export collects them), as JSON with the binary buffers apart;
  the code in it (each model's ``_esm`` and ``_css`` and the FrontEnd's ``source``) on its own.
- **export**: the size of ``save_html(app)`` and how many times a few lib functions occur in
  it (1 = the lib is carried once); the size of an export of one view with the breadcrumb
  (``save_html([app.selection, app.query])``).
- **export drawing**: each saved file opened from disk in Debian's headless Chromium, from
  the page script's start to every widget drawn (``data-export-ms``), and each view's own
  render time (``data-render-ms``), over the repeats.

First render in JupyterLab is benchmarks/bench_app.py.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from browser.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 - the browser tests' setup
from helpers.lenet_run import record_lenet_run  # noqa: E402

MARKERS = ("function h(", "function decode(", "var SelectionClient = class", "function defineView(")
"""Functions of js/lib (dom, codec, selection, view) as esbuild writes them."""


def state_bytes(app: object) -> tuple[dict[str, int], int, int]:
    """Code bytes per trait, all JSON state bytes and binary buffer bytes of the app's models."""
    from ipywidgets.widgets.widget import _remove_buffers

    from cnnslicer_widgets.widgets.export import _collect

    code: dict[str, int] = {}
    total = buffers = 0
    for widget, _ in _collect([app]).values():
        state, _, bufs = _remove_buffers(widget.get_state())
        total += len(json.dumps(state, separators=(",", ":")).encode())
        buffers += sum(memoryview(b).nbytes for b in bufs)
        for trait in ("_esm", "_css", "source"):
            if isinstance(state.get(trait), str):
                code[trait] = code.get(trait, 0) + len(state[trait].encode())
    return code, total, buffers


def draw_times(path: Path, repeats: int) -> tuple[list[float], dict[str, list[float]]]:
    """data-export-ms of each opening of the file, and each view's data-render-ms."""
    from playwright.sync_api import sync_playwright

    totals: list[float] = []
    renders: dict[str, list[float]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(repeats):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(path.resolve().as_uri())
            page.wait_for_function("() => document.documentElement.dataset.exportReady")
            state = page.evaluate("() => ({...document.documentElement.dataset})")
            if state["exportReady"] != "true":
                raise RuntimeError(f"the export did not draw: {state}")
            totals.append(float(state["exportMs"]))
            for name, ms in page.evaluate(
                """() => [...document.querySelectorAll('[data-cnnslicer-view][data-render-ms]')]
                    .map((v) => [v.dataset.cnnslicerView, Number(v.dataset.renderMs)])"""
            ):
                renders.setdefault(name, []).append(ms)
            context.close()
        browser.close()
    return totals, renders


def run(args: argparse.Namespace, base: Path) -> None:
    from cnnslicer_widgets.models import mnist_lenet
    from cnnslicer_widgets.widgets.app import CNNSlicer
    from cnnslicer_widgets.widgets.export import save_html

    store = record_lenet_run(base / "run")
    app = CNNSlicer(store, model=mnist_lenet(), watch=False)
    app.selection.layers = ["conv1", "conv2"]
    code, total, buffers = state_bytes(app)
    path = save_html(app, base / "app.html", title="CNNSlicer")
    page = path.read_text(encoding="utf-8")
    one = save_html([app.selection, app.views["query"]], base / "query.html")
    t = time.perf_counter()
    save_html(app, base / "again.html")
    saving = time.perf_counter() - t
    app.close()
    totals, renders = draw_times(path, args.repeats)
    one_totals, _ = draw_times(one, args.repeats)

    print("\nCNNSlicer app front end (LeNet/MNIST run, five views and the breadcrumb):")
    print(f"  kernel -> browser: code {sum(code.values()):,} B "
          f"({', '.join(f'{k} {v:,}' for k, v in code.items())}); all JSON state {total:,} B; "
          f"binary buffers {buffers:,} B")  # fmt: skip
    counts = ", ".join(f"{m!r} x{page.count(m)}" for m in MARKERS)
    print(f"  export: {path.stat().st_size:,} B (saved in {1000 * saving:.0f} ms); lib: {counts}")
    print(f"  export of the query view + breadcrumb: {one.stat().st_size:,} B")
    for name, ms in (("app", totals), ("query view", one_totals)):
        print(f"  {name} export drawing (data-export-ms), n={len(ms)}: median "
              f"{statistics.median(ms):.0f} ms, best {min(ms):.0f}, worst {max(ms):.0f}")  # fmt: skip
    print("  render per view (median data-render-ms): "
          + ", ".join(f"{k} {statistics.median(v):.0f} ms" for k, v in renders.items()))  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=7, help="openings of the export timed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench_frontend_") as tmp:
        run(args, Path(tmp))


if __name__ == "__main__":
    main()
