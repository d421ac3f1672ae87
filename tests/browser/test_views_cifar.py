"""The views on a real CIFAR-10 run (11-layer VGG-style model, long class names) and on a
torchvision ResNet-18 (21 recorded layers), in real JupyterLab + Chromium.

The LeNet/MNIST runs have short class names ("0".."9") and 7 layers; these runs are where
labels crowd. Each test measures, in the page, the boxes of the labels a person reads and
asserts that no two overlap, that none is clipped by its SVG, and (channel view) that no
class label covers a channel circle.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from playwright.sync_api import expect

from helpers.cifar_run import cifar_run

from .conftest import ARTIFACTS

if TYPE_CHECKING:
    from .conftest import LabPage

pytestmark = pytest.mark.browser

WAIT = 120_000  # ms
CLASSES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]

# Every shown <text> under `root` matching `sel`, as a screen quad (rotated labels included):
# its local bbox corners mapped by its screen matrix; plus the box of the SVG around it.
LABEL_BOXES = """
([root, sel]) => [...root.querySelectorAll(sel)].filter((t) => {
    const s = getComputedStyle(t);
    return t.textContent.trim() && s.visibility !== 'hidden' && s.display !== 'none'
      && !t.closest('[hidden]');
  }).map((t) => {
    const b = t.getBBox();
    const m = t.getScreenCTM();
    const corner = (x, y) => { const p = new DOMPoint(x, y).matrixTransform(m); return [p.x, p.y]; };
    const svg = t.ownerSVGElement.getBoundingClientRect();
    return {
      text: [...t.childNodes].filter((n) => n.nodeType === 3).map((n) => n.data).join(''),
      quad: [corner(b.x, b.y), corner(b.x + b.width, b.y), corner(b.x + b.width, b.y + b.height), corner(b.x, b.y + b.height)],
      svg: [svg.left, svg.top, svg.right, svg.bottom],
    };
  })
"""

# Every circle under `root` matching `sel` on screen: centre and radius.
CIRCLES = """
([root, sel]) => [...root.querySelectorAll(sel)].map((c) => {
    const m = c.getScreenCTM();
    const p = new DOMPoint(+c.getAttribute('cx'), +c.getAttribute('cy')).matrixTransform(m);
    return { cx: p.x, cy: p.y, r: +c.getAttribute('r') * Math.hypot(m.a, m.b),
             channel: c.dataset.channel, group: c.dataset.group };
  }).filter((c) => c.r > 0.5)
"""


def _project(quad: list[list[float]], axis: tuple[float, float]) -> tuple[float, float]:
    values = [x * axis[0] + y * axis[1] for x, y in quad]
    return min(values), max(values)


def quads_overlap(a: list[list[float]], b: list[list[float]], slack: float = 0.5) -> bool:
    """Separating-axis test of two convex quads (rotated rectangles), `slack` px forgiven."""
    for quad in (a, b):
        for i in range(4):
            (x0, y0), (x1, y1) = quad[i], quad[(i + 1) % 4]
            length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5 or 1.0
            axis = (-(y1 - y0) / length, (x1 - x0) / length)
            lo_a, hi_a = _project(a, axis)
            lo_b, hi_b = _project(b, axis)
            if hi_a <= lo_b + slack or hi_b <= lo_a + slack:
                return False
    return True


def quad_hits_circle(quad: list[list[float]], circle: dict[str, float], slack: float = 0.5) -> bool:
    """An axis-aligned label box against a circle: closest point of the box to the centre."""
    xs = [x for x, _ in quad]
    ys = [y for _, y in quad]
    nx = min(max(circle["cx"], min(xs)), max(xs))
    ny = min(max(circle["cy"], min(ys)), max(ys))
    return (nx - circle["cx"]) ** 2 + (ny - circle["cy"]) ** 2 < (circle["r"] - slack) ** 2


def labels(root: Any, sel: str) -> list[dict[str, Any]]:
    return root.evaluate(f"(el, sel) => ({LABEL_BOXES})([el, sel])", sel)


def assert_readable(found: list[dict[str, Any]], what: str) -> None:
    """No two labels overlap and none sticks out of its SVG."""
    assert found, f"no {what} labels drawn"
    for label in found:
        xs = [x for x, _ in label["quad"]]
        ys = [y for _, y in label["quad"]]
        left, top, right, bottom = label["svg"]
        assert min(xs) >= left - 0.5 and max(xs) <= right + 0.5, (
            f"{what}: {label['text']!r} clipped sideways"
        )
        assert min(ys) >= top - 0.5 and max(ys) <= bottom + 0.5, (
            f"{what}: {label['text']!r} clipped"
        )
    clashes = [
        (a["text"], b["text"])
        for i, a in enumerate(found)
        for b in found[i + 1 :]
        if quads_overlap(a["quad"], b["quad"])
    ]
    assert not clashes, f"{what}: overlapping labels {clashes}"


@pytest.fixture(scope="module")
def cifar(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """cifar_vgg11 trained 2 epochs on 300 real CIFAR-10 images, 50 probe images."""
    return cifar_run(tmp_path_factory)


@pytest.fixture(scope="module")
def resnet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An untrained torchvision ResNet-18 on 20 real CIFAR-10 images: its 20 convs and fc."""
    import torch
    import torchvision

    from cnnslicer_widgets.datasets import balanced_subset, load_cifar10
    from cnnslicer_widgets.record import Recorder

    probe = balanced_subset(load_cifar10(train=False), 2)
    torch.manual_seed(0)
    model = torchvision.models.resnet18(weights=None, num_classes=10)
    names = [n for n, m in model.named_modules() if isinstance(m, torch.nn.Conv2d)] + ["fc"]
    path = tmp_path_factory.mktemp("resnet") / "resnet18.h5"
    rec = Recorder(model, probe, path, epochs=0, layers=names, weights=False,
                   dataset_name="CIFAR-10", progress=False, verbose=False)  # fmt: skip
    with rec:
        pass
    return path


def test_performance_view_cifar_class_names(lab: LabPage, cifar: Path) -> None:
    lab.open_notebook([
        "from cnnslicer_widgets.widgets.performance import PerformanceView\n"
        f"view = PerformanceView({str(cifar)!r}, names=['CIFAR-10'])",
        "view",
    ])  # fmt: skip
    lab.run_all()
    root = lab.cell(1).locator('[data-cnnslicer-view="performance"][data-ready="true"]')
    root.wait_for(timeout=WAIT)
    matrix = root.locator('[data-role="confusion"]')
    expect(matrix.locator(".cs-cell")).to_have_count(100)
    lab.screenshot("view", root)
    matrix.screenshot(path=str(ARTIFACTS / f"{lab.name}-confusion.png"))

    ticks = labels(matrix.element_handle(), "text.cs-tick")
    shown = [t["text"] for t in ticks]
    for name in CLASSES:  # each name whole on both axes, never cut to "airp…"
        assert shown.count(name) == 2, f"{name!r} not shown whole on both axes: {shown}"
    assert_readable(labels(matrix.element_handle(), "text"), "confusion matrix")
    for role in ("label-given-pred", "pred-given-label"):
        assert_readable(
            labels(root.locator(f'[data-role="{role}"]').element_handle(), "text"), role
        )
    # The class chips show whole names (no overflow) and the tooltips name the classes.
    chips = root.locator('[data-role="classes"] [data-class]')
    expect(chips).to_have_count(10)
    for k, name in enumerate(CLASSES):
        chip = chips.nth(k)
        expect(chip).to_contain_text(name)
        assert chip.evaluate("(c) => c.scrollWidth <= c.clientWidth + 1"), f"chip {name} overflows"
    cell = matrix.locator('.cs-cell[data-row="1"][data-col="0"]')
    cell.hover()
    expect(root.locator('[data-role="tooltip"]')).to_contain_text(
        "true automobile → predicted airplane"
    )
    lab.assert_clean()


def query_cells(path: Path) -> list[str]:
    return [
        "from cnnslicer_widgets import open_cube\n"
        "from cnnslicer_widgets.widgets import Selection\n"
        "from cnnslicer_widgets.widgets.query import QueryView\n"
        f"cube = open_cube({str(path)!r})\n"
        "sel = Selection(layers=[cube.layers[1], cube.layers[2]])\n"
        "view = QueryView(cube, selection=sel)",
        "view",
    ]


@pytest.mark.parametrize("run", ["cifar", "resnet"])
def test_query_view_cube_labels(lab: LabPage, run: str, request: pytest.FixtureRequest) -> None:
    path = request.getfixturevalue(run)
    lab.open_notebook(query_cells(path))
    lab.run_all()
    root = lab.cell(1).locator('[data-cnnslicer-view="query"][data-ready="true"]')
    root.wait_for(timeout=WAIT)
    cube = root.locator('[data-role="cube"]')
    if run == "cifar":
        expect(cube.locator(".cq-column")).to_have_count(12)
    else:  # it opens at the block level; every recorded layer is level 3, shown in a window
        root.locator('[data-level="3"]').click()
        expect(cube).to_have_attribute("data-columns", "22")
        shown = cube.locator(".cq-column").count()
        assert 0 < shown <= 22 and cube.get_attribute("data-window") == f"0,{shown}", shown
    lab.screenshot("view", root)
    cube.screenshot(path=str(ARTIFACTS / f"{lab.name}-cube.png"))
    found = labels(cube.element_handle(), "text")
    clips = [t["text"] for t in found if t["text"].startswith("↑")]
    assert clips, "no channel-count label on the clipped columns"
    assert_readable(found, "slicer cube")
    lab.assert_clean()


def test_channel_view_cifar_class_labels(lab: LabPage, cifar: Path) -> None:
    lab.open_notebook([
        "from cnnslicer_widgets.cube import open_cube\n"
        "from cnnslicer_widgets.widgets import Selection\n"
        "from cnnslicer_widgets.widgets.channel_view import ChannelView\n"
        f"cube = open_cube({str(cifar)!r})\n"
        "sel = Selection(layers=['layer1'], epoch=2)\n"
        "view = ChannelView(cube, sel)",
        "view",
    ])  # fmt: skip
    lab.run_all()
    root = lab.cell(1).locator('[data-cnnslicer-view="channel"]')
    root.locator("circle.cs-leaf").first.wait_for(timeout=WAIT)
    packing = root.locator('[data-role="packing"]')
    expect(root.locator(".cs-pack")).to_have_attribute("data-zoom", "root", timeout=WAIT)
    expect(root.locator("circle.cs-group")).to_have_count(11)
    lab.screenshot("view", root)
    packing.screenshot(path=str(ARTIFACTS / f"{lab.name}-packing.png"))

    found = labels(packing.element_handle(), "text.cs-group-label")
    assert sorted(t["text"] for t in found) == sorted([*CLASSES, "all"]), [t["text"] for t in found]
    assert_readable(found, "circle packing")
    leaves = packing.evaluate(f"(el) => ({CIRCLES})([el, 'circle.cs-leaf'])")
    expect(root.locator("circle.cs-leaf")).to_have_count(11 * 32)
    assert len(leaves) > 11 * 16, "most channel circles should be drawn at a visible size"
    covered = [(t["text"], c["group"], c["channel"]) for t in found for c in leaves
               if quad_hits_circle(t["quad"], c)]  # fmt: skip
    assert not covered, f"class labels cover channel circles: {covered[:10]}"
    lab.assert_clean()
