"""Per-channel MI with labels: known answers, bounds, ranks, nulls, real data, errors."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import xarray as xr
from hypothesis import given, settings
from hypothesis import strategies as st

from cnnslicer_widgets.cube import open_cube
from cnnslicer_widgets.estimators import (
    InformationEstimateWarning,
    _mi,
    channel_label_mi,
    channel_label_mi_cube,
    information_plane,
    rank_channels,
)

PROFILE = settings(max_examples=25, deadline=None, derandomize=True, database=None)


def maps(values, labels, **coords) -> xr.DataArray:
    """(x, channel, h, w) feature maps with a label coordinate."""
    values = np.asarray(values, dtype=np.float64)
    coords = {"label": ("x", np.asarray(labels)), **coords}
    return xr.DataArray(values, dims=("x", "channel", "h", "w"), coords=coords)


def mi(da, labels=None, **kw) -> xr.Dataset:
    kw.setdefault("n_permutations", 0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InformationEstimateWarning)
        return channel_label_mi(da, labels, **kw)


def h(p) -> float:
    p = np.asarray(p, dtype=np.float64)
    p = p[p > 0] / p.sum()
    return float(-(p * np.log2(p)).sum())


@pytest.fixture(scope="module")
def coded():
    """Channels with known MI: 0 copies Y, 1 flags Y == 3, 2 is dead, 3 is Y squared."""
    y = np.repeat([0, 1, 2, 3, 4], [6, 10, 3, 9, 12])
    n = len(y)
    v = np.zeros((n, 4, 2, 2))
    v[:, 0] = y[:, None, None] * np.array([[1.0, -1.0], [2.0, 0.5]])
    v[:, 1] = (y == 3)[:, None, None]
    v[:, 3] = (y**2)[:, None, None]
    return maps(v, y), y


@pytest.mark.parametrize("estimator", ["binning", "kde"])
def test_known_answers(coded, estimator):
    da, y = coded
    kw = {"noise_variance": 1e-4} if estimator == "kde" else {}
    ds = mi(da, method=estimator, **kw)
    counts = np.bincount(y)
    n = len(y)
    h_y, h_b = h(counts), np.array([h([c, n - c]) for c in counts])
    np.testing.assert_allclose(ds.mi.values, [h_y, h_b[3], 0.0, h_y], atol=1e-9)
    np.testing.assert_allclose(ds.mi_binary.sel(channel=0), h_b, atol=1e-9)
    np.testing.assert_allclose(ds.mi_binary.sel(channel=2), 0.0, atol=1e-12)
    # channel 1 = 1[Y = 3]: for k != 3, I(B_3; B_k) = H(B_k) - P(B_3 = 0) H(B_k | B_3 = 0)
    rest = n - counts[3]
    expected = [
        h_b[k] if k == 3 else h_b[k] - rest / n * h([counts[k], rest - counts[k]]) for k in range(5)
    ]
    np.testing.assert_allclose(ds.mi_binary.sel(channel=1), expected, atol=1e-9)
    assert ds.h_y.item() == pytest.approx(h_y) and np.allclose(ds.h_binary, h_b)
    assert ds.mi_rank.values.tolist() == [1, 3, 4, 1]
    assert ds.mi.attrs["units"] == "bits" and ds.attrs["method"] == estimator


@settings(PROFILE)
@given(seed=st.integers(0, 10_000), k=st.integers(2, 5), est=st.sampled_from(["binning", "kde"]))
def test_bounded_by_label_entropy(seed, k, est):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(4, 40))
    y = rng.integers(0, k, n)
    v = rng.normal(size=(n, 3, 2, 2)) * rng.integers(0, 3, size=(1, 3, 1, 1))
    ds = mi(maps(v, y), method=est, noise_variance=float(rng.uniform(1e-3, 3)))
    h_y = ds.h_y.item()
    assert h_y <= math.log2(k) + 1e-12 and (ds.h_binary <= 1 + 1e-12).all()
    assert (ds.mi <= h_y + 1e-12).all() and (ds.mi_binary <= ds.h_binary + 1e-12).all()
    if est == "binning":  # plug-in MI is never negative
        assert (ds.mi >= 0).all() and (ds.mi_binary >= 0).all()


def test_kde_channel_is_the_plane_estimator_on_that_channel(coded):
    rng = np.random.default_rng(0)
    y = np.arange(60) % 4
    v = (
        rng.normal(size=(60, 3, 3, 3))
        + y[:, None, None, None] * np.array([0, 0.5, 2])[None, :, None, None]
    )
    da = maps(v, y)
    per_channel = mi(da, bound="lower")
    for c in range(3):
        one = information_plane(da.isel(channel=c), method=["kde"], n_permutations=0)
        assert per_channel.mi.sel(channel=c).item() == pytest.approx(
            one.i_ty.sel(estimator="kde_lower").item(), abs=1e-12
        )
        assert per_channel.i_xt.sel(channel=c).item() == pytest.approx(
            one.i_xt.sel(estimator="kde_lower").item(), abs=1e-12
        )


def test_invariances(coded):
    da, y = coded
    rng = np.random.default_rng(1)
    da = da + rng.normal(scale=0.3, size=da.shape)
    base = mi(da)
    # relative noise: each channel rescaled and shifted on its own
    scale = xr.DataArray([3.0, 0.01, 7.0, 100.0], dims="channel")
    np.testing.assert_allclose(mi(da * scale - 2.0).mi, base.mi, atol=1e-9)
    # renamed classes: the same K-class MI, the binary rows follow their class
    names = np.array(["e", "d", "c", "b", "a"])[y]
    renamed = mi(da, names)
    np.testing.assert_allclose(renamed.mi, base.mi, atol=1e-12)
    np.testing.assert_allclose(
        renamed.mi_binary.sel(**{"class": "e"}), base.mi_binary.sel(**{"class": 0}), atol=1e-12
    )
    # channel groups (memory bound) give the same numbers as one group
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(_mi, "GROUP_BYTES", 1)
        np.testing.assert_allclose(mi(da).mi_binary, base.mi_binary, atol=1e-12)


def test_rank_channels():
    ranks = rank_channels(
        xr.DataArray([[0.5, 0.2, 0.5, 0.9], [1.0, np.nan, 0.0, 0.3]], dims=("class", "channel"))
    )
    np.testing.assert_array_equal(ranks.values, [[2, 4, 2, 1], [1, np.nan, 3, 2]])
    tied = rank_channels(xr.DataArray([0.3, 0.1 + 0.2, 0.0], dims="channel"))
    assert tied.values.tolist() == [1, 1, 3] and tied.dtype == np.int64  # rounding is a tie


def test_null_flags_noise_and_keeps_information():
    rng = np.random.default_rng(2)
    y = np.arange(200) % 2
    v = rng.normal(size=(200, 2, 3, 3))
    v[:, 0] += 1.0 * y[:, None, None]  # channel 0 informative, channel 1 pure noise
    ds = channel_label_mi(maps(v, y), n_permutations=40, seed=3)
    assert ds.mi_p_value.sel(channel=0).item() == pytest.approx(1 / 41)
    assert ds.mi_null_mean.sel(channel=0) < 0.2 * ds.mi.sel(channel=0)
    assert ds.mi_p_value.sel(channel=1).item() > 0.05
    z = (ds.mi - ds.mi_null_mean) / ds.mi_null_std
    assert abs(z.sel(channel=1).item()) < 3 and z.sel(channel=0).item() > 10
    assert ds.mi_binary_p_value.dims == ("class", "channel")


def test_binning_saturates_with_a_warning():
    rng = np.random.default_rng(3)
    y = np.arange(50) % 5
    v = rng.normal(size=(50, 3, 4, 4))
    v[:, 2] = 0.0
    with pytest.warns(InformationEstimateWarning, match=r"state of its own.*\(2 of 3 channels"):
        ds = channel_label_mi(maps(v, y), method="binning", n_permutations=0)
    assert ds.saturated.values.tolist() == [True, True, False]
    np.testing.assert_allclose(ds.mi.values, [ds.h_y.item()] * 2 + [0.0], atol=1e-12)


def test_clear_errors():
    y = np.arange(4) % 2
    da = maps(np.arange(48.0).reshape(4, 3, 2, 2), y)
    with pytest.raises(ValueError, match="'channel' not among the dims"):
        channel_label_mi(da.rename(channel="c"))
    bad = da.copy()
    bad[2, 1, 0, 0] = np.inf
    with pytest.raises(ValueError, match=r"NaN or inf .* channel\[1\], x\[2\]"):
        channel_label_mi(bad)
    with pytest.raises(ValueError, match="got 3 labels for 4 samples"):
        channel_label_mi(da, y[:3])
    with pytest.raises(ValueError, match="at least 2 samples"):
        channel_label_mi(da.isel(x=[1]))
    with pytest.raises(ValueError, match="method='knn'"):
        channel_label_mi(da, method="knn")
    with pytest.raises(ValueError, match="bound='middle'"):
        channel_label_mi(da, bound="middle")
    with pytest.raises(ValueError, match="n_permutations must be >= 0"):
        channel_label_mi(da, n_permutations=-1)
    with pytest.raises(ValueError, match="labels contain NaN"):
        channel_label_mi(da, np.array([0.0, 1.0, np.nan, 1.0]))


def test_per_channel_mi_of_a_recorded_mnist_run(mnist_run):
    cube = open_cube(mnist_run)
    ds = channel_label_mi_cube(cube, layers="3", n_permutations=10, progress=False)
    assert ds.mi.dims == ("layer", "epoch", "channel")
    ds = ds.sel(layer="3")
    assert ds.mi.dims == ("epoch", "channel") and ds.mi_binary.dims == ("epoch", "class", "channel")
    assert ds.epoch.values.tolist() == cube.epochs and ds.sizes["channel"] == 16
    assert ds.layer.item() == "3" and ds.attrs["method"] == "kde"
    assert (ds.mi <= math.log2(10) + 1e-12).all() and (ds.mi_binary <= 1 + 1e-12).all()
    assert np.isfinite(ds.mi).all() and not ds.saturated.any()
    # ranks: a permutation of 1..16 per epoch (no ties in real data)
    assert (np.sort(ds.mi_rank.values, axis=1) == np.arange(1, 17)).all()
    # training makes the channels more informative than the null
    last = ds.sel(epoch=cube.epochs[-1])
    assert (last.mi_p_value == 1 / 11).mean() > 0.5 and last.mi.median() > ds.mi.sel(
        epoch=0
    ).median()
    # one epoch equals the single-epoch function
    one = channel_label_mi(cube.activations("3").sel(epoch=1), n_permutations=10)
    np.testing.assert_allclose(one.mi_binary, ds.mi_binary.sel(epoch=1), atol=1e-12)
    with pytest.raises(KeyError, match="layers \\['nope'\\] not in the cube"):
        channel_label_mi_cube(cube, layers="nope")
    with pytest.raises(KeyError, match="epochs \\[99\\] not in the cube"):
        channel_label_mi_cube(cube, layers="3", epochs=[99])


@pytest.mark.parametrize("method", ["kde", "binning"])
def test_block_by_block_equals_the_whole_layer(mnist_run, method):
    """What the information view runs a fraction of a second at a time: blocks of 1, 3,
    then the rest of the channels give channel_label_mi_cube's Dataset, attrs and
    warnings (binning warns that it saturates)."""
    from cnnslicer_widgets.estimators._mi_blocks import ChannelMIBlocks

    cube = open_cube(mnist_run)
    kw = {"method": method, "n_permutations": 5, "seed": 3}
    with warnings.catch_warnings(record=True) as whole_warned:
        warnings.simplefilter("always")
        whole = channel_label_mi_cube(cube, layers="3", epochs=[2], progress=False, **kw)
    job = ChannelMIBlocks(cube, "3", 2, **kw)
    job.step(1)
    job.step(3)
    assert (job.done, job.total, job.complete) == (4, 16, False)
    job.run_for(0.0)  # at least one more block, sized from the time per channel so far
    assert job.done > 4
    with warnings.catch_warnings(record=True) as blocks_warned:
        warnings.simplefilter("always")
        blocks = job.result()
    assert job.complete and job.seconds > 0
    xr.testing.assert_identical(blocks, whole)
    assert [str(w.message) for w in blocks_warned] == [str(w.message) for w in whole_warned]
    assert (method == "binning") == bool(whole_warned)
    assert {w.filename for w in blocks_warned} <= {__file__}  # pointed at the caller
    with pytest.raises(KeyError, match="epochs \\[99\\] not in the cube"):
        ChannelMIBlocks(cube, "3", 99)
    with pytest.raises(ValueError, match="bound='middle'"):
        ChannelMIBlocks(cube, "3", 2, bound="middle")
