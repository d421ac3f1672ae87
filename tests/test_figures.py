"""The notebooks' static figures: bands drawn from the runs, PNG rendered without JavaScript."""

from __future__ import annotations

import numpy as np
import pytest

from cnnslicer_widgets.figures import band_lines, band_markers, show


def test_band_lines_draw_median_and_range():
    runs = np.array([[1.0, 4.0, np.nan], [3.0, 2.0, 5.0], [2.0, 3.0, 7.0]])
    fig = band_lines([1, 2, 3], {"a": runs, "single": runs[:1]})
    upper, lower, line, single = fig.data
    assert list(upper.y) == [3.0, 4.0, 7.0] and list(lower.y) == [1.0, 2.0, 5.0]
    assert list(line.y) == [2.0, 3.0, 6.0] and lower.fill == "tonexty"
    assert single.name == "single" and len(fig.data) == 4         # one run: no band


def test_band_markers_error_bars_reach_low_and_high():
    fig = band_markers(["a", "b"], [1.0, 2.0], [0.5, 1.0], [1.25, 4.0],
                       reference={"paper": [1.1, np.nan]})
    ours = fig.data[0]
    assert list(ours.error_y.array) == [0.25, 2.0] and list(ours.error_y.arrayminus) == [0.5, 1.0]


def test_show_renders_a_png():
    pytest.importorskip("kaleido")
    png = show(band_lines([0, 1], {"a": np.array([[0.0, 1.0]])}), width=200, height=100,
               scale=1, display=False)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (200, 100)
