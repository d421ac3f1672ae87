"""Compiled kernels of the inter-sample entropy (numba, parallel over the available cores).

Every all-pairs term costs an exponential, and the entropy a logarithm, in float64: torch's
float64 exp runs at 1.5-5 ns per value here and numba has no vector math library (SVML) to
call. ``exp_neg`` and ``log_pos`` are written out (range reduction and a polynomial, within
about 1 ulp of numpy) so that the loops that call them vectorise (AVX-512: 8 values at a
time, about 0.4 ns per value per core). The loops fuse what would otherwise be separate
passes over distance blocks: Gram product to distances, the sums of the sigma solve, and
S log S of the entropy. The kNN search scans bounds and computes exact distances in one pass.

Compiled on first use and cached on disk (``cache=True``); imported inside functions only.
"""

from __future__ import annotations

import math

import numpy as np
from llvmlite import ir
from numba import njit, prange, types
from numba.extending import intrinsic, overload

# FMA contraction and reassociation (vectorised sums); no assumption that values are finite,
# as infinite rates (duplicate points) pass through exp_neg.
_FAST = {"contract", "reassoc", "nsz"}
_LN2_HI = 6.93147180369123816490e-01  # ln 2 split: k * _LN2_HI is exact for |k| < 2**20
_LN2_LO = 1.90821492927058770002e-10
_LOG2E = 1.4426950408889634
_SQRT2 = 1.4142135623730951


@intrinsic
def _bits_to_float(typingctx, bits):
    if bits != types.int64:
        return None

    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.DoubleType())

    return types.float64(types.int64), codegen


@intrinsic
def _float_to_bits(typingctx, value):
    if value != types.float64:
        return None

    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.IntType(64))

    return types.int64(types.float64), codegen


@intrinsic
def _trailing_zeros(typingctx, bits):
    if bits != types.uint64:
        return None

    def codegen(context, builder, signature, args):
        return builder.cttz(args[0], ir.Constant(ir.IntType(1), 0))

    return types.uint64(types.uint64), codegen


@njit(fastmath=_FAST, error_model="numpy", inline="always", cache=True)
def exp_neg(x):  # pragma: no cover
    """exp(x) for x <= 0 (NaN-free): 2**k * exp(r), |r| <= ln(2)/2, degree-13 Taylor; 0 below -708."""
    y = max(x, -708.0)
    k = math.floor(y * _LOG2E + 0.5)
    r = (y - k * _LN2_HI) - k * _LN2_LO
    p = 1.0 / 6227020800.0
    p = p * r + 1.0 / 479001600.0
    p = p * r + 1.0 / 39916800.0
    p = p * r + 1.0 / 3628800.0
    p = p * r + 1.0 / 362880.0
    p = p * r + 1.0 / 40320.0
    p = p * r + 1.0 / 5040.0
    p = p * r + 1.0 / 720.0
    p = p * r + 1.0 / 120.0
    p = p * r + 1.0 / 24.0
    p = p * r + 1.0 / 6.0
    p = p * r + 0.5
    p = p * r + 1.0
    p = p * r + 1.0
    scaled = p * _bits_to_float((np.int64(k) + 1023) << 52)
    return scaled if x >= -708.0 else 0.0


@njit(fastmath=_FAST, error_model="numpy", inline="always", cache=True)
def log_pos(x):  # pragma: no cover
    """ln(x) for normal x > 0: x = 2**e * m, m in [sqrt(1/2), sqrt(2)), 2 atanh((m-1)/(m+1))."""
    bits = _float_to_bits(x)
    e = (bits >> 52) - 1023
    m = _bits_to_float((bits & 0x000FFFFFFFFFFFFF) | 0x3FF0000000000000)
    big = m > _SQRT2
    m = m * 0.5 if big else m
    e = e + 1 if big else e
    f = (m - 1.0) / (m + 1.0)
    s = f * f
    p = 1.0 / 23.0
    p = p * s + 1.0 / 21.0
    p = p * s + 1.0 / 19.0
    p = p * s + 1.0 / 17.0
    p = p * s + 1.0 / 15.0
    p = p * s + 1.0 / 13.0
    p = p * s + 1.0 / 11.0
    p = p * s + 1.0 / 9.0
    p = p * s + 1.0 / 7.0
    p = p * s + 1.0 / 5.0
    p = p * s + 1.0 / 3.0
    p = p * s + 1.0
    return e * _LN2_HI + (2.0 * f * p + e * _LN2_LO)


@njit(fastmath=_FAST, error_model="numpy", inline="always", cache=True)
def _cond_p(d, rate, weight):  # pragma: no cover
    """P_j|i = exp(-d rate), or ``weight`` at d = 0 (also when rate = inf: duplicates)."""
    e = exp_neg(-d * rate)  # evaluated always (NaN for 0 * inf, then not used): no branch
    return weight if d == 0.0 else e


@njit(fastmath=_FAST, error_model="numpy", inline="always", cache=True)
def _sqdist(x, i, j):  # pragma: no cover
    """||x_i - x_j||^2 from differences in float64: exact 0 for equal rows, symmetric in i, j."""
    acc = 0.0
    for t in range(x.shape[1]):
        diff = np.float64(x[i, t]) - np.float64(x[j, t])
        acc += diff * diff
    return acc


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
                if out[r, c] * out[r, c] <= tol * (si + sq[j]) and _sqdist(x, i, j) == 0.0:
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
            out[i, j] = math.sqrt(_sqdist(x, i, idx[i, j]))


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
