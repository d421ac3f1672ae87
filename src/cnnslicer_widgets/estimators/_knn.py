"""Euclidean distances and k-nearest-neighbour search for the inter-sample entropy.

All pairs: float64 Gram blocks (numpy's BLAS on the CPU, torch on a GPU), turned into
distances by a compiled kernel that also gives equal points a distance of exactly 0.

Exact kNN without the full N x N x D product: the points are projected on about 96
principal directions (found from a subsample) and the norm of what the projection leaves
out is appended, z_i = (V^T x_i, ||x_i - V V^T x_i||), so that ||z_i - z_j|| <= ||x_i - x_j||.
The float32 Gram of z (N x N x 97, ~7x fewer operations on MNIST pixels) gives lower
bounds, widened by a rigorous float32 rounding bound; exact distances (from differences)
are computed only for the points whose bound can beat the k-th neighbour. The result is
the exact kNN (ties by index), whatever the data; a row whose bounds prune poorly falls
back to bounds from the points themselves (the plain float32 search, widened the same
way). On the CPU each thread takes a tile of rows at a time, multiplies it by all bound
points and scans the product while it is in cache (the N x N bounds never exist at
once); on a GPU the bounds come in large blocks. pynndescent does approximate search with
umap's parameters.

Integer-valued points (image pixels as stored, e.g. uint8 MNIST) keep exact arithmetic:
for all pairs they are shifted by an integer per column (round of the mean) and kept as
integers, so that every product and partial sum of their Gram matrix is an integer, exact
in float32 while below 2**24, and the products run in float32 (twice float64's speed) with
no rounding at all, over column blocks small enough for that bound (``IntegerPoints``);
the exact kNN distances of such points are summed in integers from a 1-byte copy (values
spanning <= 255 per column, e.g. the pixels themselves: 6.7 MB for 10,000 MNIST digits,
which stays in cache) or a 2-byte one.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any

import numpy as np

from cnnslicer_widgets.estimators._inputs import device_type

_BLOCK_ELEMENTS = 2**21  # one (rows x N) float64 block: 16 MiB (reused by malloc, unlike >32 MiB)
_BOUND_BLOCK_ELEMENTS = 2**27  # one (rows x N) float32 block of bounds: 512 MiB (few blocks:
# OpenBLAS threads spin ~0.1 s after each product, slowing the compiled scan that follows)
_BOUND_DIMS = 96  # principal directions of the lower bounds (80-112: all within 5% on MNIST)
_TILE_ELEMENTS = 2**20  # one thread's tile of float32 bounds: 4 MiB (stays in cache)
_BLAS_CONTROLLER = None  # threadpoolctl's view of the BLAS libraries, made on first use
_BASIS_SAMPLE = 1024  # points the directions are estimated from
_UNIT32 = 2.0**-24  # float32 unit roundoff
_EXACT32 = 2.0**24  # float32 holds every integer of magnitude up to this exactly
_NUMPY_ON_CPU = True  # tests set False to run the torch (GPU) code path on the CPU


def block_rows(n_cols: int, budget: int = _BLOCK_ELEMENTS) -> int:
    """Rows per block so that a (rows x n_cols) block holds about ``budget`` elements."""
    return max(1, min(n_cols, budget // max(1, n_cols)))


@contextlib.contextmanager
def dynamic_schedule(rows: int = 4) -> Iterator[None]:
    """Compiled loops hand out ``rows`` at a time to whichever thread is free (numba's
    default splits them evenly up front: on a busy machine, a descheduled thread then holds
    up the whole loop; measured 1.75 s -> 1.43 s for all pairs of 10,000 at load 4)."""
    import numba

    with numba.parallel_chunksize(rows):
        yield


@contextlib.contextmanager
def ieee_float32() -> Iterator[None]:
    """float32 products in full float32 (no TF32 / bfloat16), which the error bounds assume
    (nothing to set when torch is not imported: numpy's products are IEEE float32)."""
    if "torch" not in sys.modules:
        yield
        return
    import torch

    before = torch.get_float32_matmul_precision()
    torch.set_float32_matmul_precision("highest")
    try:
        yield
    finally:
        torch.set_float32_matmul_precision(before)


class Rows:
    """A matrix on a compute device whose Gram blocks come back as numpy arrays.

    On the CPU the products run in numpy's BLAS (OpenBLAS: its float32 products measured
    ~1.4-1.8x faster than torch's MKL on this AMD CPU); elsewhere in torch on the device.
    """

    def __init__(self, a: np.ndarray, device: Any, dtype: Any):
        self.device = device
        self.numpy = device_type(device) == "cpu" and _NUMPY_ON_CPU
        self.a: Any
        if self.numpy:
            self.a = np.ascontiguousarray(a, dtype=dtype)
        else:
            import torch

            dtype = getattr(torch, np.dtype(dtype).name)
            self.a = torch.as_tensor(a, dtype=dtype, device=self.device)

    def gram(self, rows: Any, cols: Any = slice(None)) -> np.ndarray:
        """a[rows] @ a[cols].T, C-contiguous numpy (rows: a slice or an index array)."""
        if self.numpy:
            return np.matmul(self.a[rows], self.a[cols].T)
        import torch

        if isinstance(rows, np.ndarray):
            rows = torch.as_tensor(rows, device=self.device)
        return np.ascontiguousarray((self.a[rows] @ self.a[cols].T).cpu().numpy())


class Points:
    """Points for blocked distances: float64 products, or float32 ones if asked
    (``dtype``; rounding of ~1e-7 relative in the distances); float64 distances."""

    def __init__(self, x: np.ndarray, device: Any, dtype: Any = np.float64):
        self.x64 = np.ascontiguousarray(x, dtype=np.float64)
        self.rows = Rows(self.x64, device, dtype)
        xd = self.x64 if np.dtype(dtype) == np.float64 else self.x64.astype(dtype)
        self.sq = np.einsum("ij,ij->i", xd, xd, dtype=np.float64)  # of the points multiplied
        self.n, dim = x.shape
        # Gram and norms each round by <= dim * u * |x|^2: a smaller d^2 may be a duplicate
        unit = 2.0**-53 if np.dtype(dtype) == np.float64 else _UNIT32
        self.tol = (4 * dim + 16) * unit

    def distances(self, rows: slice, cols: slice = slice(None)) -> np.ndarray:
        """(rows x cols) Euclidean distances; exactly 0 on the diagonal and between equal points."""
        return self.to_distances(self.gram(rows, cols), rows, cols)

    def gram(self, rows: Any, cols: Any = slice(None)) -> np.ndarray:
        """x[rows] @ x[cols].T (in the products' dtype)."""
        return self.rows.gram(rows, cols)

    def to_distances(self, g: np.ndarray, rows: slice, cols: slice = slice(None)) -> np.ndarray:
        """float64 distances from the Gram block g of (rows, cols) (in place if g is float64)."""
        from cnnslicer_widgets.estimators._inter_kernels import gram_to_distances

        out = g if g.dtype == np.float64 else np.empty(g.shape)
        gram_to_distances(g, self.x64, self.sq, rows.start or 0, cols.start or 0, self.tol, out)
        return out


class IntegerPoints:
    """Integer-valued points whose Gram blocks are exact: float32 products over column
    blocks in which no row's squared norm reaches 2**24 (by Cauchy-Schwarz, every product
    and partial sum of a block's Gram is then an integer of magnitude below 2**24, which
    float32 holds exactly, in whatever order the BLAS adds them); several blocks' Grams
    are added in float64, also exactly. Distances from them are exact but for one sqrt.
    """

    def __init__(self, y: np.ndarray, device: Any, limit: float = _EXACT32):
        blocks = exact_column_blocks(y, limit)
        if blocks is None:
            raise ValueError("values too large for exact float32 products")
        self.blocks = [Rows(y[:, b], device, np.float32) for b in blocks]
        self.sq = np.einsum("ij,ij->i", y, y, dtype=np.float64)
        self.n = len(y)

    def gram(self, rows: Any, cols: Any = slice(None)) -> np.ndarray:
        """y[rows] @ y[cols].T: exact; float32 for one column block, else float64."""
        g = self.blocks[0].gram(rows, cols)
        if len(self.blocks) > 1:
            g = g.astype(np.float64)
            for block in self.blocks[1:]:
                g += block.gram(rows, cols)
        return g

    def to_distances(self, g: np.ndarray, rows: slice, cols: slice = slice(None)) -> np.ndarray:
        """float64 distances from the exact Gram block g (in place if g is float64)."""
        from cnnslicer_widgets.estimators._inter_kernels import exact_gram_to_distances

        out = g if g.dtype == np.float64 else np.empty(g.shape)
        exact_gram_to_distances(g, self.sq, rows.start or 0, cols.start or 0, out)
        return out

    def distances(self, rows: slice, cols: slice = slice(None)) -> np.ndarray:
        """(rows x cols) Euclidean distances; exactly 0 on the diagonal and between equal points."""
        return self.to_distances(self.gram(rows, cols), rows, cols)


def integer_valued(x: np.ndarray) -> bool:
    """Whether every value of x is an integer that float64 holds exactly (for floats:
    below 2**24 in magnitude, as pixels and counts are; a float such as 1e19 is an
    integer too, but of data at that scale, to be normalised, not summed exactly).

    Checks the first row before the whole array (floats).
    """
    if x.dtype == np.bool_ or (x.dtype.kind in "iu" and x.dtype.itemsize <= 4):
        return True
    if x.dtype.kind in "iu":  # 64-bit integers: float64 rounds those from 2**53
        return bool(np.abs(x).max(initial=0) < 2**52)
    if x.dtype.kind == "f":
        return (np.array_equal(x[0], np.rint(x[0])) and np.array_equal(x, np.rint(x))
                and bool(np.abs(x).max(initial=0) < 2**24))
    return False


def integer_points(x: np.ndarray) -> np.ndarray | None:
    """x shifted by an integer per column, as float32 integers, if all of x are integers.

    None for non-integer values, or where the shifted values reach 2**12 (their squares
    would not be exact float32 products), or 64-bit integers that float64 would round.
    """
    if x.dtype == np.bool_:
        x = x.view(np.uint8)
    if not integer_valued(x):
        return None
    offset = np.rint(x.mean(axis=0, dtype=np.float64))
    y = x - offset
    if np.abs(y).max(initial=0.0) >= 2**12:
        return None
    return np.ascontiguousarray(y, dtype=np.float32)


def exact_column_blocks(y: np.ndarray, limit: float = _EXACT32) -> list[slice] | None:
    """Equal column blocks of y in each of which every row's squared norm is below ``limit``.

    One block when the whole rows qualify (10,000 MNIST digits: largest 8.1e6 < 1.7e7);
    else blocks half as wide, and so on. None if a single column does not qualify.
    """
    dim = y.shape[1]
    width = dim
    while width >= 1:
        blocks = [slice(s, min(dim, s + width)) for s in range(0, dim, width)]
        norms = [np.einsum("ij,ij->i", y[:, b], y[:, b], dtype=np.float64) for b in blocks]
        if all(sq.max() < limit for sq in norms):
            return blocks
        width = width // 2 if width > 1 else 0
    return None


def _orthonormal(a: np.ndarray) -> np.ndarray:
    """Orthonormal columns spanning a's (numerically nonzero) column space; twice for accuracy."""
    for _ in range(2):
        if a.shape[1] == 0:
            break
        w, v = np.linalg.eigh(a.T @ a)
        keep = w > w[-1] * 1e-10
        a = (a @ v[:, keep]) / np.sqrt(w[keep])
    return a


def bound_points(x: np.ndarray, dims: int = _BOUND_DIMS, threads: int = 1) -> np.ndarray:
    """z with ||z_i - z_j|| <= ||x_i - x_j||: top principal coordinates and residual norm.

    The directions come from two steps of subspace iteration on a subsample. z is float64:
    its rounding (<= ~2e-7 (|x_i|^2 + |x_j|^2) in the squared bound, where the residual
    norm is near 0) is far inside the float32 margin of _Bounds (~3e-5 of the same). Returns
    x itself when it has few dims (or the basis is not orthonormal to 1e-12). ``threads``:
    rows projected in that many parts at once (for single-threaded BLAS).
    """
    n, dim = x.shape
    if dim <= dims + 32:
        return x
    sample = x[:: max(1, n // _BASIS_SAMPLE)]
    basis = np.random.default_rng(0).standard_normal((dim, dims))
    for _ in range(2):
        basis = _orthonormal(sample.T @ (sample @ basis))
    if np.abs(basis.T @ basis - np.eye(basis.shape[1])).max(initial=0.0) > 1e-12:
        return x
    z = np.empty((n, basis.shape[1] + 1))

    def project(rows: slice) -> None:
        y = np.matmul(x[rows], basis, out=z[rows, :-1])
        rest = np.einsum("ij,ij->i", x[rows], x[rows]) - np.einsum("ij,ij->i", y, y)
        z[rows, -1] = np.sqrt(np.maximum(rest, 0.0))

    _in_threads(project, n, threads)
    return z


def _in_threads(fn: Any, n: int, threads: int) -> None:
    """fn(rows) over ``threads`` equal row slices of range(n), one thread each."""
    import concurrent.futures

    step = -(-n // max(1, threads))
    parts = [slice(s, min(n, s + step)) for s in range(0, n, step)]
    if len(parts) <= 1:
        for rows in parts:
            fn(rows)
        return
    with concurrent.futures.ThreadPoolExecutor(len(parts)) as pool:
        for done in [pool.submit(fn, rows) for rows in parts]:
            done.result()


class _Bounds:
    """float32 Gram rows of bound points z, with their scaled squared norms (``scaled_norms``)."""

    def __init__(self, z: np.ndarray, device: Any):
        self.z = Rows(z, device, np.float32)
        self.zqr, self.zqf = scaled_norms(z)

    def knn(self, x: np.ndarray, points: np.ndarray, k: int, cap: int) -> tuple:
        from cnnslicer_widgets.estimators._knn_kernels import bounded_knn

        g = self.z.gram(points)
        idx = np.empty((len(points), k), np.int64)
        d2 = np.empty((len(points), k))
        ok = np.empty(len(points), np.bool_)
        bounded_knn(g, self.zqf, self.zqr, x, points, k, cap, idx, d2, ok)
        return idx, d2, ok


def knn_blocks(n: int, dim: int, device: Any = "cpu", k: int = 1) -> int:
    """Row blocks (progress steps) of knn_exact for n points of ``dim`` dimensions."""
    if many_neighbours(n, k):
        return -(-n // block_rows(n))
    if _tiled(device, dim):
        return -(-n // tile_rows(n))
    return -(-n // block_rows(n, _BOUND_BLOCK_ELEMENTS))


def exact_cap(n: int, k: int) -> int:
    """Exact distances a row may need before it falls back to the plain float32 search.

    Each costs ~D operations on scattered memory (~0.3 us at D = 784); past ~N/16 of them
    a plain Gram row (N x D in a matrix product) is cheaper.
    """
    return min(n, max(2 * k + 16, n // 16))


def tile_rows(n: int) -> int:
    """Rows of bounds one thread computes and scans at a time: ~4 MiB of float32."""
    return max(16, min(256, _TILE_ELEMENTS // max(1, n)))


def _tiled(device: Any, dim: int) -> bool:
    """Whether knn_exact runs as tiles on CPU threads (numpy's BLAS) rather than blocks:
    on the CPU, for points of more dims than their bound points have."""
    return device_type(device) == "cpu" and _NUMPY_ON_CPU and dim > _BOUND_DIMS + 32


def exact_copy(x: np.ndarray, integers: bool) -> np.ndarray:
    """The points as the kNN search sums their exact distances from: 1 byte per value
    for integers spanning at most 255 per column (image pixels; shifted per column, which
    leaves distances unchanged), else 2 bytes, else float64."""
    if x.dtype == np.bool_:
        x = x.view(np.uint8)
    if integers:
        if x.dtype == np.uint8:
            return np.ascontiguousarray(x)
        low = x.min(axis=0)
        if (x.max(axis=0) - low.astype(np.float64)).max(initial=0.0) <= 255:
            return np.subtract(x, low, dtype=np.float64).astype(np.uint8)
        low = np.rint(x.mean(axis=0, dtype=np.float64))
        if np.abs(x - low).max(initial=0.0) < 2**15:
            return np.subtract(x, low, dtype=np.float64).astype(np.int16)
    return np.ascontiguousarray(x, dtype=np.float64)


def many_neighbours(n: int, k: int) -> bool:
    """Whether knn_exact takes whole rows of distances (``knn_rows``): for k of a quarter of
    N or more, or above 512, where the bounds leave too many candidates per row to pay
    (MNIST, k = 1,229 of 5,000: 124 s with the bounds, a few with whole rows)."""
    return 4 * k >= n or k > 512


def knn_rows(
    x: np.ndarray, k: int, *, device: Any, bar: Any, integers: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """knn_exact from whole rows of exact distances (for many neighbours): each row block's
    distances (the all-pairs products, ``Points`` / ``IntegerPoints``), the k smallest by
    partition, ties at the k-th distance resolved by index, then sorted."""
    n = len(x)
    y = integer_points(x) if integers else None
    pts = IntegerPoints(y, device) if y is not None else Points(x, device)
    idx = np.empty((n, k), np.int64)
    dist = np.empty((n, k))
    step = block_rows(n)
    for s in range(0, n, step):
        rows = slice(s, min(n, s + step))
        d = pts.distances(rows)
        d[np.arange(d.shape[0]), np.arange(rows.start, rows.stop)] = np.inf
        kth = np.partition(d, k - 1, axis=1)[:, k - 1 : k]
        less = d < kth
        ties = d == kth
        room = k - less.sum(axis=1, keepdims=True)
        keep = less | (ties & (np.cumsum(ties, axis=1) <= room))
        cols = np.nonzero(keep)[1].reshape(-1, k)  # by index within each row
        dd = np.take_along_axis(d, cols, axis=1)
        order = np.lexsort((cols, dd), axis=-1)
        idx[rows] = np.take_along_axis(cols, order, axis=1)
        dist[rows] = np.take_along_axis(dd, order, axis=1)
        bar.update(1)
    return idx, dist


def knn_exact(
    x: np.ndarray, k: int, *, device: Any, bar: Any, integers: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """Exact k nearest neighbours (self excluded, ties by index): indices and float64 distances.

    ``integers``: x holds integers (any dtype, e.g. the uint8 pixels themselves); the
    exact distances are then summed from a 1- or 2-byte copy (``exact_copy``; exact:
    integer squares and sums) and the bounds come from x centred in float64. For many
    neighbours (``many_neighbours``) whole rows of distances instead (``knn_rows``).
    """
    n = len(x)
    if many_neighbours(n, k):
        return knn_rows(x, k, device=device, bar=bar, integers=integers)
    exact = exact_copy(x, integers)
    tiled = _tiled(device, x.shape[1])
    threads = _workers() if tiled else 1
    if integers:
        mean = x.mean(axis=0, dtype=np.float64)
        centred = np.empty(x.shape)
        _in_threads(lambda rows: np.subtract(x[rows], mean, out=centred[rows]), n, threads)
        x = centred
    x = np.ascontiguousarray(x, dtype=np.float64)
    # tiles: every BLAS call on one thread, these too (a multi-threaded product here
    # leaves OpenBLAS's threads spinning through the tiles: 0.29 -> 0.25 s at 10,000)
    with _single_threaded_blas() if tiled else contextlib.nullcontext():
        z = bound_points(x, threads=threads)
    idx = np.empty((n, k), np.int64)
    d2 = np.empty((n, k))
    ok = np.zeros(n, np.bool_)
    cap = n if z is x else exact_cap(n, k)
    with ieee_float32(), dynamic_schedule():
        if tiled and z is not x:
            # a row's candidates cost ~70 ns each there: up to ~N/4 of them beat a Gram row
            _knn_tiles(z, exact, k, min(n, 4 * cap), idx, d2, ok, bar)
        else:
            bounds = _Bounds(z, device)
            step = block_rows(n, _BOUND_BLOCK_ELEMENTS)
            for s in range(0, n, step):
                rows = np.arange(s, min(n, s + step))
                idx[rows], d2[rows], ok[rows] = bounds.knn(exact, rows, k, cap)
                bar.update(1)
        if not ok.all():
            plain = _Bounds(x, device)
            fail = np.flatnonzero(~ok)
            step = block_rows(n, _BOUND_BLOCK_ELEMENTS)
            for s in range(0, len(fail), step):
                rows = fail[s : s + step]
                idx[rows], d2[rows], ok[rows] = plain.knn(exact, rows, k, n)
    if not ok.all():  # cannot happen: the k bound-nearest always qualify
        raise RuntimeError("exact kNN search left rows unresolved; please report this")
    return idx, np.sqrt(d2)


def _knn_tiles(z, exact, k, cap, idx, d2, ok, bar) -> None:
    """knn_exact's bounded search on the CPU, one tile of rows per thread at a time.

    Each thread multiplies its tile of bound points by all of them (single-threaded BLAS:
    no hand-offs between BLAS and numba threads, which spin after each call) and scans the
    product while it is still in cache (``scan_bound_tile``): the N x N bounds are never
    held in memory (10,000 MNIST digits: 0.38 -> 0.21 s; they were 400 MB).
    """
    import concurrent.futures
    import threading

    from cnnslicer_widgets.estimators._knn_kernels import scan_bound_tile

    n = len(z)
    z32 = np.ascontiguousarray(z, dtype=np.float32)
    zqr, zqf = scaled_norms(z)
    step = tile_rows(n)
    starts = iter(range(0, n, step))
    lock = threading.Lock()

    def work() -> None:
        g = np.empty((step, n), np.float32)
        lows = np.empty(-(-n // 32), np.float32)
        hv, sv = np.empty(k), np.empty(k)
        hj, sj = np.empty(k, np.int64), np.empty(k, np.int64)
        cj, cw = np.empty(cap, np.int64), np.empty(cap)
        while True:
            with lock:
                s = next(starts, None)
            if s is None:
                return
            e = min(n, s + step)
            np.matmul(z32[s:e], z32.T, out=g[: e - s])
            rows = slice(s, e)
            scan_bound_tile(
                g[: e - s], zqf, zqr, exact, s, k, idx[rows], d2[rows], ok[rows],
                lows, hv, hj, sv, sj, cj, cw,
            )
            with lock:
                bar.update(1)

    workers = max(1, min(_workers(), -(-n // step)))
    with _single_threaded_blas(), concurrent.futures.ThreadPoolExecutor(workers) as pool:
        for done in [pool.submit(work) for _ in range(workers)]:
            done.result()


def _workers() -> int:
    """Threads for the tiles: as many as numba would use."""
    import numba

    return numba.get_num_threads()


def scaled_norms(z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """c |z_i|^2 in float64 and rounded to float32, c = 1 - eps - 8u for ``dims``-D z:
    c (|z_i|^2 + |z_j|^2) - 2 g_ij <= ||z_i - z_j||^2 <= ||x_i - x_j||^2 for the float32
    Gram g (|fl32(z_i . z_j) - z_i . z_j| <= (m + 2) u (|z_i|^2 + |z_j|^2) / 2 for m dims;
    eps twice that), also where the scan evaluates it in float32 (c |z_j|^2 rounded to
    float32, then minus 2 g: relative rounding <= 3u in units of |z_i|^2 + |z_j|^2) and
    float64 (8u covers both)."""
    c = 1.0 - 2 * (z.shape[1] + 6) * _UNIT32 - 8 * _UNIT32
    zqr = c * np.einsum("ij,ij->i", z, z)
    return zqr, zqr.astype(np.float32)


@contextlib.contextmanager
def _single_threaded_blas() -> Iterator[None]:
    """numpy's BLAS on one thread per call (threadpoolctl), for calls from several threads."""
    global _BLAS_CONTROLLER
    if _BLAS_CONTROLLER is None:
        from threadpoolctl import ThreadpoolController

        _BLAS_CONTROLLER = ThreadpoolController()
    with _BLAS_CONTROLLER.limit(limits=1, user_api="blas"):
        yield


def refine(x: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """Distances ||x_i - x_idx[i, j]|| from differences, summed in float64 (exact 0 for duplicates)."""
    from cnnslicer_widgets.estimators._knn_kernels import neighbour_distances

    out = np.empty(idx.shape, np.float64)
    neighbour_distances(np.ascontiguousarray(x), np.ascontiguousarray(idx), out)
    return out


def nndescent_params(n: int) -> dict[str, Any]:
    """umap-learn's choices for its NN-descent (umap.umap_.nearest_neighbors)."""
    return {
        "n_trees": min(64, 5 + int(round(np.sqrt(n) / 20.0))),
        "n_iters": max(5, int(round(np.log2(n)))),
        "max_candidates": 60,
        "low_memory": True,
        "compressed": False,
    }


def nndescent_compiled() -> bool:
    """Whether pynndescent's numba code has already been compiled in this process."""
    import sys

    module = sys.modules.get("pynndescent.pynndescent_")
    kernel = getattr(module, "nn_descent", None)
    return bool(getattr(kernel, "signatures", None))


def knn_nndescent(
    x: np.ndarray, k: int, *, seed: int, exact: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Approximate k nearest neighbours with pynndescent (self excluded).

    The search runs in float32 (as in umap); the distances are recomputed from differences
    of ``exact`` (default x: the same points, e.g. as 1-byte pixels, which stay in cache),
    summed in float64.
    """
    from pynndescent import NNDescent

    index = NNDescent(
        np.asarray(x, dtype=np.float32),
        n_neighbors=k + 1,
        metric="euclidean",
        random_state=seed,
        verbose=False,
        **nndescent_params(len(x)),
    )
    nb, _ = index.neighbor_graph
    if (nb < 0).any():
        raise RuntimeError("pynndescent left some neighbours unfound; use method='exact'")
    is_self = nb == np.arange(len(nb))[:, None]
    order = np.argsort(is_self, axis=1, kind="stable")  # self (if found) moves last
    idx = np.take_along_axis(nb, order, axis=1)[:, :k].astype(np.int64)
    return idx, refine(x if exact is None else exact, idx)
