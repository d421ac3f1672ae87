"""Euclidean distances and k-nearest-neighbour search for the inter-sample entropy.

Exact search is blocked torch matrix products (a GPU when present): a block of rows
against all points, so memory is O(block x N). Squared distances come from
|a|^2 + |b|^2 - 2 a.b on centred data, clamped at 0; the distances that are kept are
float64 (recomputed from differences when the search ran in float32), and exact
duplicate points get distance exactly 0. pynndescent does approximate search for large N.
"""

from __future__ import annotations

from typing import Any

import numpy as np

_BLOCK_ELEMENTS = 2**21  # one (rows x N) float64 block: 16 MiB (reused by malloc, unlike >32 MiB)
_REFINE_MAX_K = 128  # up to this k, search in float32 and recompute kept distances


def pick_device(device: Any = None) -> Any:
    """torch.device: the given one, else CUDA when available, else CPU."""
    import torch

    if device is not None:
        return torch.device(device)
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def block_rows(n_cols: int, budget: int = _BLOCK_ELEMENTS) -> int:
    """Rows per block so that a (rows x n_cols) block holds about ``budget`` elements."""
    return max(1, min(n_cols, budget // max(1, n_cols)))


def duplicate_ids(x: np.ndarray) -> np.ndarray | None:
    """Id of each row's distinct value (equal rows share an id); None if all rows differ.

    Rows are grouped by a 64-bit hash of their bits (O(N D), unlike sorting whole rows),
    and rows of equal hash are compared exactly.
    """
    bits = np.ascontiguousarray(x + 0.0).view(np.uint64)  # + 0.0: -0.0 becomes 0.0
    weights = np.random.default_rng(0).integers(1, 2**63, size=bits.shape[1], dtype=np.uint64)
    key = (bits * (weights | np.uint64(1))).sum(axis=1, dtype=np.uint64)  # wraps mod 2**64
    order = np.argsort(key, kind="stable")
    key, rows = key[order], x[order]
    new = np.ones(len(x), bool)
    new[1:] = (key[1:] != key[:-1]) | (rows[1:] != rows[:-1]).any(axis=1)
    if new.all():
        return None
    ids = np.empty(len(x), np.int64)
    ids[order] = np.cumsum(new) - 1
    return ids


class Points:
    """Points on a torch device with their squared norms, for blocked distances."""

    def __init__(self, x: np.ndarray, device: Any, dtype: Any, ids: np.ndarray | None):
        import torch

        self.x = torch.as_tensor(x, dtype=dtype, device=device)
        self.sq = (self.x * self.x).sum(1)
        self.ids = None if ids is None else torch.as_tensor(ids, device=device)
        self.n = len(x)

    def distances(self, rows: slice, cols: slice = slice(None)) -> Any:
        """(rows x cols) Euclidean distances; 0 on the diagonal and between duplicates."""
        import torch

        d = self.x[rows] @ self.x[cols].T
        d.mul_(-2).add_(self.sq[rows, None]).add_(self.sq[None, cols]).clamp_(min=0).sqrt_()
        r0, c0 = rows.start or 0, cols.start or 0
        lo, hi = max(r0, c0), min(r0 + d.shape[0], c0 + d.shape[1])
        if hi > lo:  # the diagonal i == j inside this block
            i = torch.arange(lo, hi, device=d.device)
            d[i - r0, i - c0] = 0
        if self.ids is not None:
            d.masked_fill_(self.ids[rows, None] == self.ids[None, cols], 0)
        return d


def refine(x64: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """float64 distances ||x_i - x_idx[i, j]|| from differences (exact zeros for duplicates)."""
    from cnnslicer_widgets.estimators._kernels import neighbour_distances

    out = np.empty(idx.shape, np.float64)
    neighbour_distances(np.ascontiguousarray(x64), np.ascontiguousarray(idx), out)
    return out


def knn_exact(
    x64: np.ndarray, k: int, *, device: Any, ids: np.ndarray | None, bar: Any
) -> tuple[np.ndarray, np.ndarray]:
    """Exact k nearest neighbours (self excluded): indices (N, k) and float64 distances."""
    import torch

    fast = k <= _REFINE_MAX_K
    pts = Points(x64, device, torch.float32 if fast else torch.float64, ids)
    n = pts.n
    idx = np.empty((n, k), np.int64)
    dist = np.empty((n, k), np.float64)
    step = block_rows(n)
    for s in range(0, n, step):
        rows = slice(s, min(n, s + step))
        d = pts.distances(rows)
        i = torch.arange(rows.start, rows.stop, device=d.device)
        d[i - s, i] = float("inf")  # exclude self (duplicates stay at 0)
        val, nb = torch.topk(d, k, dim=1, largest=False, sorted=True)
        idx[rows] = nb.cpu().numpy()
        dist[rows] = val.double().cpu().numpy()
        bar.update(1)
    if fast:
        dist = refine(x64, idx)
    return idx, dist


def knn_nndescent(x64: np.ndarray, k: int, *, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Approximate k nearest neighbours with pynndescent (self excluded), float64 distances."""
    from pynndescent import NNDescent

    index = NNDescent(
        x64.astype(np.float32),
        n_neighbors=k + 1,
        metric="euclidean",
        random_state=seed,
        verbose=False,
    )
    nb, _ = index.neighbor_graph
    if (nb < 0).any():
        raise RuntimeError("pynndescent left some neighbours unfound; use method='exact'")
    is_self = nb == np.arange(len(nb))[:, None]
    order = np.argsort(is_self, axis=1, kind="stable")  # self (if found) moves last
    idx = np.take_along_axis(nb, order, axis=1)[:, :k].astype(np.int64)
    return idx, refine(x64, idx)
