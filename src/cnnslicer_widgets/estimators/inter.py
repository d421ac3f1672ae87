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
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import Any

import numpy as np
import xarray as xr

from cnnslicer_widgets.estimators import _knn
from cnnslicer_widgets.estimators._common import (
    check_finite_rows,
    progress_bar,
    require_dims,
    require_samples,
    result_attrs,
)

NNDESCENT_MIN_N = 50_000  # method="auto" uses pynndescent above this many samples ...
NNDESCENT_MAX_K = 256  # ... and for k up to this
_MAX_ITER = 100
_SOLVE_ELEMENTS = 2**19  # rows solved together: about 4 MiB of float64 distances
_CACHE_BYTES = 512 * 2**20  # all pairs: keep pass-1 distances up to this size (N <~ 11,000)


def solve_rates(d: Any, target: float, *, n_self: int = 0) -> tuple[Any, Any]:
    """Per-row rate t_i = 1 / sigma_i with sum_j exp(-d_ij t_i) = target (vectorised).

    ``d`` (rows x m) torch float64 distances >= 0, of which ``n_self`` zeros per row are the
    point itself and are left out of the sum. Rows are solved a cache-sized chunk at a time.

    Returns (rate, zero_weight): zero_weight is the P_j|i of a zero distance, 1 normally,
    target / m for a row with m >= target duplicates (rate is then +inf).
    """
    import torch

    step = max(1, _SOLVE_ELEMENTS // d.shape[1])
    parts = [_solve_chunk(d[s : s + step], target, n_self) for s in range(0, len(d), step)]
    return torch.cat([p[0] for p in parts]), torch.cat([p[1] for p in parts])


def _solve_chunk(d: Any, target: float, n_self: int) -> tuple[Any, Any]:
    """Bracketed Newton on log t: a vectorised bisection whose steps Newton shortens.

    g(t) = sum_j exp(-d_ij t) decreases in t. Every row keeps a bracket [lo, hi] with
    g(lo) >= target >= g(hi), in units of its own distances: lo = ln(k / target) / max d,
    hi = ln((k - m) / (target - m)) / (smallest d > 0) for m zero distances. Each iteration
    takes the Newton step for log g(e^u) = log target in u = log t, or, where that step
    leaves the bracket, bisects it (geometric mean). About five iterations reach 1e-9.
    """
    import torch

    k = d.shape[1] - n_self
    zeros = (d == 0).sum(1).double() - n_self
    degenerate = zeros >= target
    lo = math.log(k / target) / d.amax(1)
    hi = torch.log((k - zeros) / (target - zeros)) / torch.where(d > 0, d, torch.inf).amin(1)
    lo = torch.where(degenerate, 1.0, lo)
    hi = torch.where(degenerate, 1.0, hi)
    t = lo.clone()
    for _ in range(_MAX_ITER):
        e = torch.mul(d, -t[:, None]).exp_()
        g = e.sum(1) - n_self
        lo = torch.where(g >= target, t, lo)
        hi = torch.where(g <= target, t, hi)
        du = (torch.log(g) - math.log(target)) * g / (t * torch.einsum("ij,ij->i", d, e))
        new = t * torch.exp(du)
        newton = (new >= lo) & (new <= hi)  # False for NaN too
        t = torch.where(newton, new, torch.sqrt(lo * hi))
        if bool(((newton & (du.abs() <= 1e-9)) | degenerate).all()):
            break
    rate = torch.where(degenerate, torch.inf, t)
    weight = torch.where(degenerate, target / zeros.clamp(min=1), torch.ones_like(t))
    return rate, weight


def conditional_p(d: Any, rate: Any, weight: Any, axis: int, degenerate: bool) -> Any:
    """P_j|i = exp(-d rate) with rate/weight along ``axis`` (1: per row, 0: per column)."""
    import torch

    r, w = (rate[:, None], weight[:, None]) if axis == 1 else (rate[None, :], weight[None, :])
    p = torch.mul(d, -r).exp_() if not degenerate else torch.exp(-d * r)
    return torch.where(d == 0, w, p) if degenerate else p


def _points(da: xr.DataArray, sample_dim: Hashable) -> np.ndarray:
    """(N, D) float64 points: validated, centred, divided by their RMS norm."""
    require_dims(
        da,
        [sample_dim],
        role="sample dim",
        hint=f"pass sample_dim=... or keep {sample_dim!r} as a dim (e.g. select with a list)",
    )
    n = da.sizes[sample_dim]
    require_samples(n, sample_dim=sample_dim)
    x = np.asarray(da.transpose(sample_dim, ...).values).reshape(n, -1)
    if x.shape[1] == 0:
        raise ValueError("the samples are empty: every dim but the sample dim has size 0")
    check_finite_rows(da, x, [sample_dim], what="samples")
    x = x.astype(np.float64)
    x -= x.mean(axis=0)
    scale = np.sqrt((x * x).sum(1).mean())
    return x / scale if scale > 0 else x


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


def choose_method(method: str, n: int, k: int) -> str:
    """Resolve method="auto": pynndescent for N > NNDESCENT_MIN_N and k <= NNDESCENT_MAX_K."""
    if method not in ("auto", "exact", "nndescent"):
        raise ValueError(f"method={method!r} is not one of 'auto', 'exact', 'nndescent'")
    if method == "nndescent" and k == n - 1:
        raise ValueError("method='nndescent' needs k < N-1; all pairs (k=None) are exact")
    if method == "auto":
        return "nndescent" if n > NNDESCENT_MIN_N and k <= NNDESCENT_MAX_K else "exact"
    return method


def _entropy_all_pairs(x: np.ndarray, ids: np.ndarray | None, device: Any, bar: Any) -> float:
    """Eq. 4-7 with k = N-1, over row blocks (two passes, O(block x N) memory).

    Pass 1 solves sigma_i from full rows of distances; pass 2 sums S_ij = P_j|i + P_i|j
    over i < j (S is symmetric). Pass 2 reuses pass 1's distances (the upper triangle,
    float64) when they fit in _CACHE_BYTES, and recomputes them otherwise.
    """
    import torch

    pts = _knn.Points(x, device, torch.float64, ids)
    n = pts.n
    target = math.log2(n - 1)
    step = _knn.block_rows(n)
    blocks = [slice(s, min(n, s + step)) for s in range(0, n, step)]
    keep = n * (n + step) * 4 <= _CACHE_BYTES  # the upper triangle of blocks, float64
    cache = {}
    rate = torch.empty(n, dtype=torch.float64, device=pts.x.device)
    weight = torch.empty_like(rate)
    for rows in blocks:  # pass 1: sigma_i of every point
        d = pts.distances(rows)
        rate[rows], weight[rows] = solve_rates(d, target, n_self=1)
        if keep:
            cache[rows.start] = d[:, rows.start :].clone()
        bar.update(1)
    degenerate = bool(torch.isinf(rate).any())
    total = total_slogs = 0.0
    for rows in blocks:  # pass 2: pairs i < j
        cols = slice(rows.start, n)
        d = cache.pop(rows.start) if keep else pts.distances(rows, cols)
        s = conditional_p(d, rate[rows], weight[rows], 1, degenerate)
        s += conditional_p(d, rate[cols], weight[cols], 0, degenerate)
        width = rows.stop - rows.start
        s[:, :width] = torch.triu(s[:, :width], diagonal=1)
        total += 2 * float(s.sum())
        total_slogs += 2 * float(torch.special.xlogy(s, s).sum())
        bar.update(1)
    return math.log2(total) - total_slogs / (total * math.log(2))


def _entropy_knn_graph(idx: np.ndarray, dist: np.ndarray, device: Any) -> float:
    """Eq. 4-7 on a kNN graph: rows i, neighbours idx[i], float64 distances dist[i]."""
    import scipy.sparse as sp
    import torch

    n, k = idx.shape
    d = torch.as_tensor(dist, dtype=torch.float64, device=device)
    rate, weight = solve_rates(d, math.log2(k))
    p = conditional_p(d, rate, weight, 1, bool(torch.isinf(rate).any())).cpu().numpy()
    a = sp.csr_matrix((p.ravel(), (np.repeat(np.arange(n), k), idx.ravel())), shape=(n, n))
    s = (a + a.T).tocsr().data
    total = s.sum()
    return float(np.log2(total) - (s * np.log2(np.where(s > 0, s, 1))).sum() / total)


def inter_sample_entropy(
    da: xr.DataArray,
    *,
    sample_dim: Hashable = "x",
    k: int | None = None,
    method: str = "auto",
    device: Any = None,
    seed: int = 0,
    progress: bool = True,
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
        kNN search. "exact": blocked torch matrix products (GPU when present); for
        k <= 128 the search runs in float32 (a near-tie at the k-th neighbour, within
        float32 rounding, may pick either point) and the kept distances are recomputed in
        float64. "nndescent": approximate, pynndescent (its numba compile takes ~35 s per
        process). "auto" takes pynndescent for N > 50,000 and k <= 256, else exact.
        All pairs (k = N-1) are always exact, in float64.
    device : str or torch.device, optional
        Where the exact search runs (default CUDA when available, else CPU).
    seed : int, default 0
        Random seed of pynndescent.
    progress : bool, default True
        Show a progress bar (tqdm.auto).

    Returns
    -------
    xarray.DataArray
        0-d float64, in bits; at most log2 of the number of (i, j) pairs with P_ij > 0,
        i.e. log2(N(N-1)) for all pairs (reached by equidistant points). attrs: units,
        estimator, k, n_samples, method, sample_dim.

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
    """
    x = _points(da, sample_dim)
    n = len(x)
    k = _check_k(k, n, sample_dim)
    method = choose_method(method, n, k)
    dev = _knn.pick_device(device)
    ids = _knn.duplicate_ids(x)
    steps = math.ceil(n / _knn.block_rows(n))
    with progress_bar(
        2 * steps if k == n - 1 else steps, desc="inter-sample entropy", enabled=progress
    ) as bar:
        if k == n - 1:
            h = _entropy_all_pairs(x, ids, dev, bar)
        else:
            if method == "exact":
                idx, dist = _knn.knn_exact(x, k, device=dev, ids=ids, bar=bar)
            else:
                idx, dist = _knn.knn_nndescent(x, k, seed=seed)
            h = _entropy_knn_graph(idx, dist, dev)
    attrs = result_attrs(
        "inter_sample_entropy", k=k, n_samples=n, method=method, sample_dim=str(sample_dim)
    )
    return xr.DataArray(h, name="inter_sample_entropy", attrs=attrs)
