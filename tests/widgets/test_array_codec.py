"""The binary array codec: to_buffer / from_buffer, array_serialization and Array."""

from __future__ import annotations

import numpy as np
import pytest
import traitlets
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from ipywidgets.widgets.widget import _remove_buffers

from cnnslicer_widgets.widgets import (
    SUPPORTED_DTYPES,
    Array,
    CNNSlicerView,
    array_serialization,
    from_buffer,
    to_buffer,
)

SHAPES = [(), (0,), (3,), (2, 0, 4), (2, 3), (2, 3, 4)]


def roundtrip(arr: np.ndarray) -> np.ndarray:
    payload = to_buffer(arr)
    # What the kernel receives back from the browser: plain bytes, not our memoryview.
    wire = {**payload, "buffer": bytes(payload["buffer"])}
    return from_buffer(wire)


def assert_identical(a: np.ndarray, b: np.ndarray) -> None:
    assert a.dtype == b.dtype and a.shape == b.shape
    assert a.tobytes() == b.tobytes()  # bitwise: NaN, inf and -0.0 included


@pytest.mark.parametrize("dtype", SUPPORTED_DTYPES)
@pytest.mark.parametrize("shape", SHAPES, ids=str)
def test_round_trip_every_dtype_and_shape(dtype: str, shape: tuple[int, ...]) -> None:
    arr = (np.arange(int(np.prod(shape))) % 7).reshape(shape).astype(dtype)
    back = roundtrip(arr)
    assert_identical(back, arr)
    assert back.flags.writeable and back.flags.c_contiguous and back.flags.owndata


@pytest.mark.parametrize("dtype", ["float16", "float32", "float64"])
def test_nan_inf_and_negative_zero_survive(dtype: str) -> None:
    arr = np.array([np.nan, np.inf, -np.inf, -0.0, 0.0, 1.5], dtype=dtype)
    back = roundtrip(arr)
    assert_identical(back, arr)
    assert np.signbit(back[3]) and not np.signbit(back[4])


@pytest.mark.parametrize("dtype", ["int8", "int16", "int32", "int64", "uint8", "uint16", "uint32"])
def test_integer_extremes(dtype: str) -> None:
    info = np.iinfo(dtype)
    assert_identical(
        roundtrip(np.array([info.min, 0, info.max], dtype=dtype)),
        np.array([info.min, 0, info.max], dtype=dtype),
    )


def test_payload_is_flat_c_ordered_little_endian_bytes() -> None:
    fortran = np.asfortranarray(np.arange(6, dtype=">i4").reshape(2, 3))
    payload = to_buffer(fortran)
    assert payload["dtype"] == "int32" and payload["shape"] == [2, 3]
    assert isinstance(payload["buffer"], memoryview) and payload["buffer"].format == "B"
    assert bytes(payload["buffer"]) == np.arange(6, dtype="<i4").tobytes()
    sliced = np.arange(20.0)[::3]
    assert_identical(roundtrip(sliced), sliced.copy())


def test_no_copy_for_contiguous_little_endian_input() -> None:
    arr = np.arange(12, dtype="float32").reshape(3, 4)
    assert np.shares_memory(np.frombuffer(to_buffer(arr)["buffer"], dtype="float32"), arr)


def test_accepts_lists_and_xarray_like() -> None:
    xr = pytest.importorskip("xarray")
    da = xr.DataArray(np.ones((2, 2), dtype="float32"), dims=("a", "b"))
    assert to_buffer(da)["shape"] == [2, 2]
    assert to_buffer([1, 2])["dtype"] == "int64"


@pytest.mark.parametrize(
    "bad",
    [
        np.array(["a"]),
        np.array([1 + 2j]),
        np.array([None]),
        np.array(["2024-01-01"], dtype="M8[D]"),
    ],
)
def test_unsupported_dtypes_are_refused_with_advice(bad: np.ndarray) -> None:
    with pytest.raises(TypeError, match="cannot send an array of dtype .*astype"):
        to_buffer(bad)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"dtype": "float32", "shape": [2]}, "dict with dtype, shape and buffer"),
        ([1, 2], "dict with dtype, shape and buffer"),
        ({"dtype": "complex64", "shape": [1], "buffer": b"\0" * 8}, "dtype 'complex64'"),
        ({"dtype": "int8", "shape": [-1], "buffer": b""}, "non-negative ints"),
        ({"dtype": "int8", "shape": [True], "buffer": b"\0"}, "non-negative ints"),
        ({"dtype": "int16", "shape": [3], "buffer": b"\0" * 5}, "needs 6 bytes, got 5"),
    ],
)
def test_malformed_payloads_are_refused(payload: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        from_buffer(payload)  # type: ignore[arg-type]


@given(
    hnp.arrays(
        dtype=st.sampled_from(SUPPORTED_DTYPES).map(np.dtype),
        shape=hnp.array_shapes(min_dims=0, max_dims=4, min_side=0, max_side=5),
    )
)
def test_round_trip_property(arr: np.ndarray) -> None:
    assert_identical(roundtrip(arr), arr)


class _Holder(CNNSlicerView):
    values = Array(dtype="float32", ndim=2).tag(sync=True)
    loose = traitlets.Any(None).tag(sync=True, **array_serialization)


def test_array_trait_syncs_as_a_binary_buffer() -> None:
    view = _Holder(values=[[1, 2], [3, np.nan]], loose=np.arange(3, dtype="uint8"))
    assert view.values.dtype == np.float32
    state = view.get_state(["values", "loose"])
    json_state, paths, buffers = _remove_buffers(state)
    assert sorted(map(tuple, paths)) == [("loose", "buffer"), ("values", "buffer")]
    assert json_state["values"] == {"dtype": "float32", "shape": [2, 2]}
    assert all(isinstance(b, memoryview) for b in buffers)
    # and back, as the browser would send it
    view.set_state({"values": {"dtype": "float32", "shape": [1, 2], "buffer": b"\0" * 8}})
    assert view.values.shape == (1, 2)


def test_array_trait_validates_and_notifies_only_on_real_change() -> None:
    view = _Holder(values=np.zeros((1, 1)))
    seen: list[tuple[int, ...] | None] = []
    view.observe(lambda change: seen.append(getattr(change["new"], "shape", None)), "values")
    view.values = np.zeros((1, 1))  # equal: silent
    view.values = np.zeros((1, 1, 1))[0]  # same shape and values: silent
    view.values = np.full((1, 1), np.nan)
    view.values = np.full((1, 1), np.nan)  # NaN == NaN here: silent
    view.values = np.zeros((2, 1))
    assert seen == [(1, 1), (2, 1)]
    with pytest.raises(traitlets.TraitError, match="needs 2 dimensions, got shape \\(3,\\)"):
        view.values = np.zeros(3)
    with pytest.raises(traitlets.TraitError, match="needs an array"):
        view.values = [[1, 2], [3]]
    view.values = None
    assert view.values is None and seen[-1] is None
