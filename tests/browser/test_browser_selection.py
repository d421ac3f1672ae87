"""The shared Selection in a real browser: linked views, rejected updates, messages."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

if TYPE_CHECKING:
    from .conftest import LabPage

pytestmark = pytest.mark.browser

WAIT = 120_000  # ms

SETUP = """\
import probes
from cnnslicer_widgets.widgets import Selection, link_views
sel = Selection(layers=["conv1"], epoch=1)"""


def crumb(lab: LabPage, cell: int, key: str):  # noqa: ANN201 - a Playwright Locator
    return lab.cell(cell).locator(f'.cnnslicer-breadcrumb [data-key="{key}"] [data-role="value"]')


def test_views_linked_through_one_selection(lab: LabPage) -> None:
    lab.open_notebook(
        [
            SETUP,
            "picker = probes.Picker(selection=sel)\npicker",
            "sel",
            "other = probes.Picker()\nother",
        ]
    )
    start = lab.run_all()
    lab.cell(1).locator('[data-cnnslicer-view="picker"][data-ready="true"]').wait_for()
    lab.timings["run_all_to_first_view_ready_s"] = round(time.monotonic() - start, 2)
    lab.cell(2).locator('[data-cnnslicer-view="selection"][data-ready="true"]').wait_for()
    picker_now = lab.cell(1).locator('[data-role="current"]')
    other_now = lab.cell(3).locator('[data-role="current"]')
    expect(crumb(lab, 2, "layers")).to_have_text("conv1", timeout=WAIT)
    expect(other_now).to_contain_text("layers none", timeout=WAIT)  # its own selection, for now

    # Python links a displayed view: its page view re-binds to the shared selection.
    lab.run_cell("link_views(picker, other)")
    expect(other_now).to_contain_text("layer conv1 · channels all · epoch 1", timeout=WAIT)

    # A click in one view reaches the breadcrumb, the other view, and the kernel.
    lab.cell(1).locator('[data-channel="3"]').click()
    expect(crumb(lab, 2, "channels")).to_have_text("3", timeout=WAIT)
    expect(other_now).to_contain_text("channels 3", timeout=WAIT)
    lab.cell(3).locator('[data-layer="conv2"]').click()
    expect(crumb(lab, 2, "layers")).to_have_text("conv2", timeout=WAIT)
    expect(picker_now).to_contain_text("layer conv2 · channels 3", timeout=WAIT)
    lab.check(
        "assert sel.layers == ['conv2'] and sel.channels == [3], sel\nassert other.selection is sel"
    )

    # The breadcrumb's clear button is a writer too.
    lab.cell(2).locator('[data-action="clear"][data-key="channels"]').click()
    expect(picker_now).to_contain_text("channels all", timeout=WAIT)
    expect(other_now).to_contain_text("channels all", timeout=WAIT)

    # And the kernel writes: every view follows.
    lab.run_cell(
        "sel.update(epoch=4, class_index=2, hovered={'kind': 'channel', 'layer': 'conv2', 'channel': 5})"
    )
    expect(crumb(lab, 2, "epoch")).to_have_text("4", timeout=WAIT)
    expect(crumb(lab, 2, "class_index")).to_have_text("2", timeout=WAIT)
    expect(crumb(lab, 2, "hovered")).to_have_text("conv2 · channel 5", timeout=WAIT)
    expect(other_now).to_contain_text("epoch 4", timeout=WAIT)
    lab.check("assert sel.channels == [] and sel.layers == ['conv2'] and sel.epoch == 4, sel")
    lab.screenshot("linked", lab.cell(2))

    # First render of a fresh view once the package is imported, and its own JS time.
    lab.timings["new_view_cell_to_ready_s"] = round(
        lab.time_cell("probes.Picker(selection=sel)", '[data-ready="true"]'), 2
    )
    lab.timings["selection_cell_to_ready_s"] = round(lab.time_cell("sel", '[data-ready="true"]'), 2)
    for cell, name in ((1, "picker"), (2, "selection")):
        root = lab.cell(cell).locator(f'[data-cnnslicer-view="{name}"]')
        lab.timings[f"{name}_js_render_ms"] = float(root.get_attribute("data-render-ms") or "nan")
    lab.assert_clean()


def test_malformed_selection_from_the_browser_is_rejected(lab: LabPage) -> None:
    lab.open_notebook(
        [SETUP + "\nsel.channels = [2]", "picker = probes.Picker(selection=sel)\npicker", "sel"]
    )
    lab.run_all()
    error = lab.cell(2).locator('.cnnslicer-breadcrumb [data-role="error"]')
    expect(crumb(lab, 2, "channels")).to_have_text("2", timeout=WAIT)
    expect(error).to_be_hidden(timeout=WAIT)

    # A buggy view bypasses the client checks: the kernel refuses, reports, and reverts the page.
    lab.cell(1).locator('[data-action="malformed"]').click()
    expect(error).to_contain_text(
        "Selection.channels must be a list of distinct non-negative integers", timeout=WAIT
    )
    expect(crumb(lab, 2, "channels")).to_have_text("2", timeout=WAIT)
    expect(lab.cell(1).locator('[data-role="current"]')).to_contain_text("channels 2", timeout=WAIT)
    lab.screenshot("rejected", lab.cell(2))
    lab.check(
        "assert sel.channels == [2], sel.channels\n"
        "assert sel.error.startswith('Rejected an update from the browser'), sel.error"
    )

    # The client refuses malformed updates itself (this also covers pages with no kernel).
    lab.cell(1).locator('[data-action="malformed-client"]').click()
    expect(lab.cell(1).locator('[data-role="client-error"]')).to_contain_text(
        "Selection.channels must be a list of distinct non-negative integers; got [-1]",
        timeout=WAIT,
    )

    # The next good update clears the report.
    lab.cell(1).locator('[data-channel="4"]').click()
    expect(crumb(lab, 2, "channels")).to_have_text("4", timeout=WAIT)
    expect(error).to_be_hidden(timeout=WAIT)
    lab.check("assert sel.channels == [4] and sel.error == '', (sel.channels, sel.error)")
    lab.assert_clean()


def test_a_view_shows_its_message_instead_of_a_blank_cell(lab: LabPage) -> None:
    text = "No recorded epochs in this store.\\nRecord at least one epoch, then open it again."
    lab.open_notebook([f'import probes\nview = probes.Picker(message="{text}")\nview'])
    lab.run_all()
    root = lab.cell(0).locator('[data-cnnslicer-view="picker"]')
    message = root.locator('[data-role="message"]')
    expect(message).to_have_text(text.replace("\\n", "\n"), timeout=WAIT)
    expect(root.locator(".cnnslicer-body")).to_be_hidden(timeout=WAIT)
    expect(root).to_have_attribute("data-state", "message", timeout=WAIT)
    lab.screenshot("message", root)
    lab.run_cell("view.message = ''")
    expect(message).to_be_hidden(timeout=WAIT)
    expect(root.locator('[data-channel="0"]')).to_be_visible(timeout=WAIT)
    lab.assert_clean()
