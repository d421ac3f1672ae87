"""The array codec in a real browser: kernel -> JS decode -> JS encode -> kernel."""

from __future__ import annotations

import sys
import time
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from .conftest import LabPage

pytestmark = pytest.mark.browser

SETUP = """\
import sys
import numpy as np
import probes

rng = np.random.default_rng(0)
specials = [0.0, -0.0, 1.0, -2.5, 65504.0, 2.0**-14, 2.0**-24, np.inf, -np.inf, np.nan, 0.1, 1 / 3]
ints = {t: np.array([np.iinfo(t).min, -1 if np.iinfo(t).min else 1, 0, np.iinfo(t).max], dtype=t)
        for t in ("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")}
arrays = {
    "float16": np.array(specials, dtype="float16"),
    "float32_3d": np.array(specials * 2, dtype="float32").reshape(2, 3, 4),
    "float64": np.array(specials, dtype="float64"),
    "float64_fortran": np.asfortranarray(rng.normal(size=(200, 300))),
    "float32_scalar": np.array(np.nan, dtype="float32"),
    "float64_empty": np.zeros((0, 3)),
    "int64_small": np.arange(-6, 6, dtype="int64").reshape(3, 4),
    "bool": np.array([[True, False, True], [False, False, True]]),
    "uint8_empty": np.zeros((2, 0), dtype="uint8"),
    **ints,
}
echo = probes.CodecEcho(inputs=arrays)"""

CHECK = """\
kinds = {"float16": "Float32Array", "float32": "Float32Array", "float64": "Float64Array",
         "int8": "Int8Array", "int16": "Int16Array", "int32": "Int32Array",
         "int64": "BigInt64Array", "uint8": "Uint8Array", "uint16": "Uint16Array",
         "uint32": "Uint32Array", "uint64": "BigUint64Array", "bool": "Uint8Array"}
assert sorted(echo.echoed) == sorted(arrays), sorted(echo.echoed)
for name, arr in arrays.items():
    back, seen, report = echo.echoed[name], echo.as_float64[name], echo.report[name]
    assert (back.dtype, back.shape) == (arr.dtype, arr.shape), (name, back.dtype, back.shape)
    assert back.tobytes() == np.ascontiguousarray(arr).tobytes(), name  # bitwise
    assert report == {"dtype": str(arr.dtype), "shape": list(arr.shape), "size": arr.size,
                      "kind": kinds[str(arr.dtype)]}, (name, report)
    assert seen.dtype == np.float64 and seen.shape == arr.shape, name
    want = arr.astype("float64")
    assert np.array_equal(seen, want, equal_nan=True), (name, seen.ravel()[:6], want.ravel()[:6])
    assert (np.signbit(seen) == np.signbit(want))[~np.isnan(want)].all(), name
assert sys.prefix == PREFIX, sys.prefix"""


def test_codec_round_trip_through_the_browser(lab: LabPage) -> None:
    lab.open_notebook([SETUP, "echo"])
    start = lab.run_all()
    widget = lab.cell(1).locator('[data-roundtrip="sent"]')
    widget.wait_for()
    lab.timings["run_all_to_codec_widget_s"] = round(time.monotonic() - start, 2)
    lab.screenshot("roundtrip", widget)
    lab.check(CHECK.replace("PREFIX", repr(sys.prefix)))
    lab.assert_clean()
