"""Scale-invariant estimators give the same bits for x and c * x, from 1e-30 to 1e30 in
float32 and 1e-300 to 1e300 in float64 (subnormals included), and bad input gets a clear
error naming the argument (property tests with hypothesis over scales and dtypes)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
import xarray as xr
from hypothesis import given, settings
from hypothesis import strategies as st

from cnnslicer_widgets import estimators as E

FAST = settings(max_examples=20, deadline=None)


def layer(seed: int, dtype: type, n: int = 14) -> xr.DataArray:
    rng = np.random.default_rng(seed)
    v = rng.normal(size=(n, 3, 4, 4)) * rng.uniform(0.2, 5, size=(1, 3, 1, 1))
    return xr.DataArray(v.astype(dtype), dims=("x", "channel", "h", "w"),
                        coords={"label": ("x", np.arange(n) % 3)})


def all_estimates(da: xr.DataArray) -> dict[str, np.ndarray]:
    """Every scale-invariant estimate of one layer, as arrays."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", E.InformationEstimateWarning)
        plane = E.information_plane(da, n_permutations=0, progress=False)
        return {
            "intra own": E.intra_sample_entropy(da, progress=False).values,
            "intra channel": E.intra_sample_entropy(da, range="channel", progress=False).values,
            "capacity": E.channel_capacity(da, da, progress=False).values,
            "inter all pairs": E.inter_sample_entropy(da, progress=False).values,
            "inter k=5": E.inter_sample_entropy(da, k=5, progress=False).values,
            "plane kde": plane.i_xt.values,
            "plane i_ty": plane.i_ty.values,
            "mi kde": E.channel_label_mi(da, n_permutations=0).mi.values,
            "mi binning": E.channel_label_mi(da, method="binning", n_permutations=0).mi.values,
        }


def same(a: dict, b: dict, atol: float = 0.0) -> None:
    for name in a:
        np.testing.assert_allclose(b[name], a[name], rtol=0, atol=atol, err_msg=name)


@FAST
@given(seed=st.integers(0, 2**16), k=st.integers(-100, 100))
def test_float32_powers_of_two_from_1e_30_to_1e30_give_the_same_bits(seed, k):
    da = layer(seed, np.float32)
    same(all_estimates(da), all_estimates(da * np.float32(2.0**k)))


@FAST
@given(seed=st.integers(0, 2**16), k=st.integers(-1000, 1000))
def test_float64_powers_of_two_from_1e_300_to_1e300_give_the_same_bits(seed, k):
    da = layer(seed, np.float64)
    same(all_estimates(da), all_estimates(da * 2.0**k))


@FAST
@given(seed=st.integers(0, 2**16), e10=st.integers(-30, 30))
def test_float64_decimal_scales_give_the_same_bits_to_rounding(seed, e10):
    da = layer(seed, np.float64)
    same(all_estimates(da), all_estimates(da * 10.0**e10), atol=1e-9)


@pytest.mark.parametrize(("dtype", "k"), [(np.float32, -140), (np.float64, -1060)])
def test_subnormal_maps_are_estimated_as_their_normal_twins(dtype, k):
    """Subnormal values carry fewer digits, so the data are first made subnormal; the same
    values scaled up by a power of two (exactly) must give the same bits."""
    base = layer(3, dtype)
    tiny = base.copy(data=np.ldexp(base.values, k))
    assert (np.abs(tiny.values[tiny.values != 0]) < np.finfo(dtype).tiny).mean() > 0.9
    normal = tiny.copy(data=np.ldexp(tiny.values, -(k + 20)))
    got, want = all_estimates(tiny), all_estimates(normal)
    same(want, got)
    assert want["intra own"].mean() > 3.0  # 16 values in 32 bins: about 4 bits, not 0


def test_extreme_values_near_the_float_limits():
    da = layer(5, np.float32)
    big = da / np.abs(da).max() * np.float32(np.finfo(np.float32).max * 0.9)
    same(all_estimates(da), all_estimates(big), atol=0.05)


@pytest.mark.parametrize("bad", ["complex", "object", "strings", "empty"])
def test_bad_input_names_the_argument(bad):
    da = layer(0, np.float64)
    values = {"complex": da.astype(complex), "object": da.astype(object),
              "strings": da.astype(str), "empty": da.isel(x=slice(0, 0))}[bad]
    kind = ValueError if bad == "empty" else TypeError
    for call, arg in (
        (lambda v: E.intra_sample_entropy(v, progress=False), "da"),
        (lambda v: E.inter_sample_entropy(v, progress=False), "da"),
        (lambda v: E.channel_capacity(v, da, progress=False), "source"),
        (lambda v: E.channel_capacity(da, v, progress=False), "target"),
        (lambda v: E.information_plane(v, n_permutations=0, progress=False), "da"),
        (lambda v: E.channel_label_mi(v, n_permutations=0), "da"),
    ):
        with pytest.raises(kind, match=f"^{arg} holds"):
            call(values)


@pytest.mark.parametrize(("counts", "message"), [
    (np.array([[4, -1, 2]]), "counts holds negative values"),
    (np.array([[4.0, np.nan, 2.0]]), "counts holds NaN or inf"),
    (np.array([[4, 1, 2]]).astype(complex), "counts holds complex values"),
    (np.zeros((0, 3), int), "counts holds no values"),
])
def test_histogram_counts_are_checked(counts, message):
    with pytest.raises((ValueError, TypeError), match=message):
        E.entropy_from_histogram(xr.DataArray(counts, dims=("map", "bin")))


def test_confusion_and_logits_are_checked():
    conf = xr.DataArray(np.array([[3, -1], [0, 2]]), dims=("true", "pred"))
    with pytest.raises(ValueError, match="confusion holds negative values"):
        E.entropy_label_given_pred(conf)
    with pytest.raises(ValueError, match="confusion holds NaN or inf"):
        E.entropy_pred_given_label(conf.astype(float).where(conf != 3))
    logits = xr.DataArray(np.zeros((0, 3)), dims=("x", "class"),
                          coords={"label": ("x", np.zeros(0, int))})
    for f in (E.soft_entropy_pred_given_label, E.confusion_matrix):
        with pytest.raises(ValueError, match="logits holds no values"):
            f(logits)
