"""Inter-sample entropy (paper 4.4.1, Eq. 4-7): how spread out a set of samples is.

Each sample is flattened to a point. For point i and its k nearest neighbours j
(Euclidean, self excluded), P_j|i = exp(-d_ij / sigma_i) with sigma_i solving
sum_j exp(-d_ij / sigma_i) = log2(k) (Eq. 5); P_ij = (P_j|i + P_i|j) / 2N (Eq. 6),
normalised to sum 1; H = -sum_ij P_ij log2 P_ij over ordered pairs (Eq. 7), in bits.

Scaling the data by c scales every d_ij by c, so sigma_i scales by c and d_ij / sigma_i,
hence H, is unchanged: the estimate is invariant to the scale (and position) of the data.
Here the points are centred and divided by their RMS norm first, and the root finder
brackets 1/sigma_i in units of the point's own distances, so no scale enters anywhere.

Duplicate points (d = 0) are handled as the limit of vanishing distances: a zero distance
gets P_j|i = 1 while the equation has a solution; if a point has m >= log2(k) duplicates
among its neighbours, there is none (the sum is already >= m), and the limit sigma_i -> 0
gives each duplicate log2(k) / m and every other neighbour 0.

Computation. All pairs: every distance in float64 (the Gram product over the upper
triangle of row blocks; float32 products would move the entropy of 1,000 MNIST digits by
~1e-7 bits, and are an option; integer data such as pixels get exact float32 products,
see ``_knn``; columns equal in all samples are left out), sigma_i by Halley's method
per row, S log S summed over i < j, in compiled loops (``_inter_kernels``). The sums are
not truncated to near neighbours: with sum_j exp(-d_ij / sigma_i) = log2(N-1) over all
N-1 terms, the far terms carry most of the mass (on MNIST the 256 nearest hold under
half of a typical row's). kNN: an exact search from lower bounds (``_knn``), or
pynndescent.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import Any

import numpy as np
import xarray as xr

from cnnslicer_widgets.estimators import _knn
from cnnslicer_widgets.estimators._inputs import (
    check_dtype,
    check_finite_rows,
    check_values,
    pick_device,
    power_of_two_normalized,
    require_dims,
    require_samples,
)
from cnnslicer_widgets.estimators._results import progress_bar, result_attrs

# method="auto", from measurements on 784-D MNIST pixels (k = 15, 2 cores): exact search
# takes ~0.23 s at N = 10,000 and grows as N^2 (0.8 s at 20,000, 3.1 s at 40,000);
# pynndescent 0.27-0.29 s, 0.64 s, 1.4-1.5 s there, plus 25-35 s to compile its numba code in
# every new process. So: exact up to NNDESCENT_MIN_N, where pynndescent is faster once
# compiled in this process (exact is worth its extra ~0.2 s at 20,000), and up to
# NNDESCENT_MIN_N_COLD when pynndescent would compile first (where the two break even);
# k up to NNDESCENT_MAX_K. attrs["method"] records which ran.
NNDESCENT_MIN_N = 20_000
NNDESCENT_MIN_N_COLD = 130_000
NNDESCENT_MAX_K = 256
_MAX_ITER = 100
_CACHE_BYTES = 512 * 2**20  # all pairs: keep the upper triangle of distances up to this size


def solve_rates(d: np.ndarray, target: float, *, n_self: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Per-row rate t_i = 1 / sigma_i with sum_j exp(-d_ij t_i) = target (Eq. 5), in parallel.

    ``d`` (rows x m) float64 distances >= 0, of which ``n_self`` zeros per row are the point
    itself and are left out of the sum. Each row runs a bracketed Halley iteration to
    about 1e-16 (see ``_inter_kernels._solve_row``).

    Returns (rate, zero_weight): zero_weight is the P_j|i of a zero distance, 1 normally,
    target / m for a row with m >= target duplicates (rate is then +inf).
    """
    from cnnslicer_widgets.estimators._inter_kernels import solve_rates as kernel

    d = np.ascontiguousarray(d, dtype=np.float64)
    rate = np.empty(len(d))
    weight = np.empty(len(d))
    iters = np.empty(len(d), np.int64)
    kernel(d, float(target), int(n_self), _MAX_ITER, rate, weight, iters)
    return rate, weight


def _sample_count(da: xr.DataArray, sample_dim: Hashable) -> int:
    """N along the sample dim, which must exist and hold at least 2 samples."""
    require_dims(
        da,
        [sample_dim],
        role="sample dim",
        hint=f"pass sample_dim=... or keep {sample_dim!r} as a dim (e.g. select with a list)",
    )
    n = da.sizes[sample_dim]
    require_samples(n, sample_dim=sample_dim)
    return n


def _samples(da: xr.DataArray, sample_dim: Hashable) -> np.ndarray:
    """(N, D) validated values; columns equal in every sample are left out (they add
    exactly 0 to every distance; 111 of MNIST's 784 pixels in 10,000 digits)."""
    n = _sample_count(da, sample_dim)
    x = np.asarray(da.transpose(sample_dim, ...).values).reshape(n, -1)
    if x.shape[1] == 0:
        raise ValueError("the samples are empty: every dim but the sample dim has size 0")
    check_finite_rows(da, x, [sample_dim], what="samples")
    varying = x.max(axis=0) != x.min(axis=0)  # finite here; -0.0 and 0.0 count as equal
    if not varying.all():  # (compress gives C order; x[:, mask] would not)
        x = np.compress(varying, x, axis=1) if varying.any() else x[:, :1]
    return x


def _centred(x: np.ndarray, dtype: Any = np.float64) -> np.ndarray:
    """x as ``dtype``, centred and divided by its RMS norm (first by a power of two, so
    that data at 1e300 or 1e-300 neither overflow nor underflow on the way)."""
    x = power_of_two_normalized(np.asarray(x, dtype=dtype))[0]
    x -= x.mean(axis=0)
    scale = np.sqrt(np.einsum("ij,ij->", x, x, dtype=np.float64) / len(x))
    if scale > 0:
        x *= 1 / scale
    return x


def _points(da: xr.DataArray, sample_dim: Hashable, dtype: Any = np.float64) -> np.ndarray:
    """(N, D) points of ``dtype``: validated, centred, divided by their RMS norm."""
    return _centred(_samples(da, sample_dim), dtype)


def _check_k(k: int | None, n: int, sample_dim: Hashable) -> int:
    if k is None:
        k = n - 1
    elif isinstance(k, bool) or not isinstance(k, (int, np.integer)):
        raise TypeError(f"k must be an integer or None, got {k!r}")
    if k >= n:
        raise ValueError(
            f"k={k} must be less than the number of samples N={n} along {sample_dim!r} "
            "(a point has N-1 neighbours); use k=None for all pairs (k = N-1)"
        )
    if k < 2:
        fix = "use at least 3 samples" if n < 3 else "pass k >= 2"
        raise ValueError(
            f"k={k}: need k >= 2 neighbours, as Eq. 5 sets the kernel sum to log2(k), which is "
            f"0 for k=1 (no solution); with N={n} samples, {fix}"
        )
    return int(k)


def choose_method(method: str, n: int, k: int, *, compiled: bool | None = None) -> str:
    """Resolve method="auto": pynndescent where it is cheaper, counting its compile time.

    pynndescent for k <= NNDESCENT_MAX_K and N > NNDESCENT_MIN_N if its numba code is
    ``compiled`` in this process (default: look), N > NNDESCENT_MIN_N_COLD if not; else exact.
    """
    if method not in ("auto", "exact", "nndescent"):
        raise ValueError(f"method={method!r} is not one of 'auto', 'exact', 'nndescent'")
    if method == "nndescent" and k == n - 1:
        raise ValueError("method='nndescent' needs k < N-1; all pairs (k=None) are exact")
    if method != "auto":
        return method
    if k == n - 1 or k > NNDESCENT_MAX_K:
        return "exact"
    if compiled is None:
        compiled = _knn.nndescent_compiled()
    return "nndescent" if n > (NNDESCENT_MIN_N if compiled else NNDESCENT_MIN_N_COLD) else "exact"


def _entropy_all_pairs(
    x: np.ndarray, device: Any, bar: Any, integers: bool = False, dtype: str = "float64"
) -> float:
    """Eq. 4-7 with k = N-1 over row blocks: O(block x N) memory beyond the cache.

    Pass 1 solves sigma_i from full rows of distances; pass 2 sums S_ij = P_j|i + P_i|j and
    S_ij log S_ij over i < j (S is symmetric). When the upper triangle of distances fits in
    _CACHE_BYTES, each block's distances are computed once (half the N^2 D products) and
    pass 1 reads full rows from the triangle; otherwise each pass computes its own. (The
    triangle's products all run before the compiled kernels: the kernels' OpenMP threads
    spin for a while after each call and would slow the BLAS threads between blocks.)
    """
    pts = _knn.IntegerPoints(x, device) if integers else _knn.Points(x, device, dtype)
    with _knn.dynamic_schedule():
        return _all_pairs(pts, bar)


def _all_pairs(pts: Any, bar: Any) -> float:
    from cnnslicer_widgets.estimators._inter_kernels import pair_sums

    n = pts.n
    step = _knn.block_rows(n)
    blocks = [slice(s, min(n, s + step)) for s in range(0, n, step)]
    upper: list[Any] = [None] * len(blocks)
    if n * (n + step) * 4 <= _CACHE_BYTES:  # the upper triangle of blocks, float64
        upper = [pts.gram(rows, slice(rows.start, n)) for rows in blocks]
        for b, rows in enumerate(blocks):
            upper[b] = pts.to_distances(upper[b], rows, slice(rows.start, n))
            bar.update(1)
    rate = np.empty(n)
    weight = np.empty(n)
    for b, rows in enumerate(blocks):  # pass 1: sigma_i of every point
        d = _full_rows(upper, blocks, b) if upper[b] is not None else pts.distances(rows)
        rate[rows], weight[rows] = solve_rates(d, math.log2(n - 1), n_self=1)
        bar.update(1 if upper[b] is not None else 2)
    total = total_slogs = 0.0
    for b, rows in enumerate(blocks):  # pass 2: pairs i < j
        d = upper[b] if upper[b] is not None else pts.distances(rows, slice(rows.start, n))
        upper[b] = None
        s = np.empty(len(d))
        slogs = np.empty(len(d))
        cols = slice(rows.start, n)
        pair_sums(d, rate[rows], weight[rows], rate[cols], weight[cols], True, s, slogs)
        total += 2 * s.sum()
        total_slogs += 2 * slogs.sum()
        bar.update(1)
    return math.log2(total) - total_slogs / (total * math.log(2))


def _full_rows(upper: list, blocks: list[slice], b: int) -> np.ndarray:
    """Full rows of block b from the upper triangle: transposed parts of earlier blocks."""
    rows = blocks[b]
    parts = [
        upper[a][:, rows.start - blocks[a].start : rows.stop - blocks[a].start].T for a in range(b)
    ]
    return np.concatenate([*parts, upper[b]], axis=1)


_SORTED_K = 64  # above this k, the reverse edges are found by binary search in sorted rows


def _entropy_knn_graph(idx: np.ndarray, dist: np.ndarray, kernel: str = "exp") -> float:
    """Eq. 4-7 on a kNN graph: rows i, distinct neighbours idx[i], float64 distances dist[i].

    kernel "exp": P_j|i = exp(-d_ij / sigma_i) with sigma_i from Eq. 5; "flat": P_j|i = 1
    on every edge (the limit sigma_i -> inf).
    """
    from cnnslicer_widgets.estimators._inter_kernels import (
        graph_pair_sums,
        graph_pair_sums_sorted,
    )

    n, k = idx.shape
    if kernel == "flat":
        p = np.ones(idx.shape)
    else:
        rate, weight = solve_rates(dist, math.log2(k))
        with np.errstate(invalid="ignore"):  # 0 * inf for duplicates, replaced by their weight
            p = np.where(dist == 0, weight[:, None], np.exp(-dist * rate[:, None]))
    idx = np.ascontiguousarray(idx, dtype=np.int64)
    sums = graph_pair_sums
    if k > _SORTED_K:
        order = np.argsort(idx, axis=1, kind="stable")
        idx = np.take_along_axis(idx, order, axis=1)
        p = np.take_along_axis(p, order, axis=1)
        sums = graph_pair_sums_sorted
    s = np.empty(n)
    slogs = np.empty(n)
    sums(idx, np.ascontiguousarray(p), s, slogs)
    total = 2 * s.sum()  # S_ij and S_ji
    return math.log2(total) - 2 * slogs.sum() / (total * math.log(2))


def inter_sample_entropy(
    da: xr.DataArray,
    *,
    sample_dim: Hashable = "x",
    k: int | None = None,
    method: str = "auto",
    device: Any = None,
    seed: int = 0,
    progress: bool = True,
    dtype: str = "float64",
    kernel: str = "exp",
) -> xr.DataArray:
    """Inter-sample entropy of a set of samples (paper Eq. 4-7), in bits.

    Parameters
    ----------
    da : xarray.DataArray
        Any selection with a sample dim, e.g. the input images
        ``cube.activations("input").sel(epoch=0)`` or all channels of a layer at an
        epoch; every other dim is flattened into the sample's vector.
    sample_dim : str, default "x"
        The dim along which the samples lie.
    k : int, optional
        Neighbours per point, 2 <= k <= N-1 (default N-1: all pairs, the paper's setting).
    method : {"auto", "exact", "nndescent"}, default "auto"
        kNN search. "exact": the exact k nearest (ties by index) with float64 distances,
        from float32 lower bounds on 96 principal coordinates (blocked matrix products,
        GPU when present) that leave only a few candidates per point to check exactly
        (for k >= N/4 or k > 512: whole rows of exact distances, the k smallest kept).
        "nndescent": approximate, pynndescent with umap's parameters, in float32 (its numba
        code compiles for ~30 s in each new process). "auto": pynndescent for k <= 256 and
        N > 20,000 once compiled in this process, N > 100,000 otherwise; else exact. All
        pairs (k = N-1) are always exact: every pair's distance (half the products, by
        symmetry), within ~1e-12 bits of a dense float64 computation.
    device : str or torch.device, optional
        Where the exact search runs (default CUDA when available, else CPU).
    seed : int, default 0
        Random seed of pynndescent.
    progress : bool, default True
        Show a progress bar (tqdm.auto).
    dtype : {"float64", "float32"}, default "float64"
        The distance products of all pairs for data that are not integers. float32: about
        1.3x faster on the CPU, distances rounded by ~1e-7 relative (the entropy of 10,000
        MNIST digits moves by ~6e-8 bits). Integer-valued data (e.g. uint8 pixels) always
        get exact float32 products; the kNN search always ends on float64 distances.
    kernel : {"exp", "flat"}, default "exp"
        P_j|i on the kNN graph. "exp": exp(-d_ij / sigma_i) with sigma_i from Eq. 5, the
        paper's formula. "flat": 1 for each of the k nearest neighbours (the limit
        sigma_i -> inf: the distances only choose the graph), so that H is the entropy of
        the symmetrised kNN graph, log2(2Nk) - 2m / (Nk) with m the pairs that are each
        other's neighbours. The paper's Fig. 5 B values (MNIST pixels, 100 / 500 / 1000 /
        2000 images per class: 19.90, 22.96, 24.09, 25.16 bits) are not what Eq. 4-7 give
        with any k (all pairs: 19.66, 24.06, 25.92, 27.75); flat weights with
        k = round(100 log2 N) come within 0.04 bits of them (19.93, 22.96, 24.10, 25.20),
        but the constant 100 is fitted to those four values, not taken from the paper (see
        the MNIST case study). Its values count edges more than they measure spread.

    Returns
    -------
    xarray.DataArray
        0-d float64, in bits; at most log2 of the number of (i, j) pairs with P_ij > 0,
        i.e. log2(N(N-1)) for all pairs (reached by equidistant points). attrs: units,
        estimator, k, n_samples, method, sample_dim, dtype, kernel.

    Raises
    ------
    ValueError
        Fewer than 2 samples, k >= N or k < 2, NaN or inf in a sample (the message says
        which), ``sample_dim`` missing (the message lists the dims).

    Examples
    --------
    Four equidistant points (a regular simplex): every ordered pair gets the same
    probability, so H = log2(4 * 3).

    >>> import numpy as np, xarray as xr
    >>> da = xr.DataArray(np.eye(4), dims=("x", "pixel"))
    >>> h = inter_sample_entropy(da, progress=False)
    >>> round(float(h), 6), float(np.log2(12)).__round__(6), h.attrs["k"]
    (3.584963, 3.584963, 3)

    With the flat kernel only the graph counts. Points 0, 1, 3, 7 on a line, k = 2: the
    neighbours are {1, 3}, {0, 3}, {1, 0}, {3, 1}; the pairs (0, 1), (0, 3), (1, 3) are
    mutual (m = 3), so H = log2(2 * 4 * 2) - 2 * 3 / (4 * 2) = 3.25.

    >>> line = xr.DataArray([[0.0], [1.0], [3.0], [7.0]], dims=("x", "pixel"))
    >>> float(inter_sample_entropy(line, k=2, kernel="flat", progress=False))
    3.25
    """
    check_values(da, "da")
    dtype = check_dtype(dtype)
    if kernel not in ("exp", "flat"):
        raise ValueError(f"kernel={kernel!r} is not 'exp' or 'flat'")
    n = _sample_count(da, sample_dim)
    k = _check_k(k, n, sample_dim)
    method = choose_method(method, n, k)
    x = _samples(da, sample_dim)
    integers = False
    raw = None
    if method == "nndescent":  # pynndescent searches in float32 (as umap does)
        if x.dtype.kind in "biu" and x.dtype.itemsize <= 2:  # exact in float32
            raw = x.view(np.uint8) if x.dtype == np.bool_ else x
            x = raw.astype(np.float32)
        else:
            x = _centred(x, np.float32)
    elif k == n - 1:  # integers (pixels) keep exact float32 products; other data go float64
        y = _knn.integer_points(x)
        integers = y is not None
        x = y if y is not None else _centred(x)
    else:  # integers (pixels) as they are: exact distances from their bytes
        integers = _knn.integer_valued(x)
        x = x if integers else _centred(x)
    dev = pick_device(device)
    if k == n - 1:
        steps = 3 * math.ceil(n / _knn.block_rows(n))
    else:
        steps = _knn.knn_blocks(n, x.shape[1], dev, k) if method == "exact" else 0
    with progress_bar(steps, desc="inter-sample entropy", enabled=progress) as bar:
        if k == n - 1 and kernel == "flat":  # every ordered pair has S_ij = 2: uniform
            h = math.log2(n * (n - 1.0))
        elif k == n - 1:
            h = _entropy_all_pairs(x, dev, bar, integers, dtype)
        else:
            if method == "exact":
                idx, dist = _knn.knn_exact(x, k, device=dev, bar=bar, integers=integers)
            else:
                idx, dist = _knn.knn_nndescent(x, k, seed=seed, exact=raw)
            h = _entropy_knn_graph(idx, dist, kernel)
    attrs = result_attrs(
        "inter_sample_entropy",
        k=k,
        n_samples=n,
        method=method,
        sample_dim=str(sample_dim),
        dtype=dtype,
        kernel=kernel,
    )
    return xr.DataArray(h, name="inter_sample_entropy", attrs=attrs)
