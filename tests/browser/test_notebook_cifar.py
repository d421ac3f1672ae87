"""The CIFAR-10 case-study notebook in real JupyterLab + Chromium, with its small parameters.

The stored notebook (markdown included) is written next to the server's notebooks with the
``parameters`` cell replaced by the CI values of tests/test_notebooks.py, opened, and run
with Run > Run All Cells. Every cell must run (the finding checks print their verdicts) and
the CNNSlicer app at the end must draw its four linked views.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import nbformat
import pytest
from playwright.sync_api import expect

from test_notebooks import NOTEBOOKS, SMALL

from .conftest import ARTIFACTS

if TYPE_CHECKING:
    from .conftest import LabPage

pytestmark = pytest.mark.browser

NAME = "cifar10_case_study.ipynb"
WAIT = 300_000  # ms: the notebook trains and computes capacities on a shared 2-core machine


def open_case_study(lab: LabPage) -> nbformat.NotebookNode:
    """Write the notebook with its small parameters, open it, wait for an idle kernel."""
    nb = nbformat.read(NOTEBOOKS / NAME, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1, f"{NAME} needs exactly one cell tagged 'parameters'"
    tagged[0].source = SMALL[NAME]
    for cell in nb.cells:  # stored executed at full scale: run afresh, small
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    nbformat.write(nb, lab.server.root / f"{lab.name}.ipynb")
    url = f"{lab.server.url}/lab/workspaces/{lab.name}/tree/{lab.name}.ipynb"
    lab.page.goto(f"{url}?token={lab.server.token}")
    lab.page.locator(".jp-Notebook .jp-Cell").nth(len(nb.cells) - 1).wait_for(timeout=WAIT)
    lab.page.wait_for_function(
        """() => {
            const text = (document.querySelector('#jp-main-statusbar') || {}).innerText || '';
            return /\\| Idle/.test(text) && !text.includes('No Kernel');
        }""",
        timeout=WAIT,
    )
    lab.wait_idle()
    return nb


def snap(lab: LabPage, label: str, target) -> None:  # noqa: ANN001 - a Playwright locator
    """Screenshot of one output (a long notebook scrolls its cells lazily into view)."""
    target.scroll_into_view_if_needed()
    expect(target).to_be_visible()
    target.screenshot(path=str(ARTIFACTS / f"{lab.name}-{label}.png"))


def cell_with(nb: nbformat.NotebookNode, text: str) -> int:
    return next(i for i, c in enumerate(nb.cells) if c.cell_type == "code" and text in c.source)


def test_cifar_notebook_runs_and_the_app_renders(lab: LabPage) -> None:
    nb = open_case_study(lab)
    lab.page.set_default_timeout(WAIT)
    start = lab.run_all(timeout=WAIT)  # markdown cells are skipped
    lab.timings["run_all_s"] = round(time.monotonic() - start, 2)

    # Every finding check ran and printed a verdict (a raising cell stops Run All).
    area = lab.cell(cell_with(nb, "in findings.items()")).locator(".jp-OutputArea")
    area.scroll_into_view_if_needed()  # cells far off screen are not rendered
    expect(area).to_contain_text("\n9. ", timeout=WAIT)
    summary = area.text_content() or ""  # innerText is empty while the cell is not rendered
    for key in range(1, 10):
        assert f"\n{key}. " in f"\n{summary}", f"finding {key} missing from the summary:\n{summary}"
    assert "Traceback" not in lab.page.locator(".jp-Notebook").inner_text()

    # The views the notebook displays drew: heatmaps and small multiples.
    layer_34 = lab.cell(
        cell_with(nb, 'LayerView(cube, Selection(layers=["layer3", "layer4"]')
    ).locator('[data-cnnslicer-view="layer"]')
    expect(
        layer_34.locator('[data-role="plot"][data-source="layer3"][data-target="layer4"]')
    ).to_be_visible()
    expect(layer_34.locator('[data-role="plot"]')).to_have_attribute("data-cols", "32")
    expect(layer_34.locator('[data-role="plot"]')).to_have_attribute("data-rows", "64")
    snap(lab, "layer3-layer4", layer_34)
    low = lab.cell(cell_with(nb, 'ChannelView(cube, Selection(layers=["layer3"]')).locator(
        '[data-cnnslicer-view="channel"]'
    )
    expect(low.locator(".cs-sm")).to_have_count(32)
    panel = low.locator('[data-role="deconv"]')
    expect(panel).to_have_attribute("data-state", "images")
    expect(panel.locator('[data-row="deconv"] canvas')).to_have_count(4)
    snap(lab, "circle-packing-layer3", low)

    # The app: the query view beside the tabbed views, each drawn when its tab is shown.
    app = lab.cell(cell_with(nb, "CNNSlicer(cube.path"))
    expect(app.locator('[data-cnnslicer-view="query"][data-ready="true"]')).to_be_visible()
    snap(lab, "app-query", app.locator('[data-cnnslicer-view="query"]'))
    checks = {
        "performance": lambda v: expect(v.locator(".cs-cell")).to_have_count(100),
        "layer": lambda v: expect(v.locator('[data-role="plot"]')).to_be_visible(),
        "channel": lambda v: expect(v.locator(".cs-sm").first).to_be_visible(),
    }
    for view, check in checks.items():
        app.locator(f'.cs-app-tabs .lm-TabBar-tab:has-text("{view.capitalize()}")').click()
        shown = app.locator(f'[data-cnnslicer-view="{view}"]')
        expect(shown).to_be_visible()
        check(shown)
        snap(lab, f"app-{view}", shown)
    lab.timings["run_all_to_app_s"] = round(time.monotonic() - start, 2)
    lab.check("assert len(findings) == 9, findings")
    lab.assert_clean()
