"""Compiled all-pairs kernels of the inter-sample entropy (numba, parallel over the cores).

Every all-pairs term costs an exponential, and the entropy a logarithm, in float64 (the
vectorising ``exp_neg`` and ``log_pos`` of :mod:`._numba_math`). The loops fuse what would
otherwise be separate passes over distance blocks: Gram product to distances, the sums of
the sigma solve, and S log S of the entropy. The kNN search is in :mod:`._knn_kernels`.

Compiled on first use and cached on disk (``cache=True``); imported inside functions only.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit, prange

from cnnslicer_widgets.estimators._numba_math import _FAST, exp_neg, log_pos, sqdist


@njit(fastmath=_FAST, error_model="numpy", inline="always", cache=True)
def _cond_p(d, rate, weight):  # pragma: no cover
    """P_j|i = exp(-d rate), or ``weight`` at d = 0 (also when rate = inf: duplicates)."""
    e = exp_neg(-d * rate)  # evaluated always (NaN for 0 * inf, then not used): no branch
    return weight if d == 0.0 else e


@njit(parallel=True, fastmath=_FAST, error_model="numpy", cache=True)
def gram_to_distances(g, x, sq, row0, col0, tol, out):  # pragma: no cover
    """out[r, c]: the distance of x_(row0+r) and x_(col0+c) from their Gram block g.

    sqrt(max(sq_i + sq_j - 2 g, 0)); where that is within rounding of 0 (d^2 <= tol *
    (sq_i + sq_j)), the pair is compared exactly and equal points (and i = j) get exactly 0.
    out (float64) may be g itself.
    """
    rows, cols = g.shape
    for r in prange(rows):
        i = row0 + r
        si = sq[i]
        near = 0.0  # pairs within rounding of 0, besides i = j (counted so the loop vectorises)
        for c in range(cols):
            j = col0 + c
            d2 = max(si + sq[j] - 2.0 * np.float64(g[r, c]), 0.0)
            near += 1.0 if d2 <= tol * (si + sq[j]) and j != i else 0.0
            out[r, c] = math.sqrt(d2)
        if col0 <= i < col0 + cols:
            out[r, i - col0] = 0.0
        if near > 0.0:
            for c in range(cols):
                j = col0 + c
                if out[r, c] * out[r, c] <= tol * (si + sq[j]) and sqdist(x, i, j) == 0.0:
                    out[r, c] = 0.0


@njit(parallel=True, fastmath=_FAST, error_model="numpy", cache=True)
def exact_gram_to_distances(g, sq, row0, col0, out):  # pragma: no cover
    """out[r, c] = sqrt(sq_i + sq_j - 2 g[r, c]) from an exact integer Gram block g.

    Integers below 2**53 all the way (any order of the sums is exact): no rounding before
    the sqrt, so equal points (and i = j) get exactly 0. out may be g itself.
    """
    rows, cols = g.shape
    for r in prange(rows):
        si = sq[row0 + r]
        for c in range(cols):
            out[r, c] = math.sqrt(max(si + sq[col0 + c] - 2.0 * np.float64(g[r, c]), 0.0))


@njit(fastmath=_FAST, error_model="numpy", inline="always", cache=True)
def _row_sums(row, rate):  # pragma: no cover
    """Over the d > 0 of a row: sum e, sum d e, sum d^2 e (e = exp(-d rate)).

    Nothing else in this loop: with the row's min / max / zero count tracked in the same
    loop, LLVM does not vectorise it (measured 5.1 vs 0.32 ns per value on 2 cores).
    """
    g = 0.0
    h = 0.0
    h2 = 0.0
    for c in range(len(row)):
        d = row[c]
        e = exp_neg(-d * rate)
        g += e if d > 0.0 else 0.0
        h += d * e
        h2 += d * d * e
    return g, h, h2


@njit(fastmath=_FAST, error_model="numpy", inline="always", cache=True)
def _row_range(row):  # pragma: no cover
    """A row's largest distance, smallest distance > 0 and number of zeros (one pass)."""
    hi_d = 0.0
    lo_d = np.inf
    zeros = 0.0
    for c in range(len(row)):
        d = row[c]
        hi_d = d if d > hi_d else hi_d
        pos = d if d > 0.0 else np.inf
        lo_d = pos if pos < lo_d else lo_d
        zeros += 1.0 if d == 0.0 else 0.0
    return hi_d, lo_d, int(zeros)


@njit(fastmath=_FAST, error_model="numpy", cache=True)
def _start(row, step, goal):  # pragma: no cover
    """Root of sum exp(-d t) = goal * (share sampled) over the d > 0 of row[::step], to ~1e-3.

    Bracketed in the sample's own distances (lo: every term >= aim / n, hi: <= aim / n);
    Newton steps in log t, else the bracket's geometric mean.
    """
    hi_d = 0.0
    lo_d = np.inf
    n = 0
    for c in range(0, len(row), step):
        hi_d = max(hi_d, row[c])
        lo_d = min(lo_d, row[c] if row[c] > 0.0 else np.inf)
        n += row[c] > 0.0
    aim = goal * n / len(row)
    if n == 0 or aim >= n:
        return 0.0
    lo = math.log(n / aim) / hi_d
    hi = math.log(n / aim) / lo_d
    t = math.sqrt(lo * hi)
    for _ in range(50):
        g = 0.0
        h = 0.0
        for c in range(0, len(row), step):
            e = exp_neg(-row[c] * t)
            g += e if row[c] > 0.0 else 0.0
            h += row[c] * e
        lo = t if g >= aim else lo
        hi = t if g <= aim else hi
        du = (math.log(g) - math.log(aim)) * g / (t * h)
        new = t * math.exp(du)
        newton = lo <= new <= hi  # False for NaN too
        t = new if newton else math.sqrt(lo * hi)
        if newton and abs(du) <= 1e-3:
            break
    return t


@njit(fastmath=_FAST, error_model="numpy", cache=True)
def _solve_row(row, target, n_self, max_iter):  # pragma: no cover
    """Rate t = 1 / sigma with sum_j exp(-row_j t) = target, the row's n_self own zeros left out.

    Zero distances contribute 1 each; the others solve G(t) = sum exp(-d t) = target - zeros,
    bracketed in units of the row's own distances: lo = ln(m / target) / max d,
    hi = ln((m - zeros) / (target - zeros)) / min d (each term >= target / m at lo, <=
    (target - zeros) / (m - zeros) at hi). Halley's step for log G(e^u) = log(target - zeros)
    in u = log t (cubic convergence: about two passes from a start within ~1%), or the
    bracket's geometric mean where the step leaves it; until a step is <= 1e-5 (the error
    left is about its cube). Rows of more than 4096 terms start from the root over ~1024
    of them. Returns (rate, weight, passes); rate inf and weight target / zeros when
    zeros >= target (no root: the limit sigma -> 0).
    """
    m = len(row) - n_self
    hi_d, lo_d, zeros = _row_range(row)
    zeros -= n_self
    if zeros >= target:
        return np.inf, target / zeros, 1
    lo = math.log(m / target) / hi_d
    hi = math.log((m - zeros) / (target - zeros)) / lo_d
    goal = target - zeros
    t = _start(row, len(row) // 1024, target) if m > 4096 else 0.0
    if not lo < t < hi:
        t = lo
    g, h, h2 = _row_sums(row, t)
    for it in range(max_iter):
        lo = t if g >= goal else lo
        hi = t if g <= goal else hi
        f = math.log(g) - math.log(goal)
        f1 = -t * h / g  # d log G / du
        f2 = (t * t * h2 - t * h) / g - f1 * f1
        du = -f / f1 / (1.0 - f * f2 / (2.0 * f1 * f1))
        new = t * math.exp(du)
        halley = lo <= new <= hi  # False for NaN too (g = 0 or h = 0)
        t = new if halley else math.sqrt(lo * hi)
        if halley and abs(du) <= 1e-5:
            return t, 1.0, it + 2
        g, h, h2 = _row_sums(row, t)
    return t, 1.0, max_iter


@njit(parallel=True, fastmath=_FAST, error_model="numpy", cache=True)
def solve_rates(d, target, n_self, max_iter, rate, weight, iters):  # pragma: no cover
    """Per row of d: rate_i = 1 / sigma_i solving Eq. 5 (see _solve_row), in parallel."""
    for r in prange(d.shape[0]):
        rate[r], weight[r], iters[r] = _solve_row(d[r], target, n_self, max_iter)


@njit(fastmath=_FAST, error_model="numpy", inline="always", cache=True)
def _row_pair_sums(d, rate, weight, rate_c, weight_c):  # pragma: no cover
    """sum S and sum S ln S over one row, S = P_j|i + P_i|j (s = 0 gives 0 * finite = 0)."""
    a = 0.0
    b = 0.0
    for c in range(len(d)):
        s = _cond_p(d[c], rate, weight) + _cond_p(d[c], rate_c[c], weight_c[c])
        a += s
        b += s * log_pos(s)
    return a, b


@njit(parallel=True, fastmath=_FAST, error_model="numpy", cache=True)
def pair_sums(d, rate_r, weight_r, rate_c, weight_c, upper, s_out, slogs_out):  # pragma: no cover
    """Row sums of S = P_j|i + P_i|j and S ln S over a block (columns c > r only if upper).

    Each row goes to a helper as slices from its first column: a loop whose start varies
    inside this function does not vectorise (2x slower).
    """
    for r in prange(d.shape[0]):
        c = r + 1 if upper else 0
        s_out[r], slogs_out[r] = _row_pair_sums(
            d[r, c:], rate_r[r], weight_r[r], rate_c[c:], weight_c[c:]
        )


@njit(parallel=True, fastmath=_FAST, error_model="numpy", cache=True)
def graph_pair_sums(idx, p, s_out, slogs_out):  # pragma: no cover
    """Row sums of S and S ln S over the pairs of a kNN graph, S = P_j|i + P_i|j.

    idx (n, k): distinct neighbours of each row (self excluded); p: P_j|i on those edges.
    A pair listed by both ends is counted once, from its smaller end; P_i|j is 0 where j
    does not list i. Over ordered pairs the totals are twice these sums.
    """
    n, k = idx.shape
    for i in prange(n):
        a = 0.0
        b = 0.0
        for t in range(k):
            j = idx[i, t]
            back = 0.0
            mutual = False
            for u in range(k):
                if idx[j, u] == i:
                    back = p[j, u]
                    mutual = True
            if mutual and j < i:
                continue
            s = p[i, t] + back
            a += s
            b += s * math.log(s) if s > 0.0 else 0.0
        s_out[i] = a
        slogs_out[i] = b




@njit(parallel=True, fastmath=_FAST, error_model="numpy", cache=True)
def graph_pair_sums_sorted(idx, p, s_out, slogs_out):  # pragma: no cover
    """:func:`graph_pair_sums` for rows of ``idx`` sorted by neighbour index: the reverse
    edge is found by binary search (O(k log k) per row instead of O(k^2), for large k)."""
    n, k = idx.shape
    for i in prange(n):
        a = 0.0
        b = 0.0
        for t in range(k):
            j = idx[i, t]
            lo = 0
            hi = k
            while lo < hi:  # first position in row j with idx >= i
                mid = (lo + hi) // 2
                if idx[j, mid] < i:
                    lo = mid + 1
                else:
                    hi = mid
            mutual = lo < k and idx[j, lo] == i
            if mutual and j < i:
                continue
            s = p[i, t] + (p[j, lo] if mutual else 0.0)
            a += s
            b += s * math.log(s) if s > 0.0 else 0.0
        s_out[i] = a
        slogs_out[i] = b
