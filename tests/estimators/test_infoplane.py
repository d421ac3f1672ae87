"""Information plane: KDE bounds against closed forms, binning known answers, nulls, errors."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
import xarray as xr
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from cnnslicer_widgets.cube import open_cube
from cnnslicer_widgets.estimators import (
    InformationEstimateWarning,
    _mi,
    information_plane,
    information_plane_cube,
)

PROFILE = settings(max_examples=30, deadline=None, derandomize=True, database=None)


def layer(values, labels=None, **attrs) -> xr.DataArray:
    values = np.asarray(values, dtype=np.float64)
    values = values.reshape(len(values), -1)
    coords = {} if labels is None else {"label": ("x", np.asarray(labels))}
    return xr.DataArray(values, dims=("x", "unit"), coords=coords, attrs=attrs)


def plane(values, labels, **kw) -> xr.Dataset:
    kw.setdefault("n_permutations", 0)
    kw.setdefault("progress", False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InformationEstimateWarning)
        return information_plane(layer(values, labels), **kw)


def entropy(labels) -> float:
    _, counts = np.unique(labels, return_counts=True)
    p = counts / counts.sum()
    return float(-(p * np.log2(p)).sum())


def kde(ds: xr.Dataset, quantity: str) -> tuple[float, float]:
    v = ds[quantity]
    return float(v.sel(estimator="kde_lower")), float(v.sel(estimator="kde_upper"))


# -- KDE against closed forms ---------------------------------------------------------------
@pytest.mark.parametrize(("d", "s2", "seed"), [(1, 1.0, 0), (1, 0.1, 1), (2, 0.5, 2), (5, 1.0, 3)])
def test_kde_bounds_bracket_gaussian_channel_mi(d, s2, seed):
    # X ~ N(0, S), T = X + Z, Z ~ N(0, s2 I): I(X;T) = 1/2 ln det(I + S / s2) nats. The
    # empirical mixture of N samples converges to it (the noise is exactly the kernel),
    # with O(1/sqrt(N)) error, far inside the gap between the bounds here.
    rng = np.random.default_rng(seed)
    a = rng.normal(size=(d, d))
    cov = a @ a.T / d + 0.5 * np.eye(d)
    true = 0.5 * np.linalg.slogdet(np.eye(d) + cov / s2)[1] / math.log(2)
    x = rng.multivariate_normal(np.zeros(d), cov, size=600)
    ds = plane(x, np.zeros(600, int), method=["kde"], noise_variance=s2, relative_noise=False)
    lower, upper = kde(ds, "i_xt")
    assert lower < true < upper
    assert ds.noise_variance.item() == s2 and ds.i_xt.attrs["units"] == "bits"


def mixture_mi_1d(mu: np.ndarray, s2: float) -> float:
    """I(X;T) in bits of T = mu_X + N(0, s2), X uniform over mu: quadrature of H(T)."""
    sd = math.sqrt(s2)
    grid = np.linspace(mu.min() - 12 * sd, mu.max() + 12 * sd, 400_001)
    p = np.exp(-((grid[:, None] - mu[None, :]) ** 2) / (2 * s2)).mean(1) / math.sqrt(
        2 * math.pi * s2
    )
    h = -np.trapezoid(np.where(p > 0, p * np.log(np.where(p > 0, p, 1)), 0), grid)
    return (h - 0.5 * math.log(2 * math.pi * math.e * s2)) / math.log(2)


@pytest.mark.parametrize("s2", [0.003, 0.05, 0.5, 5.0])
def test_kde_bounds_bracket_the_exact_mixture_mi(s2):
    # the bounds are bounds on this very mixture (Kolchinsky & Tracey), for every N and s2
    mu = np.random.default_rng(5).normal(size=25) ** 3
    true = mixture_mi_1d(mu, s2)
    lower, upper = kde(
        plane(mu, np.zeros(25, int), method=["kde"], noise_variance=s2, relative_noise=False),
        "i_xt",
    )
    assert lower - 1e-6 <= true <= upper + 1e-6
    assert 0 <= lower <= upper <= math.log2(25) + 1e-12


def test_two_points_by_hand():
    # N = 2 at squared distance a: each row's mean kernel is (1 + e^(-a / (f s2))) / 2, so
    # I(X;T) = -ln((1 + e^(-a / (f s2))) / 2) nats, f = 8 (lower) or 2 (upper); one point
    # per class leaves nothing given Y, so I(T;Y) = I(X;T)
    a, s2 = 3.0**2 + 4.0**2, 7.0
    ds = plane(
        [[0.0, 0.0], [3.0, 4.0]],
        [0, 1],
        method=["kde"],
        noise_variance=s2,
        relative_noise=False,
    )
    expected = [-math.log((1 + math.exp(-a / (f * s2))) / 2) / math.log(2) for f in (8, 2)]
    np.testing.assert_allclose(ds.i_xt.values, expected, rtol=1e-13)
    np.testing.assert_allclose(ds.i_ty.values, expected, rtol=1e-13)


def test_separated_clusters_reach_the_discrete_answers():
    # 3 classes of unequal size, each collapsed onto one far point: T is an invertible
    # function of Y, so I(X;T) = I(T;Y) = H(Y) for both bounds and for binning
    y = np.repeat([0, 1, 2], [4, 7, 13])
    x = np.array([[0.0, 0.0], [50.0, 0.0], [0.0, 80.0]])[y]
    ds = plane(x, y, noise_variance=1.0, relative_noise=False)
    h = entropy(y)
    np.testing.assert_allclose(ds.i_xt.values, h, atol=1e-12)
    np.testing.assert_allclose(ds.i_ty.values, h, atol=1e-12)
    assert ds.h_y.item() == pytest.approx(h) and not ds.saturated.any()


def test_identical_samples_carry_nothing():
    ds = plane(np.full((10, 3), 2.5), np.arange(10) % 2)
    assert (ds.i_xt.values == 0).all() and (ds.i_ty.values == 0).all()
    assert not ds.saturated.any()  # constant: 0 is the answer, not an artefact


@settings(PROFILE)
@given(
    x=hnp.arrays(
        np.float64, st.tuples(st.integers(2, 24), st.integers(1, 4)), elements=st.floats(-20, 20)
    ),
    s2=st.floats(1e-3, 1e3),
    k=st.integers(1, 4),
)
def test_kde_bounds_are_ordered_and_bounded(x, s2, k):
    y = np.arange(len(x)) % k
    ds = plane(x, y, method=["kde"], noise_variance=s2, relative_noise=False)
    lower, upper = kde(ds, "i_xt")
    assert -1e-12 <= lower <= upper + 1e-12 and upper <= math.log2(len(x)) + 1e-12
    assert (ds.i_ty.values <= entropy(y) + 1e-12).all()


# -- binning ----------------------------------------------------------------------------------
def test_binning_of_an_invertible_map_of_the_label_is_h_y():
    y = np.repeat([3, 1, 4, 5], [1, 5, 9, 2])
    t = np.stack([np.sin(y), y**2, -y], axis=1)  # distinct vectors per class
    ds = plane(t, y, method=["binning"])
    assert ds.i_xt.item() == pytest.approx(entropy(y), abs=1e-12)
    assert ds.i_ty.item() == pytest.approx(entropy(y), abs=1e-12)


def test_binning_hand_computed():
    # one unit, range 0..3 in 3 bins: states 0,0 | 1,1,1 | 2 (3.0 sits in the top bin)
    t = np.array([0.0, 0.5, 1.2, 1.5, 1.9, 3.0])
    y = np.array([0, 1, 0, 0, 1, 1])
    ds = plane(t, y, method=["binning"], bins=3)
    h_t = entropy([0, 0, 1, 1, 1, 2])
    h_t_given_y = 0.5 * entropy([0, 1, 1]) + 0.5 * entropy([0, 1, 2])
    assert ds.i_xt.item() == pytest.approx(h_t, abs=1e-12)
    assert ds.i_ty.item() == pytest.approx(h_t - h_t_given_y, abs=1e-12)


def test_invariances():
    rng = np.random.default_rng(3)
    y = np.arange(40) % 4
    t = rng.integers(0, 8, size=(40, 5)).astype(float) + y[:, None]
    base = plane(t, y)
    # binning over the layer's range: an exact positive affine map keeps every bin
    moved = plane(4.0 * t - 8.0, y, method=["binning"])
    assert moved.i_xt.item() == base.i_xt.sel(estimator="binning").item()
    assert moved.i_ty.item() == base.i_ty.sel(estimator="binning").item()
    # relative KDE noise: scale and shift free; absolute: rotations keep distances
    scaled = plane(0.01 * t + 3.0, y, method=["kde"])
    np.testing.assert_allclose(scaled.i_ty.values, base.i_ty.values[:2], atol=1e-9)
    q, _ = np.linalg.qr(rng.normal(size=(5, 5)))
    kw = {"method": ["kde"], "noise_variance": 2.0, "relative_noise": False}
    np.testing.assert_allclose(plane(t @ q, y, **kw).i_xt, plane(t, y, **kw).i_xt, atol=1e-9)
    # the order of the samples does not matter
    order = rng.permutation(40)
    np.testing.assert_allclose(plane(t[order], y[order]).i_ty, base.i_ty, atol=1e-12)


def test_blocked_distances_match_one_block(monkeypatch):
    rng = np.random.default_rng(4)
    t, y = rng.normal(size=(37, 3)), np.arange(37) % 3
    full = plane(t, y, method=["kde"])
    monkeypatch.setattr(_mi, "BLOCK_ELEMENTS", 40)  # one row per block
    np.testing.assert_allclose(plane(t, y, method=["kde"]).i_ty, full.i_ty, atol=1e-12)


def test_hash_collisions_fall_back_to_exact_comparison():
    b = np.array([[[1, 2], [2, 1], [1, 2], [0, 3]]], np.uint8)  # equal sums: equal keys
    ids = _mi.state_ids(b, weights=np.ones(2, np.uint64))
    assert ids[0, 0] == ids[0, 2] and len(set(ids[0].tolist())) == 3


# -- permutation null -------------------------------------------------------------------------
def test_null_separates_information_from_noise():
    rng = np.random.default_rng(0)
    y = np.arange(300) % 3
    informative = rng.normal(size=(300, 4)) + 1.5 * y[:, None]
    ds = information_plane(layer(informative, y), method=["kde"], n_permutations=30)
    value, null = ds.i_ty.values, ds.i_ty_null_mean.values
    assert (ds.i_ty_p_value.values == 1 / 31).all()
    assert (null < 0.1 * value).all() and (
        value > ds.i_ty_null_q95.values + 10 * ds.i_ty_null_std.values
    ).all()
    noise = information_plane(
        layer(rng.normal(size=(300, 4)), y), method=["kde"], n_permutations=30
    )
    z = (noise.i_ty - noise.i_ty_null_mean) / noise.i_ty_null_std
    assert (np.abs(z.values) < 3).all() and (noise.i_ty_p_value.values > 0.05).all()


def test_null_is_seeded():
    rng = np.random.default_rng(1)
    t, y = rng.normal(size=(50, 2)), np.arange(50) % 2
    a, b, c = (
        information_plane(layer(t, y), method=["kde"], n_permutations=5, seed=s)
        for s in (7, 7, 8)
    )
    assert a.i_ty_null_mean.equals(b.i_ty_null_mean)
    assert not a.i_ty_null_mean.equals(c.i_ty_null_mean)
    assert a.attrs["seed"] == 7 and a.attrs["n_permutations"] == 5


# -- warnings ---------------------------------------------------------------------------------
def test_warnings_name_the_saturation():
    rng = np.random.default_rng(2)
    y = np.arange(30) % 3
    with pytest.warns(InformationEstimateWarning, match="every sample falls in a state"):
        ds = information_plane(
            layer(rng.normal(size=(30, 50)), y, layer="conv9"),
            method=["binning"],
            n_permutations=0,
        )
    assert ds.saturated.item() and ds.i_xt.item() == pytest.approx(math.log2(30))
    mostly_zero = np.zeros((30, 2))
    mostly_zero[0] = 5.0
    with pytest.warns(InformationEstimateWarning, match="more than 90% of the samples"):
        information_plane(layer(mostly_zero, y), method=["binning"], n_permutations=0)
    with pytest.warns(InformationEstimateWarning, match="clips more than 1%"):
        information_plane(
            layer(rng.normal(size=(30, 2)), y),
            method=["binning"],
            range=(-0.5, 0.5),
            n_permutations=0,
        )
    with pytest.warns(InformationEstimateWarning, match="isolated at this noise"):
        information_plane(
            layer(100 * rng.normal(size=(30, 2)), y),
            method=["kde"],
            noise_variance=1e-3,
            relative_noise=False,
            n_permutations=0,
        )


# -- errors -----------------------------------------------------------------------------------
def test_clear_errors():
    y = np.arange(6) % 2
    good = layer(np.arange(12.0).reshape(6, 2), y)
    with pytest.raises(ValueError, match="at least 2 samples"):
        information_plane(good.isel(x=[0]))
    bad = good.copy()
    bad[3, 1] = np.nan
    with pytest.raises(ValueError, match=r"NaN or inf in 1 of 6 .*x\[3\]"):
        information_plane(bad)
    with pytest.raises(ValueError, match="'sample' not among the dims"):
        information_plane(good, sample_dim="sample")
    with pytest.raises(ValueError, match="got 5 labels for 6 samples"):
        information_plane(good, y[:5])
    with pytest.raises(ValueError, match="no 'label' coordinate"):
        information_plane(good.drop_vars("label"))
    with pytest.raises(ValueError, match="select one first"):
        information_plane(xr.concat([good, good], dim="epoch"))
    with pytest.raises(ValueError, match="method='mine' is not one of 'kde', 'binning'"):
        information_plane(good, method=["mine"])
    with pytest.raises(ValueError, match="noise_variance must be a finite number > 0"):
        information_plane(good, noise_variance=0)
    with pytest.raises(ValueError, match="bins must be an integer from 2 to 256"):
        information_plane(good, bins=1)
    with pytest.raises(ValueError, match="lo < hi"):
        information_plane(good, range=(1, 0))
    with pytest.raises(TypeError):
        information_plane(good, noise=0.1)


# -- real data --------------------------------------------------------------------------------
def test_information_plane_of_a_recorded_mnist_run(mnist_run):
    cube = open_cube(mnist_run)
    with pytest.warns(InformationEstimateWarning, match="every sample falls in a state"):
        ip = information_plane_cube(cube, n_permutations=10, progress=False)
    assert ip.i_xt.dims == ("layer", "epoch", "estimator")
    assert ip.layer.values.tolist() == cube.layers and ip.epoch.values.tolist() == cube.epochs
    assert ip.estimator.values.tolist() == ["kde_lower", "kde_upper", "binning"]
    n, h_y = 200, ip.h_y.item()
    assert h_y == pytest.approx(math.log2(10)) and ip.log2_n.item() == pytest.approx(math.log2(n))
    assert np.isfinite(ip.i_xt).all() and np.isfinite(ip.i_ty).all()
    lo, up = ip.i_xt.sel(estimator="kde_lower"), ip.i_xt.sel(estimator="kde_upper")
    assert (lo <= up + 1e-12).all() and (lo >= 0).all() and (up <= math.log2(n) + 1e-12).all()
    assert (ip.i_ty <= h_y + 1e-12).all()
    # the output layer learns the labels: far outside the null after training
    out = ip.sel(layer=cube.layers[-1], epoch=cube.epochs[-1], estimator="kde_upper")
    assert out.i_ty_p_value.item() == pytest.approx(1 / 11) and out.i_ty > 2 * out.i_ty_null_q95
    # one cell equals the single-layer function on the same activations
    cell = information_plane(
        cube.activations("3").sel(epoch=2), method=["kde"], n_permutations=10
    )
    np.testing.assert_allclose(
        cell.i_ty,
        ip.i_ty.sel(layer="3", epoch=2, estimator=["kde_lower", "kde_upper"]),
        atol=1e-12,
    )
    assert (ip.noise_variance > 0).all()


def test_float32_and_an_explicit_device_agree_with_float64():
    rng = np.random.default_rng(6)
    t, y = rng.normal(size=(80, 30)), np.arange(80) % 4
    a = plane(t, y, method=["kde"])
    b = plane(t, y, method=["kde"], dtype="float32", device="cpu")
    np.testing.assert_allclose(b.i_ty, a.i_ty, atol=1e-5)
    assert b.attrs["dtype"] == "float32"
    with pytest.raises(ValueError, match="dtype='float16'"):
        plane(t, y, dtype="float16")


def test_cube_selection_and_errors(mnist_run):
    cube = open_cube(mnist_run)
    ip = information_plane_cube(
        cube,
        layers=["input", "9"],
        epochs=[0, 3],
        method="kde",
        n_permutations=0,
        progress=False,
    )
    assert ip.layer.values.tolist() == ["input", "9"] and ip.epoch.values.tolist() == [0, 3]
    assert ip.n_units.values.tolist() == [784, 10] and ip.attrs["n_samples"] == 200
    # the input does not change with training
    np.testing.assert_array_equal(
        ip.i_xt.sel(layer="input", epoch=0), ip.i_xt.sel(layer="input", epoch=3)
    )
    with pytest.raises(KeyError, match=r"layers \['conv9'\] not in the cube \(layers: input, 0"):
        information_plane_cube(cube, layers=["conv9"])
    with pytest.raises(KeyError, match=r"epochs \[7\] not in the cube \(complete epochs: \[0, 1"):
        information_plane_cube(cube, epochs=[7])
