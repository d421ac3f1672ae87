"""Channel capacity: identities, independence, symmetry, subsampling, sorting, errors."""

from __future__ import annotations

import math

import numpy as np
import pytest
import xarray as xr
from scipy.spatial.distance import pdist

from cnnslicer_widgets.estimators import _capacity_core as capacity_module
from cnnslicer_widgets.estimators import channel_capacity, sort_capacity
from cnnslicer_widgets.estimators._capacity_core import sample_pairs


def layer(values, **coords) -> xr.DataArray:
    return xr.DataArray(values, dims=("x", "channel", "h", "w"), coords=coords)


def distance_entropy(maps: np.ndarray, bins: int = 32) -> float:
    """H(C) the long way: scipy pdist of one channel's maps, np.histogram over min..max."""
    d = pdist(maps.reshape(len(maps), -1))
    if d.max() == d.min():
        return 0.0
    counts, _ = np.histogram(d, bins=bins, range=(d.min(), d.max()))
    p = counts[counts > 0] / d.size
    return float(-(p * np.log2(p)).sum())


@pytest.fixture(scope="module")
def quadrants(mnist_100) -> xr.DataArray:
    """200 real MNIST digits, their four 14 x 14 quadrants as four channels (float64)."""
    img = mnist_100.isel(x=slice(0, 1000, 5)).values.astype(np.float64)
    q = img.reshape(200, 2, 14, 2, 14).transpose(0, 1, 3, 2, 4).reshape(200, 4, 14, 14)
    return layer(q, x=np.arange(200), sample_index=("x", mnist_100.sample_index.values[::5]))


def test_a_channel_with_itself_gives_its_entropy_and_same_layer_is_symmetric(quadrants):
    cap = channel_capacity(quadrants, quadrants, progress=False)
    expected = [distance_entropy(quadrants.values[:, c]) for c in range(4)]
    np.testing.assert_allclose(np.diag(cap.values), expected, atol=1e-9)
    np.testing.assert_allclose(cap.values, cap.values.T, atol=1e-12)
    bound = np.minimum.outer(expected, expected)
    assert (cap.values >= 0).all() and (cap.values <= bound + 1e-12).all()
    assert cap.dims == ("target_channel", "source_channel")
    assert cap.attrs["units"] == "bits" and cap.attrs["n_pairs"] == 200 * 199 // 2


def test_distance_preserving_maps_keep_all_information(quadrants):
    # scaling a channel by 2.5 and shifting it scales all its distances: the same bins
    moved = 2.5 * quadrants.isel(channel=[2, 0, 3, 1]) + 7.0
    moved = moved.assign_coords(channel=[20, 21, 22, 23])
    cap = channel_capacity(quadrants, moved, progress=False)
    own = [distance_entropy(quadrants.values[:, c]) for c in range(4)]
    for target, source in enumerate([2, 0, 3, 1]):
        assert cap.sel(target_channel=20 + target, source_channel=source).item() == pytest.approx(
            own[source], abs=1e-9
        )
    assert cap.target_channel.values.tolist() == [20, 21, 22, 23]


def test_independent_channels_are_near_zero():
    # independent Gaussian maps: the true capacity is 0 and the plug-in estimate is biased
    # upwards by about (B-1)^2 / (2 n ln 2) bits for n independent pairs (Miller-Madow);
    # the N(N-1)/2 distances share samples, so the bound is a guide, used with margin 2
    rng = np.random.default_rng(0)
    n = 400
    a = layer(rng.normal(size=(n, 8, 4, 4)))
    b = layer(rng.normal(size=(n, 8, 4, 4)))
    cap = channel_capacity(a, b, progress=False)
    bias = 31**2 / (2 * (n * (n - 1) / 2) * math.log(2))  # 0.0087 bits
    assert float(cap.mean()) < bias
    assert float(cap.max()) < 2 * bias
    own = channel_capacity(a, a, progress=False).values.diagonal()
    assert own.min() > 100 * bias  # while a channel with itself carries its ~3-4 bits


def test_constant_channel_has_capacity_zero():
    rng = np.random.default_rng(1)
    values = rng.normal(size=(30, 3, 5, 5))
    values[:, 1] = 0.25  # a dead channel: every map the same
    a = layer(values)
    cap = channel_capacity(a, a, progress=False)
    assert (cap.sel(source_channel=1).values == 0).all()
    assert (cap.sel(target_channel=1).values == 0).all()
    assert cap.sel(source_channel=0, target_channel=0).item() > 3


def test_pair_subsampling_is_seeded_and_exact_on_its_pairs(quadrants):
    i, j = sample_pairs(200, 5000, seed=4)
    assert len(i) == 5000 and (i < j).all() and j.max() < 200
    assert len(set(zip(i.tolist(), j.tolist(), strict=True))) == 5000
    full_i, full_j = sample_pairs(6, 14, seed=0)  # 14 of the 15 pairs: the inverse map
    assert set(zip(full_i.tolist(), full_j.tolist(), strict=True)) <= {
        (a, b) for a in range(6) for b in range(a + 1, 6)
    }
    a = channel_capacity(quadrants, quadrants, max_pairs=5000, seed=4, progress=False)
    b = channel_capacity(quadrants, quadrants, max_pairs=5000, seed=4, progress=False)
    c = channel_capacity(quadrants, quadrants, max_pairs=5000, seed=5, progress=False)
    xr.testing.assert_identical(a, b)
    assert not np.allclose(a.values, c.values)
    assert a.attrs["n_pairs"] == 5000 and a.attrs["max_pairs"] == 5000
    maps = quadrants.values[:, 1].reshape(200, -1)
    d = np.linalg.norm(maps[i] - maps[j], axis=1)  # the distances of those pairs
    counts, _ = np.histogram(d, bins=32, range=(d.min(), d.max()))
    p = counts[counts > 0] / d.size
    assert a.values[1, 1] == pytest.approx(-(p * np.log2(p)).sum(), abs=1e-9)
    everything = channel_capacity(quadrants, quadrants, max_pairs=10**9, progress=False)
    np.testing.assert_array_equal(
        everything.values, channel_capacity(quadrants, quadrants, progress=False).values
    )


@pytest.mark.parametrize("bins", [32, 64])  # the two compiled kernels (<= 40 bins, more)
def test_onehot_backend_counts_the_same(quadrants, bins):
    odd = quadrants.isel(channel=[0, 3, 1])  # an odd number of target channels
    numba = channel_capacity(quadrants, odd, bins=bins, method="numba", progress=False)
    onehot = channel_capacity(
        quadrants, odd, bins=bins, method="onehot", device="cpu", progress=False
    )
    np.testing.assert_allclose(onehot.values, numba.values, atol=1e-12)
    own = [distance_entropy(quadrants.values[:, c], bins=bins) for c in (0, 3, 1)]
    np.testing.assert_allclose(numba.values[[0, 1, 2], [0, 3, 1]], own, atol=1e-9)


def test_real_recorded_layers(mnist_run):
    from cnnslicer_widgets.cube import open_cube

    cube = open_cube(mnist_run)
    epoch = cube.epochs[-1]
    src = cube.activations(cube.layers[1]).sel(epoch=epoch)  # float16 from the store
    dst = cube.activations(cube.layers[3]).sel(epoch=epoch)
    cap = channel_capacity(src, dst, progress=False)
    assert cap.shape == (dst.sizes["channel"], src.sizes["channel"])
    assert cap.attrs["source_layer"] == cube.layers[1]
    assert cap.attrs["target_layer"] == cube.layers[3]
    assert cap.attrs["epoch"] == epoch
    assert np.isfinite(cap.values).all() and (cap.values >= 0).all()
    own = channel_capacity(src, src, progress=False)
    expected = [distance_entropy(src.values[:, c].astype(np.float32)) for c in range(3)]
    np.testing.assert_allclose(own.values.diagonal()[:3], expected, atol=1e-3)


def test_block_by_block_equals_the_whole_matrix(quadrants, mnist_run):
    """The layer view's path (bin each layer once, count a few source channels per step)
    gives channel_capacity's matrix exactly; columns not counted yet are NaN."""
    from cnnslicer_widgets.cube import open_cube
    from cnnslicer_widgets.estimators._capacity_blocks import CapacityBlocks, bin_layer

    moved = (2.5 * quadrants.isel(channel=[2, 0, 3, 1]) + 7.0).assign_coords(channel=[5, 6, 7, 8])
    cube = open_cube(mnist_run)
    epoch = cube.epochs[-1]
    lazy = [cube[name].sel(epoch=epoch) for name in (cube.layers[1], cube.layers[3])]
    for src, dst, kw in ((quadrants, moved, {}), (quadrants, moved, {"max_pairs": 3000, "bins": 8}),
                         (*lazy, {})):  # fmt: skip
        whole = channel_capacity(src, dst, progress=False, **kw)
        job = CapacityBlocks(bin_layer(src, **kw), bin_layer(dst, "target", **kw))
        job.step(2)
        part = job.matrix()
        assert part.attrs["channels_done"] == 2 and not job.complete
        np.testing.assert_array_equal(part.values[:, :2], whole.values[:, :2])
        assert np.isnan(part.values[:, 2:]).all()
        job.run_for(math.inf)
        done = job.matrix()
        assert job.complete and "channels_done" not in done.attrs
        np.testing.assert_array_equal(done.values, whole.values)
        assert done.attrs == whole.attrs
        assert done.source_channel.values.tolist() == whole.source_channel.values.tolist()
        assert done.target_channel.values.tolist() == whole.target_channel.values.tolist()


def test_sorting_by_max_and_mean():
    cap = xr.DataArray(
        [[0.1, 0.9, 0.2], [0.5, 0.0, 0.4], [0.0, 0.0, 0.6]],
        dims=("target_channel", "source_channel"),
        coords={"target_channel": [10, 11, 12], "source_channel": [0, 1, 2]},
    )
    by_max = sort_capacity(cap, by="max")
    assert by_max.source_channel.values.tolist() == [1, 2, 0]  # column max 0.9, 0.6, 0.5
    assert by_max.target_channel.values.tolist() == [10, 12, 11]  # row max 0.9, 0.6, 0.5
    by_mean = sort_capacity(cap, by="mean", descending=False)
    assert by_mean.source_channel.values.tolist() == [0, 1, 2]  # column mean 0.2, 0.3, 0.4
    assert by_mean.target_channel.values.tolist() == [12, 11, 10]  # row mean 0.2, 0.3, 0.4
    cols = sort_capacity(cap, rows=False)
    assert cols.target_channel.values.tolist() == [10, 11, 12]
    assert by_max.sel(target_channel=11, source_channel=2).item() == 0.4  # values follow
    with pytest.raises(ValueError, match="by='median'"):
        sort_capacity(cap, by="median")


def test_errors_say_what_and_how_to_fix(monkeypatch, quadrants):
    other = quadrants.assign_coords(sample_index=("x", quadrants.sample_index.values + 1))
    with pytest.raises(
        ValueError,
        match=r"different samples along 'x': source has 200 samples, "
        r"sample_index = .*; target has 200 samples, sample_index = ",
    ):
        channel_capacity(quadrants, other, progress=False)
    with pytest.raises(ValueError, match="source has 200 samples.*target has 150 samples"):
        channel_capacity(quadrants, quadrants.isel(x=slice(0, 150)), progress=False)
    epochs = quadrants.expand_dims(epoch=[0, 1])
    with pytest.raises(ValueError, match=r"dims \('epoch',\).*source.sel\(epoch=...\)"):
        channel_capacity(epochs, quadrants, progress=False)
    one_epoch = channel_capacity(epochs.isel(epoch=[1]), quadrants, progress=False)
    assert one_epoch.shape == (4, 4)  # a size-1 extra dim is dropped
    with pytest.raises(ValueError, match=r"source dims 'x'.*its dims: 'channel', 'h', 'w'"):
        channel_capacity(quadrants.isel(x=0), quadrants, progress=False)
    with pytest.raises(ValueError, match="at least 2 samples"):
        channel_capacity(quadrants.isel(x=[0]), quadrants.isel(x=[0]), progress=False)
    bad = quadrants.copy(data=quadrants.values.copy())
    bad.values[7, 2, 3, 3] = np.inf
    with pytest.raises(
        ValueError, match=r"NaN or inf in 1 of 800 target feature maps: at channel\[2\], x=7"
    ):
        channel_capacity(quadrants, bad, progress=False)
    with pytest.raises(ValueError, match="bins must be an integer from 2 to 256"):
        channel_capacity(quadrants, quadrants, bins=1000, progress=False)
    monkeypatch.setattr(capacity_module, "_MAX_DISTANCE_BYTES", 1000)
    with pytest.raises(MemoryError, match="pass max_pairs="):
        channel_capacity(quadrants, quadrants, progress=False)
    with pytest.raises(TypeError, match="pairs"):
        channel_capacity(quadrants, quadrants, pairs=10)


def test_progress_bar_can_be_turned_off(capsys, quadrants):
    channel_capacity(quadrants, quadrants, progress=False)
    assert capsys.readouterr().err == ""
    channel_capacity(quadrants, quadrants, progress=True)
    assert "channel capacity" in capsys.readouterr().err
