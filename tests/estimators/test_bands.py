"""Bands: balanced resampled probe sets, quantile bands, and the sign of a difference."""

from __future__ import annotations

import numpy as np
import pytest
import xarray as xr

from cnnslicer_widgets.estimators import channel_capacity, inter_sample_entropy
from cnnslicer_widgets.estimators.bands import band, resample_sets, resampled, sign_beyond_band


def test_resample_sets_are_balanced_distinct_and_seeded():
    labels = np.repeat(np.arange(4), [10, 7, 9, 12])
    sets = resample_sets(labels, n_sets=20, seed=3)
    assert sets.shape == (20, 4 * 3)          # half of the rarest class (7) per class
    for row in sets:
        assert len(np.unique(row)) == len(row)                  # nothing drawn twice
        assert np.bincount(labels[row]).tolist() == [3, 3, 3, 3]
        assert (np.diff(row) > 0).all()
    assert len({tuple(r) for r in sets}) > 15                   # the draws differ
    assert (resample_sets(labels, n_sets=20, seed=3) == sets).all()
    assert resample_sets(labels, per_class=7, n_sets=2).shape == (2, 28)
    with pytest.raises(ValueError, match="rarest class"):
        resample_sets(labels, per_class=8)
    with pytest.raises(ValueError, match="fraction"):
        resample_sets(labels, fraction=0)


def test_every_subset_of_a_simplex_has_the_uniform_entropy():
    # equidistant points: any m of them give log2(m (m - 1)) bits, so the band has width 0
    da = xr.DataArray(np.eye(12), dims=("x", "pixel"),
                      coords={"label": ("x", np.repeat([0, 1], 6))})
    h = resampled(inter_sample_entropy, da, n_sets=5, progress=False)
    assert h.dims == ("resample",) and h.sizes["resample"] == 5
    np.testing.assert_allclose(h.values, np.log2(6 * 5), rtol=1e-12)
    assert h.attrs["estimator"] == "inter_sample_entropy"
    assert h.attrs["resample_per_class"] == 3 and h.attrs["resample_sets"] == 5
    b = band(h)
    assert float(b["high"] - b["low"]) < 1e-12 and b["median"].attrs["units"] == "bits"


def test_resampled_subsets_every_input_alike():
    # target = 3 x source: each channel keeps all its information on every subset,
    # so the capacity of a channel with its twin equals its entropy H(C) on that subset
    rng = np.random.default_rng(0)
    src = xr.DataArray(rng.random((40, 2, 3, 3)), dims=("x", "channel", "h", "w"))
    cap = resampled(channel_capacity, src, 3 * src, n_sets=3, bins=8, progress=False)
    assert cap.dims == ("resample", "target_channel", "source_channel")
    for r in range(3):
        diag = np.diag(cap.isel(resample=r).values)
        assert (diag >= cap.isel(resample=r).values.max(axis=0) - 1e-12).all()
        assert cap.attrs["n_pairs"] == 20 * 19 // 2


def test_band_is_the_central_interval():
    v = xr.DataArray(np.arange(101.0), dims="resample")
    b = band(v)
    assert (float(b["low"]), float(b["median"]), float(b["high"])) == (5.0, 50.0, 95.0)
    b = band(v, level=1.0)
    assert (float(b["low"]), float(b["high"])) == (0.0, 100.0)
    two = xr.DataArray([[1.0, np.nan, 3.0], [4.0, 5.0, 6.0]], dims=("layer", "resample"))
    assert band(two, level=1.0)["low"].values.tolist() == [1.0, 4.0]   # NaN left out
    with pytest.raises(ValueError, match="level"):
        band(v, level=0)
    with pytest.raises(ValueError, match="not in the dims"):
        band(v, dim="set")


def test_sign_beyond_band():
    assert sign_beyond_band([0.1, 0.2, 0.3]) == 1
    assert sign_beyond_band([-0.1, -0.2, -0.3]) == -1
    assert sign_beyond_band([-0.1, 0.2, 0.3], level=1.0) == 0
    # 1 of 40 below zero lies outside the 90 % band but inside the full range
    values = np.r_[-1.0, np.linspace(0.1, 1, 39)]
    assert sign_beyond_band(values) == 1 and sign_beyond_band(values, level=1.0) == 0
    assert sign_beyond_band([np.nan, np.nan]) == 0
