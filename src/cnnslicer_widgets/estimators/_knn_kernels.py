"""Compiled kernels of the exact k-nearest-neighbour search (see _knn.py).

Each row scans float32 lower bounds on its distances to all points in chunks of 32, seeds
a heap from the chunks with the smallest minima, then computes exact distances only
where a bound allows a closer neighbour (bitmask gathering, four distances at a time).

Compiled on first use and cached on disk (``cache=True``); imported inside functions only.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit, prange, types
from numba.extending import overload

from cnnslicer_widgets.estimators._numba_math import _FAST, _trailing_zeros, sqdist


@njit(fastmath=_FAST, error_model="numpy", inline="always", cache=True)
def _heap_replace(hv, hj, v, j):  # pragma: no cover
    """Replace the root (largest) of the max-heap (hv, hj), ordered by (value, index), by
    (v, j) and restore the heap."""
    k = len(hv)
    p = 0
    while True:
        c = 2 * p + 1
        if c >= k:
            break
        if c + 1 < k and (hv[c + 1] > hv[c] or (hv[c + 1] == hv[c] and hj[c + 1] > hj[c])):
            c += 1
        if hv[c] < v or (hv[c] == v and hj[c] <= j):
            break
        hv[p] = hv[c]
        hj[p] = hj[c]
        p = c
    hv[p] = v
    hj[p] = j


@njit(parallel=True, fastmath=_FAST, error_model="numpy", cache=True)
def neighbour_distances(x, idx, out):  # pragma: no cover
    """out[i, j] = ||x[i] - x[idx[i, j]]|| from differences (float64, exact 0 for duplicates)."""
    n, k = idx.shape
    for i in prange(n):
        for j in range(k):
            out[i, j] = math.sqrt(sqdist(x, i, idx[i, j]))


def _widen(v):  # pragma: no cover
    """A value as the distance sums take it (numba only): bytes as integers, else float64."""
    raise NotImplementedError


@overload(_widen)
def _widen_typed(v):  # pragma: no cover
    if v == types.uint8:

        def as_integer(v):
            return np.int64(v)

        return as_integer

    def as_float(v):
        return np.float64(v)

    return as_float


@njit(fastmath=_FAST, error_model="numpy", inline="always", cache=True)
def _sqdist4(x, i, j0, j1, j2, j3):  # pragma: no cover
    """||x_i - x_j||^2 for four j at once: exact sums of integers for 1-byte rows (1/8 of
    float64's memory: they stay in cache), float64 sums of differences otherwise."""
    a0 = _widen(x[i, 0]) * 0
    a1 = a0
    a2 = a0
    a3 = a0
    for t in range(x.shape[1]):
        p = _widen(x[i, t])
        d = p - _widen(x[j0, t])
        a0 += d * d
        d = p - _widen(x[j1, t])
        a1 += d * d
        d = p - _widen(x[j2, t])
        a2 += d * d
        d = p - _widen(x[j3, t])
        a3 += d * d
    return np.float64(a0), np.float64(a1), np.float64(a2), np.float64(a3)


@njit(fastmath=_FAST, error_model="numpy", inline="always", cache=True)
def _push(hv, hj, v, j):  # pragma: no cover
    """Put (v, j) in the max-heap (hv, hj) of the k smallest (value, index) pairs, if it
    belongs there and j is not in it yet."""
    if v > hv[0] or (v == hv[0] and j >= hj[0]):
        return
    for s in range(len(hv)):
        if hj[s] == j:
            return
    _heap_replace(hv, hj, v, j)


@njit(fastmath=_FAST, error_model="numpy", inline="always", cache=True)
def _push4(x, i, hv, hj, js, count):  # pragma: no cover
    """Exact squared distances from i to js[:count] (count <= 4), pushed into the heap."""
    if count == 0:
        return
    for s in range(count, 4):
        js[s] = js[0]
    a0, a1, a2, a3 = _sqdist4(x, i, js[0], js[1], js[2], js[3])
    _push(hv, hj, a0, js[0])
    if count > 1:
        _push(hv, hj, a1, js[1])
    if count > 2:
        _push(hv, hj, a2, js[2])
    if count > 3:
        _push(hv, hj, a3, js[3])


@njit(fastmath=_FAST, error_model="numpy", inline="always", cache=True)
def _queue(x, i, hv, hj, js, count, j):  # pragma: no cover
    """Add j to the count points waiting in js; at four, their distances go into the heap.
    Returns the new count."""
    js[count] = j
    if count == 3:
        _push4(x, i, hv, hj, js, 4)
        return 0
    return count + 1


@njit(fastmath=_FAST, error_model="numpy", inline="always", cache=True)
def _w(zqf, gi, j):  # pragma: no cover
    """w_j = zqf_j - 2 g_ij in float32 (16 per vector). 2 g is exact, so a fused multiply-add
    rounds the same: the seeds are found again by equality with the chunk minima."""
    return zqf[j] - np.float32(2.0) * gi[j]


@njit(fastmath=_FAST, error_model="numpy", inline="always", cache=True)
def _chunk_minima(gi, zqf, i, lows):  # pragma: no cover
    """lows[c]: min of w_j over j in [32c, 32c + 32), j != i (inf if none)."""
    n = len(gi)
    full = n // 32
    for c in range(full):
        low = np.float32(np.inf)
        for t in range(32):
            low = min(low, _w(zqf, gi, 32 * c + t))
        lows[c] = low
    for c in range(full, len(lows)):
        low = np.float32(np.inf)
        for j in range(32 * c, n):
            low = min(low, _w(zqf, gi, j))
        lows[c] = low
    c = i // 32
    low = np.float32(np.inf)
    for j in range(32 * c, min(n, 32 * c + 32)):
        w = _w(zqf, gi, j)
        low = w if w < low and j != i else low
    lows[c] = low


@njit(fastmath=_FAST, error_model="numpy", inline="always", cache=True)
def _below(gi, zqf, base, t):  # pragma: no cover
    """Bit u set where w_j <= t (float32), j = base + u, over one chunk of (up to) 32."""
    mask = np.uint64(0)
    for u in range(min(32, len(gi) - base)):
        hit = _w(zqf, gi, base + u) <= t
        mask |= np.uint64(hit) << np.uint64(u)
    return mask


@njit(fastmath=_FAST, error_model="numpy", cache=True)
def _scan_row(gi, zqf, zqr, x, i, k, lows, hv, hj, sv, sj, cj, cw, js):  # pragma: no cover
    """Exact k nearest neighbours of x_i from its row gi of bounds (see scan_bound_tile):
    into hv, hj ascending by (d^2, index); False if more than len(cj) points qualify."""
    n = len(gi)
    cap = len(cj)
    nc = len(lows)
    _chunk_minima(gi, zqf, i, lows)
    sv[:] = np.inf
    sj[:] = -1
    for c in range(nc):
        if lows[c] < sv[0]:
            _heap_replace(sv, sj, lows[c], c)
    hv[:] = np.inf
    hj[:] = -1
    count = 0
    for s in range(k):  # the minimum of each chosen chunk
        c = sj[s]
        if c < 0:
            continue
        found = -1
        for j in range(32 * c, min(n, 32 * c + 32)):
            if found < 0 and j != i and _w(zqf, gi, j) == sv[s]:
                found = j
        sj[s] = found
        if found >= 0:  # (always: the same float32 sum as the minimum's)
            count = _queue(x, i, hv, hj, js, count, found)
    _push4(x, i, hv, hj, js, count)
    t = hv[0] - zqr[i]
    t32 = np.float32(t)
    if t32 < t:  # round up: the float32 test keeps every point the float64 one would
        t32 = np.float32(t + abs(t) * 2.0**-22)
    m = 0
    for c in range(nc):
        if lows[c] <= t32:
            if m + min(32, n - 32 * c) > cap:
                return False
            base = 32 * c
            mask = _below(gi, zqf, base, t32)
            if base <= i < base + 32:
                mask &= ~(np.uint64(1) << np.uint64(i - base))
            while mask != 0:
                j = base + np.int64(_trailing_zeros(mask))
                cj[m] = j
                cw[m] = _w(zqf, gi, j)
                m += 1
                mask &= mask - np.uint64(1)
    count = 0
    for c in range(m):
        j = cj[c]
        if cw[c] + zqr[i] <= hv[0]:
            seed = False
            for s in range(k):
                seed |= sj[s] == j
            if not seed:
                count = _queue(x, i, hv, hj, js, count, j)
    _push4(x, i, hv, hj, js, count)
    for s in range(k):  # the heap in ascending (d^2, index) order
        best = s
        for u in range(s + 1, k):
            if hv[u] < hv[best] or (hv[u] == hv[best] and hj[u] < hj[best]):
                best = u
        hv[s], hv[best] = hv[best], hv[s]
        hj[s], hj[best] = hj[best], hj[s]
    return True


@njit(fastmath=_FAST, error_model="numpy", nogil=True, cache=True)
def scan_bound_tile(g, zqf, zqr, x, row0, k, idx, d2, ok, lows, hv, hj, sv, sj, cj, cw):  # pragma: no cover
    """Exact k nearest neighbours (self excluded) of the rows row0 + r of a tile of bounds.

    One thread (``nogil``: callers run one tile per thread). g[r, j] = z_i . z_j (float32)
    for points z whose distances bound those of x from below: with zqr = c |z|^2 (float64)
    and zqf = zqr rounded to float32, zqr_i + w_j, w_j = zqf_j - 2 g_ij (float32), is
    <= ||x_i - x_j||^2 (c = 1 - eps: see ``_knn.scaled_norms``). Per row: minima of w over chunks
    of 32 columns; the points of the k smallest minima give exact distances, the largest of
    which, T, bounds the k-th neighbour's; then the points with zqr_i + w_j <= T are
    gathered (only from chunks whose minimum allows any) and their exact distances
    computed, four at a time, while that bound is <= the current k-th smallest distance
    (which only falls), into a heap of (d^2, index). A row that gathers more than len(cj)
    points is left to the caller (ok = False). Output rows ascending, ties by index.
    Work arrays: lows (chunks, float32), hv, hj, sv, sj (k), cj, cw (the gathering cap).
    """
    js = np.empty(4, np.int64)
    for r in range(g.shape[0]):
        ok[r] = _scan_row(g[r], zqf, zqr, x, row0 + r, k, lows, hv, hj, sv, sj, cj, cw, js)
        if ok[r]:
            idx[r] = hj
            d2[r] = hv


@njit(parallel=True, fastmath=_FAST, error_model="numpy", cache=True)
def bounded_knn(g, zqf, zqr, x, points, k, cap, idx, d2, ok):  # pragma: no cover
    """scan_bound_tile for the rows g[r] of x[points[r]], in parallel (numba's threads):
    for bounds computed in large blocks (a GPU) and for the rows that fall back to the
    points themselves as bounds. Rows go in groups of 16 sharing work arrays."""
    n = g.shape[1]
    rows = len(points)
    for group in prange((rows + 15) // 16):
        lows = np.empty((n + 31) // 32, np.float32)
        hv = np.empty(k)
        hj = np.empty(k, np.int64)
        sv = np.empty(k)
        sj = np.empty(k, np.int64)
        cj = np.empty(cap, np.int64)
        cw = np.empty(cap)
        js = np.empty(4, np.int64)
        for r in range(16 * group, min(rows, 16 * group + 16)):
            ok[r] = _scan_row(g[r], zqf, zqr, x, points[r], k, lows, hv, hj, sv, sj, cj, cw, js)
            if ok[r]:
                idx[r] = hj
                d2[r] = hv
