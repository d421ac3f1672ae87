"""Intra-sample entropy: known answers, an independent np.histogram reference, errors."""

from __future__ import annotations

import dask.array as dsk
import numpy as np
import pytest
import xarray as xr

from cnnslicer_widgets.estimators import _intra_core as intra_module
from cnnslicer_widgets.estimators import (
    channel_entropy,
    class_entropy,
    intra_sample_entropy,
)

CENTRES = -1 + (2 * np.arange(32) + 1) / 32  # the centres of the 32 bins over [-1, 1]


def maps(*arrays) -> xr.DataArray:
    return xr.DataArray(np.stack(arrays), dims=("x", "h", "w"))


def test_uniform_over_32_bins_is_5_bits():
    # 32 copies of each bin centre: every bin holds 1/32 of the values. With the map's own
    # range the centres c_0..c_31 rescale to bins floor(32 b / 31) = b (b = 31 is the edge).
    rng = np.random.default_rng(0)
    uniform = rng.permutation(np.repeat(CENTRES, 32)).reshape(32, 32)
    da = maps(uniform, 7.5 * uniform - 3)  # affine images of it: the same histogram
    assert intra_sample_entropy(da, progress=False).values.tolist() == [5.0, 5.0]
    fixed = intra_sample_entropy(da.isel(x=[0]), range=(-1, 1), progress=False)
    assert fixed.item() == 5.0


def test_constant_map_is_0_in_every_range_mode():
    da = xr.DataArray(np.full((2, 1, 4, 4), 3.0), dims=("x", "channel", "h", "w"))
    for value_range in ("sample", "channel", (0.0, 10.0)):
        h = intra_sample_entropy(da, range=value_range, progress=False)
        assert (h.values == 0).all()


def test_simple_histograms():
    half = np.r_[np.zeros(8), np.ones(8)].reshape(4, 4)  # two equally filled bins
    eight = np.repeat(np.arange(8.0), 4).reshape(4, 8)  # 8 equally filled bins out of 8
    assert intra_sample_entropy(maps(half), progress=False).item() == 1.0
    assert intra_sample_entropy(maps(eight), bins=8, progress=False).item() == 3.0
    # 3 of 4 values in one bin: -(3/4 log2 3/4 + 1/4 log2 1/4)
    quarter = maps(np.array([[0.0, 0.0], [0.0, 1.0]]))
    assert intra_sample_entropy(quarter, progress=False).item() == pytest.approx(0.8112781244591328)


def test_matches_a_per_map_np_histogram_loop_on_real_mnist(mnist_100, reference_entropy):
    images = mnist_100.isel(x=slice(0, 300)).astype(np.float64)
    h = intra_sample_entropy(images, progress=False)
    expected = [reference_entropy(v) for v in images.values]
    np.testing.assert_allclose(h.values, expected, rtol=0, atol=1e-12)
    assert 0 < h.min() and h.max() < 5  # real digits: a few grey levels, mostly 0


@pytest.mark.parametrize("bins", [7, 256, 257, 1000])
def test_bin_counts_either_side_of_one_byte_bin_numbers(bins, reference_entropy):
    # up to 256 bins the kernel keeps bin numbers in bytes, above in int32: both against
    # np.histogram, on bin centres over the fixed range [-1, 1] (no value near an edge)
    rng = np.random.default_rng(bins)
    centres = -1 + (2 * rng.integers(0, bins, size=(6, 50, 60)) + 1) / bins
    h = intra_sample_entropy(maps(*centres), bins=bins, range=(-1, 1), progress=False)
    expected = [reference_entropy(v, bins=bins, lo=-1, hi=1) for v in centres]
    np.testing.assert_allclose(h.values, expected, rtol=0, atol=1e-12)
    assert h.min() > 0.9 * np.log2(min(bins, 3000))  # nearly every bin filled


def test_float16_and_integer_inputs_equal_float32(mnist_100):
    images = mnist_100.isel(x=slice(0, 50))
    as32 = intra_sample_entropy(images.astype(np.float32), progress=False)
    as16 = intra_sample_entropy(images.astype(np.float16), progress=False)
    as_uint8 = intra_sample_entropy(images, progress=False)
    np.testing.assert_array_equal(as16.values, as32.values)
    np.testing.assert_array_equal(as_uint8.values, as32.values)


def test_channel_range_uses_the_channel_min_max(reference_entropy):
    # channel values span 0..1; map 0 only holds 0 and 0.01 -> one bin of the channel range
    # (0 bits) but two far-apart values of its own range (1 bit)
    m0 = np.r_[np.zeros(8), np.full(8, 0.01)].reshape(4, 4)
    m1 = np.linspace(0, 1, 16).reshape(4, 4)
    da = xr.DataArray(np.stack([m0, m1])[:, None], dims=("x", "channel", "h", "w"))
    assert intra_sample_entropy(da, range="channel", progress=False).values[0, 0] == 0.0
    assert intra_sample_entropy(da, range="sample", progress=False).values[0, 0] == 1.0
    channel = intra_sample_entropy(da, range="channel", progress=False).values[1, 0]
    assert channel == pytest.approx(reference_entropy(m1, lo=0, hi=1))


def test_fixed_range_counts_values_outside_in_the_edge_bins():
    out = maps(np.r_[np.full(8, -5.0), np.full(8, 5.0)].reshape(4, 4))
    assert intra_sample_entropy(out, range=(-1, 1), progress=False).item() == 1.0
    below = maps(np.full((4, 4), -7.0))
    assert intra_sample_entropy(below, range=(0, 1), progress=False).item() == 0.0


def test_blocks_and_dims_orders_give_the_same_values(monkeypatch, mnist_100, reference_entropy):
    images = mnist_100.isel(x=slice(0, 64)).values.astype(np.float32)
    acts = xr.DataArray(images.reshape(4, 4, 4, 28, 28), dims=("epoch", "x", "channel", "h", "w"))
    monkeypatch.setattr(intra_module, "_BLOCK_BYTES", 4096)  # one leading index per block
    for value_range in ("sample", "channel"):
        whole = acts.transpose("channel", "x", "epoch", "h", "w")  # channel leads
        a = intra_sample_entropy(acts, range=value_range, progress=False)
        b = intra_sample_entropy(whole, range=value_range, progress=False)
        xr.testing.assert_identical(a, b.transpose(*a.dims))
    lo = acts.min(dim=("epoch", "x", "h", "w")).values
    hi = acts.max(dim=("epoch", "x", "h", "w")).values
    h = intra_sample_entropy(acts, range="channel", progress=False)
    assert h.values[2, 1, 3] == pytest.approx(
        reference_entropy(images.reshape(4, 4, 4, 28, 28)[2, 1, 3], lo=lo[3], hi=hi[3])
    )


def test_dask_input_coords_and_attrs(mnist_100):
    images = mnist_100.isel(x=slice(0, 40)).astype(np.float32)
    lazy = images.copy(data=dsk.from_array(images.values, chunks=(7, 28, 28)))
    h = intra_sample_entropy(lazy, progress=False)
    np.testing.assert_array_equal(h.values, intra_sample_entropy(images, progress=False).values)
    assert h.dims == ("x",)
    np.testing.assert_array_equal(h.label.values, images.label.values)
    assert h.attrs["units"] == "bits" and h.attrs["estimator"] == "intra_sample_entropy"
    assert h.attrs["bins"] == 32 and h.attrs["range"] == "sample"


def test_one_by_one_maps_of_a_dense_layer_are_0():
    da = xr.DataArray(np.arange(6.0).reshape(2, 3, 1, 1), dims=("x", "channel", "h", "w"))
    assert (intra_sample_entropy(da, progress=False).values == 0).all()


def test_errors_say_what_and_how_to_fix():
    da = xr.DataArray(
        np.zeros((3, 2, 4, 4)),
        dims=("x", "channel", "h", "w"),
        coords={"x": [10, 11, 12], "channel": [0, 1]},
    )
    with pytest.raises(ValueError, match=r"map dims 'rows'.*its dims: 'x', 'channel', 'h', 'w'"):
        intra_sample_entropy(da, map_dims=("rows", "w"), progress=False)
    bad = da.copy(data=da.values.copy())
    bad.values[1, 1, 2, 3] = np.nan
    bad.values[2, 0, 0, 0] = np.inf
    with pytest.raises(ValueError, match=r"NaN or inf in 2 of 6 feature maps: at x=11, channel=1"):
        intra_sample_entropy(bad, progress=False)
    with pytest.raises(ValueError, match="range='chanel' is not one of"):
        intra_sample_entropy(da, range="chanel", progress=False)
    with pytest.raises(ValueError, match="finite lo < hi"):
        intra_sample_entropy(da, range=(1, 1), progress=False)
    with pytest.raises(ValueError, match="bins must be a positive integer"):
        intra_sample_entropy(da, bins=0, progress=False)
    with pytest.raises(TypeError, match="bin"):
        intra_sample_entropy(da, bin=32)  # unknown option


def test_channel_and_class_means():
    h = xr.DataArray(
        [[1.0, 2.0], [3.0, 4.0], [5.0, 0.0]],
        dims=("x", "channel"),
        coords={"x": [0, 1, 2], "label": ("x", [7, 7, 3])},
    )
    assert channel_entropy(h).values.tolist() == [3.0, 2.0]
    per_class = class_entropy(h, classes=[3, 7, 9])
    assert per_class.dims == ("channel", "class")
    np.testing.assert_array_equal(per_class.values, [[5.0, 2.0, np.nan], [0.0, 3.0, np.nan]])
    assert per_class.n_samples.values.tolist() == [1, 2, 0]  # the NaN is labelled
    assert class_entropy(h)["class"].values.tolist() == [3, 7]
    with pytest.raises(ValueError, match="no coordinate 'digit' along 'x'.*coords on it: x, label"):
        class_entropy(h, label="digit")


def test_progress_bar_can_be_turned_off(capsys):
    da = maps(np.zeros((4, 4)))
    intra_sample_entropy(da, progress=False)
    assert capsys.readouterr().err == ""
    intra_sample_entropy(da, progress=True)
    assert "intra-sample entropy" in capsys.readouterr().err
