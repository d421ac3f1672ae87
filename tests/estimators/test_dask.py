"""Dask-backed inputs give the numpy path's results: chunk-wise intra-sample entropy,
per-channel-block MI, streamed capacity, and the label entropies; read from a real store."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import xarray as xr

from cnnslicer_widgets.cube import open_cube
from cnnslicer_widgets.estimators import (
    _dask,
    _dask_capacity,
    _dask_mi,
    channel_capacity,
    channel_label_mi,
    channel_label_mi_cube,
    confusion_matrix,
    entropy_label_given_pred,
    entropy_pred_given_label,
    intra_sample_entropy,
    intra_sample_entropy_cube,
    soft_entropy_pred_given_label,
)
from cnnslicer_widgets.estimators._inputs import as_compute_values


@pytest.fixture(scope="module")
def cube(mnist_run):
    return open_cube(mnist_run)


@pytest.mark.parametrize("value_range", ["sample", "channel", (-1.0, 3.0)])
def test_intra_from_the_store_equals_the_in_memory_values(cube, value_range):
    lazy = cube["3"].sel(epoch=[0, 3])  # dask, the store's chunks
    assert _dask.is_lazy(lazy)
    got = intra_sample_entropy(lazy, range=value_range, progress=False)
    want = intra_sample_entropy(lazy.load(), range=value_range, progress=False)
    assert got.identical(want)
    assert got.dims == ("epoch", "x", "channel") and got.attrs["units"] == "bits"
    assert 0 < float(got.mean()) < 5  # 32 bins: at most 5 bits


def test_intra_on_split_maps_and_the_whole_cube(cube):
    da = cube["0"].sel(epoch=1)
    split = da.chunk({"h": 7, "x": 64})  # maps split across chunks: rechunked to whole maps
    assert intra_sample_entropy(split, progress=False).identical(
        intra_sample_entropy(da.load(), progress=False)
    )
    got = intra_sample_entropy_cube(cube, progress=False)
    for layer in ("0", "3"):
        want = intra_sample_entropy(cube[layer].load(), progress=False)
        np.testing.assert_array_equal(
            got.sel(layer=layer).dropna("channel", how="all").transpose(*want.dims).values,
            want.values.astype(np.float32),
        )


def test_intra_names_a_non_finite_map_of_a_lazy_input(cube):
    values = cube["3"].sel(epoch=2).load()
    values[17, 4, 3, 3] = np.inf
    with pytest.raises(ValueError, match=r"1 of 3200 feature maps: at x=17, channel=4"):
        intra_sample_entropy(values.chunk({"x": 50}), progress=False)


def test_float16_lookup_is_exact():
    bits = np.arange(2**16, dtype=np.uint16).view(np.float16)
    np.testing.assert_array_equal(as_compute_values(bits), bits.astype(np.float32))
    assert as_compute_values(np.arange(3)).dtype == np.float64


@pytest.mark.parametrize("max_pairs", [None, 3000])
def test_streamed_capacity_equals_the_in_memory_one(cube, monkeypatch, max_pairs):
    source = cube["0"].sel(epoch=3).isel(x=slice(0, 120))
    target = cube["3"].sel(epoch=3).isel(x=slice(0, 120))
    want = channel_capacity(source.load(), target.load(), max_pairs=max_pairs, progress=False)
    monkeypatch.setattr(_dask_capacity, "_BLOCK_BYTES", 1)  # one channel per block
    got = channel_capacity(source, target, max_pairs=max_pairs, progress=False)
    assert got.identical(want)
    assert got.attrs["n_pairs"] == (120 * 119 // 2 if max_pairs is None else max_pairs)
    assert float(got.max()) > 0.5  # trained layers share information


def test_streamed_capacity_names_a_non_finite_map(cube):
    target = cube["3"].sel(epoch=1, x=slice(0, 50)).load()
    target[9, 2, 0, 0] = np.nan
    with pytest.raises(ValueError, match=r"target feature maps: at channel=2, x=9"):
        channel_capacity(cube["0"].sel(epoch=1, x=slice(0, 50)), target.chunk({"x": 10}),
                         progress=False)  # fmt: skip


def test_channel_mi_per_channel_blocks_equals_the_in_memory_one(cube, monkeypatch):
    lazy = cube["3"].sel(epoch=3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        want = channel_label_mi(lazy.load(), n_permutations=2)
        monkeypatch.setattr(_dask_mi, "_TASK_BYTES", 1)  # one channel per task
        got = channel_label_mi(lazy, n_permutations=2)
        assert got.identical(want)
        cube_mi = channel_label_mi_cube(cube, layers="3", epochs=[1, 3], n_permutations=2,
                                        progress=False)  # fmt: skip
    xr.testing.assert_identical(cube_mi.mi.sel(layer="3", drop=True).sel(epoch=3), want.mi)
    assert float(want.mi.max()) > 0.1


def test_channel_mi_checks_a_lazy_input_before_any_task(cube):
    with pytest.raises(ValueError, match="has 4 epochs; an estimate is for one epoch"):
        channel_label_mi(cube["3"])


def test_label_entropies_accept_dask(cube):
    logits = cube.logits.chunk({"x": 64})
    assert confusion_matrix(logits).identical(confusion_matrix(cube.logits))
    assert soft_entropy_pred_given_label(logits).identical(
        soft_entropy_pred_given_label(cube.logits)
    )
    confusion = cube.confusion
    lazy = confusion.chunk({"epoch": 1})
    for estimate in (entropy_label_given_pred, entropy_pred_given_label):
        got, want = estimate(lazy), estimate(confusion)
        assert not _dask.is_lazy(got) and got.dims == want.dims
        np.testing.assert_allclose(got.values, want.values, rtol=1e-12)  # summation order


def test_client_must_be_a_client():
    with pytest.raises(TypeError, match="client must be a dask.distributed Client"):
        _dask.resolve_client("tcp://127.0.0.1:8786")
