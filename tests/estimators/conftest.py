"""Fixtures of the estimator tests: real MNIST subsets (from the root conftest's arrays)."""

from __future__ import annotations

import numpy as np
import pytest
import xarray as xr


def first_per_class(images: np.ndarray, labels: np.ndarray, n: int) -> xr.DataArray:
    """The first ``n`` images of each class 0..9 in file order, dims (x, h, w), with labels."""
    sel = np.concatenate([np.flatnonzero(labels == c)[:n] for c in range(10)])
    return xr.DataArray(
        images[sel],
        dims=("x", "h", "w"),
        coords={"x": np.arange(len(sel)), "sample_index": ("x", sel), "label": ("x", labels[sel])},
    )


def histogram_entropy(v, bins=32, lo=None, hi=None) -> float:
    """The paper's recipe, one map at a time: scale to [-1, 1], np.histogram, Shannon."""
    v = np.asarray(v, np.float64).ravel()
    lo = v.min() if lo is None else lo
    hi = v.max() if hi is None else hi
    if hi == lo:
        return 0.0
    scaled = np.clip(2 * (v - lo) / (hi - lo) - 1, -1, 1)
    counts, _ = np.histogram(scaled, bins=bins, range=(-1, 1))
    p = counts[counts > 0] / v.size
    return float(-(p * np.log2(p)).sum())


@pytest.fixture(scope="session")
def reference_entropy():
    """An independent per-map intra-sample entropy: np.histogram of one map at a time."""
    return histogram_entropy


@pytest.fixture(scope="session")
def mnist_100(mnist_arrays) -> xr.DataArray:
    """1,000 real MNIST training digits: the first 100 of each class, uint8 pixels."""
    return first_per_class(mnist_arrays["x_train"], mnist_arrays["y_train"], 100)


@pytest.fixture(scope="session")
def mnist_300(mnist_arrays) -> xr.DataArray:
    """3,000 real MNIST training digits: the first 300 of each class."""
    return first_per_class(mnist_arrays["x_train"], mnist_arrays["y_train"], 300)


@pytest.fixture(scope="session")
def nndescent_vs_exact(mnist_arrays) -> dict:
    """One pynndescent run per session (its numba compile costs ~35 s per process).

    2,000 real MNIST digits, k = 15, against the exact search and its neighbour sets.
    """
    from cnnslicer_widgets.estimators import _knn
    from cnnslicer_widgets.estimators.inter import _points, inter_sample_entropy

    da = first_per_class(mnist_arrays["x_train"], mnist_arrays["y_train"], 200)
    approx = inter_sample_entropy(da, k=15, method="nndescent", progress=False)
    exact = inter_sample_entropy(da, k=15, method="exact", progress=False)
    x = _points(da, "x")
    idx, _ = _knn.knn_nndescent(x, 15, seed=0)
    return {"approx": approx, "exact": exact, "idx": idx, "points": x}
