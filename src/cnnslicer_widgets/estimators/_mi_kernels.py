"""Compiled kernels of the KDE class sums (numba; serial: they run right after a BLAS
product whose threads still spin, and cost a few % of that product).

From the Gram matrix of one channel's data, one pass over the pairs does
what would otherwise be separate passes over N x N matrices: distances, clamping, one
exponential per pair (``exp_neg`` of _inter_kernels.py, which vectorises), and the other
factors' kernels as powers of it. The class sums of every label set are then one BLAS
product with the one-hot labels. Used by
:func:`cnnslicer_widgets.estimators._mi.kde_class_sums` on CPU in float64 when the
N x N Gram fits in memory.

Compiled on first use and cached on disk (``cache=True``); imported inside functions only.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numba import njit

from cnnslicer_widgets.estimators._numba_math import _FAST, exp_neg


@njit(fastmath=_FAST, error_model="numpy", inline="always", cache=True)
def _gram_row(g, sq, i, rate, cap, base):  # pragma: no cover
    """base[j] = exp(rate d2_ij), d2 = clamp(sq_i + sq_j - 2 g_ij, 0, cap); base[i] = 1."""
    si = sq[i]
    for j in range(len(base)):
        d2 = min(max(si + sq[j] - 2.0 * g[i, j], 0.0), cap)
        base[j] = exp_neg(d2 * rate)
    base[i] = 1.0


@njit(fastmath=_FAST, error_model="numpy", inline="always", cache=True)
def _power(b, r):  # pragma: no cover
    """b ** r, by multiplications for r = 1, 2, 4."""
    if r == 1.0:
        return b
    if r == 2.0:
        return b * b
    if r == 4.0:
        b2 = b * b
        return b2 * b2
    return math.pow(b, r)


@njit(fastmath=_FAST, error_model="numpy", cache=True)
def kernels(g, sq, rate, cap, ratios, out):  # pragma: no cover
    """out[f, i, j] = exp(-d2_ij / (factor_f s2)) for every pair.

    g: (N, N) Gram matrix (symmetric), sq: (N,) its diagonal; d2 = clamp(sq_i + sq_j -
    2 g_ij, 0, cap), d2_ii = 0 exactly; rate = -1 / (widest factor x s2) < 0; ratios[f]
    = widest factor / factor f: 1, 2, 4 are products of the one exponential, others a
    power; out: (F, N, N) float64. Every pair is computed from its own row (the
    exponentials cost less than copying a triangle across, column by column).
    """
    n = g.shape[0]
    base = np.empty(n)
    for i in range(n):
        _gram_row(g, sq, i, rate, cap, base)
        for f in range(ratios.shape[0]):
            r = ratios[f]
            for j in range(n):
                out[f, i, j] = _power(base[j], r)
    return out


@njit(fastmath=_FAST, error_model="numpy", cache=True)
def pair_sums(a, g, sq, direct, rate, cap, ratios, codes, out):  # pragma: no cover
    """out[f, p, i, k] = sum over j with codes[p, j] = k of exp(-d2_ij / (factor_f s2)).

    As :func:`kernels`, with the class sums added up in the same pass (no N x N kernel
    matrices: for few label sets x classes); d2 from the Gram matrix g and its diagonal
    sq, or (``direct``, for few units) from the rows of a as sums of squared differences.
    """
    n = a.shape[0]
    base = np.empty(n)
    for i in range(n):
        if direct:
            for j in range(n):
                acc = 0.0
                for t in range(a.shape[1]):
                    diff = a[i, t] - a[j, t]
                    acc += diff * diff
                base[j] = exp_neg(min(acc, cap) * rate)
            base[i] = 1.0
        else:
            _gram_row(g, sq, i, rate, cap, base)
        for f in range(ratios.shape[0]):
            r = ratios[f]
            for j in range(n):
                k = _power(base[j], r)
                for p in range(codes.shape[0]):
                    out[f, p, i, codes[p, j]] += k
    return out


@njit(cache=True)
def varies(a):  # pragma: no cover
    """Whether any row of a (N, S) differs from the first (stops at the first that does)."""
    for i in range(1, a.shape[0]):
        for t in range(a.shape[1]):
            if a[i, t] != a[0, t]:
                return True
    return False


SCATTER_COLUMNS = 32  # label sets x classes summed in the pairs' pass (else a BLAS product)
DIRECT_UNITS = 16  # units per sample up to which distances come from differences, not a Gram
CANCELLATION = 1e4  # |mean|^2 / total variance above this: centre before the Gram product


def _gram(a: np.ndarray, single: bool) -> tuple[np.ndarray, np.ndarray, float]:
    """Gram matrix (float64) of a (N, S), its diagonal, and the total variance (mean
    squared distance to the centroid). Distances are |a|^2 + |b|^2 - 2 a.b, the same for
    centred data: in float64 centring (a pass over the data) is done only where the mean
    dwarfs the spread (more than 4 of float64's 16 digits would cancel); ``single``
    (float32 products, twice as fast) always centres."""
    n = len(a)
    if single:
        a32 = (a - a.mean(axis=0)).astype(np.float32)
        g = (a32 @ a32.T).astype(np.float64)
        sq = np.ascontiguousarray(np.diagonal(g))
        return g, sq, float(sq.mean())
    g = a @ a.T  # numpy: a symmetric rank-k product (BLAS syrk), half the work of a @ b
    sq = np.ascontiguousarray(np.diagonal(g))
    mean2 = g.sum() / (n * n)
    total = max(float(sq.mean() - mean2), 0.0)
    if mean2 > CANCELLATION * total:
        a = a - a.mean(axis=0)
        g = a @ a.T
        sq = np.ascontiguousarray(np.diagonal(g))
        total = float(sq.mean())
    return g, sq, total


def class_sums(
    x: np.ndarray, codes: np.ndarray, n_classes: int, factors: Any, *,
    noise_variance: float | np.ndarray, relative: bool, floor: float, single: bool = False,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:  # fmt: skip
    """What :func:`~cnnslicer_widgets.estimators._mi.kde_class_sums` returns, for x
    (C, N, S) float64 on CPU with N x N matrices in memory. Per channel: the Gram matrix
    by numpy's BLAS (float32 products with ``single``; for at most DIRECT_UNITS units
    the distances come from differences instead), then the kernels in float64: with few
    label sets x classes their sums are added up in the same pass (:func:`pair_sums`),
    else the kernel matrices (:func:`kernels`) meet the one-hot labels in a BLAS
    product. A constant channel gets all d2 = 0 (kernel exactly 1) and s2 = 0."""
    n_ch, n, _ = x.shape
    wide = max(factors)
    ratios = np.array([wide / f for f in factors], dtype=np.float64)
    n_sets = len(codes)
    onehot = (codes[:, :, None] == np.arange(n_classes)).transpose(1, 0, 2).reshape(n, -1)
    onehot = onehot.astype(np.float64)  # (N, (P+1) K)
    out = np.empty((len(factors), n_ch, n_sets, n, n_classes))
    s2 = np.zeros(n_ch)
    noise = np.broadcast_to(np.asarray(noise_variance, dtype=np.float64), (n_ch,))
    moving = np.zeros(n_ch, bool)
    scatter = n_sets * n_classes <= SCATTER_COLUMNS
    direct = scatter and x.shape[2] <= DIRECT_UNITS and not single
    k: Any = None if scatter else np.empty((len(factors), n, n))
    for c in range(n_ch):
        a = x[c]
        moving[c] = varies(a)
        if not moving[c]:
            a, g, sq, total = np.zeros((n, 1)), np.zeros((n, n)), np.zeros(n), 0.0
        elif direct:  # few units: exact differences, cheaper than a Gram product here
            g, sq = np.zeros((1, 1)), np.zeros(1)
            total = float(((a - a.mean(axis=0)) ** 2).sum(axis=1).mean())
        else:
            g, sq, total = _gram(a, single)
        s2[c] = noise[c] * (total if relative else 1.0)
        safe = s2[c] if s2[c] > 0 else 1.0  # s2 = 0 only for constant data: kernel 1
        rate, cap = -1.0 / (wide * safe), floor * wide * safe
        if scatter:  # few label sets x classes: summed in the pass over the pairs
            part = np.zeros((len(factors), n_sets, n, n_classes))
            pair_sums(a, g, sq, direct, rate, cap, ratios, codes, part)
            out[:, c] = part
            continue
        kernels(g, sq, rate, cap, ratios, k)
        for f in range(len(factors)):  # class sums: one matrix product (BLAS)
            out[f, c] = (k[f] @ onehot).reshape(n, n_sets, n_classes).transpose(1, 0, 2)
    return out, s2, moving
