"""Compiled histogram kernels (numba, parallel over the available cores).

Histogram counting is a scatter of increments, which neither numpy nor torch run near
memory speed (np.bincount: about 2 ns per value on one core). These kernels keep each
histogram in L1 cache, spread across cores, and turn counts into entropies in the same
pass. Compiled on first use and cached on disk (``cache=True``); importing this module
imports numba, so the estimators import it inside functions only.

numba comes with pynndescent (a dependency of the package).
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

_MAPS_PER_TASK = 64


# Every fast-math flag but "reassoc": reassociating the rescaling below let a fresh compile
# bin maps near the float32 limit wrong (tests/estimators/test_scales_and_inputs.py failed
# with an empty numba cache); without it the kernel runs as fast (0.90-1.07x, 20,000 maps
# of 1,024 values).
@njit(parallel=True, fastmath={"nnan", "ninf", "nsz", "arcp", "contract", "afn"}, cache=True)
def map_entropies(x, xbits, expmask, lo, hi, own_range, nbins, fbins, bin_type, tiny, big,
                  boost, out, bad):  # pragma: no cover
    """Entropy (bits) of a ``nbins``-bin histogram of each row of ``x`` (M, S).

    own_range: bin each row over its own [min, max]; else over [lo[m], hi[m]], values
    outside clipped to the edge bins. A row with max == min has entropy 0. ``xbits`` is
    ``x`` viewed as same-width integers: a row with an all-ones exponent field (NaN or
    inf) is flagged in ``bad`` and gets NaN, without relying on float NaN semantics
    (fastmath assumes none). ``fbins`` is ``nbins`` in the dtype of ``x``; ``bin_type``
    an empty array of the dtype bin numbers are kept in (uint8 up to 256 bins: a quarter
    of int32's traffic through the cache, measured 15% faster overall).

    A row whose range is below ``tiny`` (subnormal maps: ``fbins / range`` would overflow)
    or whose values reach ``big`` (half the largest float: ``max - min`` could overflow) is
    first multiplied by the power of two ``boost`` or 0.5, which is exact: every row gets
    the bins of its values, whatever their scale.
    """
    n_maps, size = x.shape
    log_size = np.log2(size)
    n_tasks = (n_maps + _MAPS_PER_TASK - 1) // _MAPS_PER_TASK
    for task in prange(n_tasks):
        counts = np.zeros(4 * nbins, np.int32)
        idx = np.empty(size, bin_type.dtype)
        for m in range(task * _MAPS_PER_TASK, min(n_maps, (task + 1) * _MAPS_PER_TASK)):
            v = x[m]
            vb = xbits[m]
            n_bad = 0
            vmin = v[0]
            vmax = v[0]
            for s in range(size):
                n_bad += (vb[s] & expmask) == expmask
                vmin = min(vmin, v[s])
                vmax = max(vmax, v[s])
            bad[m] = n_bad > 0
            if n_bad > 0:
                out[m] = np.nan
                continue
            if not own_range:
                vmin = lo[m]
                vmax = hi[m]
            if not vmax > vmin:
                out[m] = 0.0
                continue
            top = fbins - 1
            pre = fbins / fbins  # 1 in the dtype of x
            if vmax >= big or vmin <= -big:
                pre = pre / 2
            elif vmax - vmin < tiny:
                pre = boost
            if pre == 1:
                scale = fbins / (vmax - vmin)
                for s in range(size):
                    idx[s] = min(max((v[s] - vmin) * scale, 0), top)
            else:  # exact power-of-two rescaling first (see the docstring)
                low = vmin * pre
                scale = fbins / (vmax * pre - low)
                for s in range(size):
                    idx[s] = min(max((v[s] * pre - low) * scale, 0), top)
            counts[:] = 0
            size4 = size - size % 4
            for s in range(0, size4, 4):  # four sub-histograms: no store-to-load stalls
                counts[idx[s]] += 1
                counts[nbins + idx[s + 1]] += 1
                counts[2 * nbins + idx[s + 2]] += 1
                counts[3 * nbins + idx[s + 3]] += 1
            for s in range(size4, size):
                counts[idx[s]] += 1
            acc = 0.0
            for b in range(nbins):
                n = counts[b] + counts[nbins + b] + counts[2 * nbins + b] + counts[3 * nbins + b]
                if n > 0:
                    acc += n * np.log2(n)
            out[m] = log_size - acc / size


@njit(parallel=True, fastmath=True, cache=True)
def joint_entropies(bins_a, bins_b, nbins, out):  # pragma: no cover
    """Joint entropy (bits) of every row pair: out[c, d] = H(bins_a[c], bins_b[d]).

    bins_a (Ca, P) and bins_b (Cb, P) hold bin numbers (< nbins) of the same P items.
    One task per (c, d): a nbins x nbins count table (four interleaved copies, L1
    resident) filled by a linear scan of both rows.
    """
    n_a, n_items = bins_a.shape
    n_b = bins_b.shape[0]
    nb2 = nbins * nbins
    log_n = np.log2(n_items)
    for task in prange(n_a * n_b):
        c = task // n_b
        d = task % n_b
        table = np.zeros(4 * nb2, np.int32)
        ra = bins_a[c]
        rb = bins_b[d]
        idx = np.empty(n_items, np.int32)
        for p in range(n_items):
            idx[p] = np.int32(ra[p]) * nbins + np.int32(rb[p])
        n4 = n_items - n_items % 4
        for p in range(0, n4, 4):
            table[idx[p]] += 1
            table[nb2 + idx[p + 1]] += 1
            table[2 * nb2 + idx[p + 2]] += 1
            table[3 * nb2 + idx[p + 3]] += 1
        for p in range(n4, n_items):
            table[idx[p]] += 1
        acc = 0.0
        for i in range(nb2):
            n = table[i] + table[nb2 + i] + table[2 * nb2 + i] + table[3 * nb2 + i]
            if n > 0:
                acc += n * np.log2(n)
        out[c, d] = log_n - acc / n_items


@njit(parallel=True, fastmath=True, cache=True)
def joint_entropies_two(bins_a, bins_b, nbins, out):  # pragma: no cover
    """As joint_entropies, two target rows per scan: half the increments, for small nbins.

    One task per (c, d1, d2): a nbins**3 table of (bin_c, bin_d1, bin_d2) counts (L2
    resident for nbins <= 40), then both joint histograms by summing out one axis.
    """
    n_a, n_items = bins_a.shape
    n_b = bins_b.shape[0]
    n_pairs = (n_b + 1) // 2
    log_n = np.log2(n_items)
    for task in prange(n_a * n_pairs):
        c = task // n_pairs
        d1 = 2 * (task % n_pairs)
        d2 = min(d1 + 1, n_b - 1)
        table = np.zeros(nbins * nbins * nbins, np.int32)
        ra, r1, r2 = bins_a[c], bins_b[d1], bins_b[d2]
        idx = np.empty(n_items, np.int32)
        for p in range(n_items):
            idx[p] = (np.int32(ra[p]) * nbins + np.int32(r1[p])) * nbins + np.int32(r2[p])
        for p in range(n_items):
            table[idx[p]] += 1
        acc1 = 0.0
        acc2 = 0.0
        for a in range(nbins):
            for b in range(nbins):
                n1 = 0
                n2 = 0
                for e in range(nbins):
                    n1 += table[(a * nbins + b) * nbins + e]
                    n2 += table[(a * nbins + e) * nbins + b]
                if n1 > 0:
                    acc1 += n1 * np.log2(n1)
                if n2 > 0:
                    acc2 += n2 * np.log2(n2)
        out[c, d1] = log_n - acc1 / n_items
        out[c, d2] = log_n - acc2 / n_items


@njit(parallel=True, fastmath=True, cache=True)
def joint_entropies_four(bins_a, bins_b, nbins, xlogx, out):  # pragma: no cover
    """As joint_entropies, four target rows per scan of a source row, for nbins <= 64.

    One task per (c, four rows d of bins_b): four nbins x nbins count tables (one per d,
    so consecutive increments go to different tables: no store-to-load stalls, and the
    source row is read once for four pairs), L1 resident for nbins <= 32. n log2 n of a
    count comes from ``xlogx`` (n < len(xlogx)), else is computed. Measured 1.4x faster
    than joint_entropies_two on 256 x 256 channels of 19,900 pairs (2 cores).
    """
    n_a, n_items = bins_a.shape
    n_b = bins_b.shape[0]
    nb2 = nbins * nbins
    n_lut = len(xlogx)
    log_n = np.log2(n_items)
    n_groups = (n_b + 3) // 4
    for task in prange(n_a * n_groups):
        c = task // n_groups
        d0 = 4 * (task % n_groups)
        ra = bins_a[c]
        r0 = bins_b[d0]
        r1 = bins_b[min(d0 + 1, n_b - 1)]
        r2 = bins_b[min(d0 + 2, n_b - 1)]
        r3 = bins_b[min(d0 + 3, n_b - 1)]
        table = np.zeros(4 * nb2, np.int32)
        for p in range(n_items):
            a = np.int32(ra[p]) * nbins
            table[a + r0[p]] += 1
            table[nb2 + a + r1[p]] += 1
            table[2 * nb2 + a + r2[p]] += 1
            table[3 * nb2 + a + r3[p]] += 1
        for g in range(min(4, n_b - d0)):
            acc = 0.0
            for i in range(g * nb2, (g + 1) * nb2):
                n = table[i]
                acc += xlogx[n] if n < n_lut else n * np.log2(n)
            out[c, d0 + g] = log_n - acc / n_items


_PAIRS_PER_TASK = 4096


@njit(parallel=True, fastmath=True, cache=True)
def pair_distances(f, pi, pj, out):  # pragma: no cover
    """out[c, p] = ||f[c, pi[p]] - f[c, pj[p]]|| for maps f (C, N, S): exact 0 for equal maps."""
    n_ch, n_pairs = out.shape
    size = f.shape[2]
    per_ch = (n_pairs + _PAIRS_PER_TASK - 1) // _PAIRS_PER_TASK
    for task in prange(n_ch * per_ch):
        c = task // per_ch
        start = (task % per_ch) * _PAIRS_PER_TASK
        fc = f[c]
        for p in range(start, min(n_pairs, start + _PAIRS_PER_TASK)):
            fa = fc[pi[p]]
            fb = fc[pj[p]]
            acc = fa[0] - fa[0]
            for s in range(size):
                diff = fa[s] - fb[s]
                acc += diff * diff
            out[c, p] = np.sqrt(acc)


@njit(parallel=True, fastmath=True, cache=True)
def all_pair_distances(f, out):  # pragma: no cover
    """out[c, p] for every pair i < j in row-major order (as np.triu_indices(N, 1)).

    Like pair_distances without index arrays: row i stays in L1 while j runs.
    """
    n_ch, n, size = f.shape
    for task in prange(n_ch * n):
        c = task // n
        i = task % n
        fi = f[c, i]
        base = i * (2 * n - i - 1) // 2 - i - 1  # out index of pair (i, j) is base + j
        for j in range(i + 1, n):
            fj = f[c, j]
            acc = fi[0] - fi[0]
            for s in range(size):
                diff = fi[s] - fj[s]
                acc += diff * diff
            out[c, base + j] = np.sqrt(acc)


@njit(parallel=True, fastmath=True, cache=True)
def bin_rows(d, nbins, bins, entropy):  # pragma: no cover
    """Bin each row of d (C, P) into nbins equal bins over its own min..max; row entropy.

    A constant row goes to bin 0 (entropy exactly 0).
    """
    n_rows, n_items = d.shape
    log_n = np.log2(n_items)
    for c in prange(n_rows):
        row = d[c]
        lo = row[0]
        hi = row[0]
        for p in range(n_items):
            lo = min(lo, row[p])
            hi = max(hi, row[p])
        if not hi > lo:  # constant: one bin
            bins[c, :] = 0
            entropy[c] = 0.0
            continue
        scale = nbins / (hi - lo)
        counts = np.zeros(nbins, np.int64)
        for p in range(n_items):
            b = np.int32(min((row[p] - lo) * scale, nbins - 1))
            bins[c, p] = b
            counts[b] += 1
        acc = 0.0
        for b in range(nbins):
            if counts[b] > 0:
                acc += counts[b] * np.log2(counts[b])
        entropy[c] = log_n - acc / n_items


_EXPONENT_MASK = {4: np.int32(0x7F800000), 8: np.int64(0x7FF0000000000000)}
_INT_VIEW = {4: np.int32, 8: np.int64}


def rows_entropy(
    x: np.ndarray, nbins: int, lo: np.ndarray | None = None, hi: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Per-row histogram entropy of a C-contiguous float32/float64 (M, S) array.

    Returns (entropy (M,) float64 with NaN where ``bad``, bad (M,) bool: row not finite).
    Without lo/hi each row is binned over its own range.
    """
    width = x.dtype.itemsize
    m = x.shape[0]
    own = lo is None
    if own:
        lo = hi = np.zeros(1, x.dtype)
    out = np.empty(m, np.float64)
    bad = np.empty(m, np.bool_)
    map_entropies(  # type: ignore[call-arg]
        x,
        x.view(_INT_VIEW[width]),
        _EXPONENT_MASK[width],
        np.ascontiguousarray(lo, dtype=x.dtype),
        np.ascontiguousarray(hi, dtype=x.dtype),
        own,
        nbins,
        x.dtype.type(nbins),
        np.empty(0, np.uint8 if nbins <= 256 else np.int32),
        *_SCALE_GUARDS[width],
        out,
        bad,
    )
    return out, bad


def _guards(dtype: type) -> tuple:
    """(tiny, big, boost) of map_entropies for float dtype: ranges below 2**-(e/2) and
    values past half the largest float are rescaled (e: the exponent span of the type)."""
    info = np.finfo(dtype)
    half = (info.maxexp - 1) // 2 + 10  # 2**half * 2**16 bins stays finite
    return dtype(2.0**-half), dtype(info.max / 2), dtype(2.0**half)


_SCALE_GUARDS = {4: _guards(np.float32), 8: _guards(np.float64)}
