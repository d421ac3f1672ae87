"""Inter-sample entropy (Eq. 4-7): hand-computed cases, closed forms, real MNIST, errors."""

from __future__ import annotations

import math

import numpy as np
import pytest
import xarray as xr
from scipy.optimize import brentq
from scipy.spatial import cKDTree
from scipy.spatial.distance import cdist

from cnnslicer_widgets.estimators import _knn, inter_sample_entropy
from cnnslicer_widgets.estimators import inter as inter_module
from cnnslicer_widgets.estimators.inter import _points, choose_method, solve_rates


def points(x) -> xr.DataArray:
    x = np.asarray(x, dtype=np.float64)
    return xr.DataArray(x.reshape(len(x), -1), dims=("x", "feature"))


def entropy(x, **kw) -> float:
    return float(inter_sample_entropy(points(x), progress=False, **kw))


def dense_reference(x: np.ndarray, k: int) -> float:
    """Eq. 4-7 written out: full distance matrix, sigma_i by brentq, dense P."""
    d = cdist(x, x)
    n = len(x)
    target = math.log2(k)
    p_cond = np.zeros((n, n))
    for i in range(n):
        row = d[i].copy()
        row[i] = np.inf
        nb = np.argsort(row, kind="stable")[:k]
        di = d[i, nb]
        zeros = int((di == 0).sum())
        if zeros >= target:  # no sigma > 0 solves Eq. 5: the limit sigma -> 0
            p_cond[i, nb] = np.where(di == 0, target / zeros, 0.0)
            continue
        pos = di[di > 0]
        log_sigma = brentq(
            lambda u, di=di: np.exp(-di / np.exp(u)).sum() - target,
            math.log(pos.min()) - 10,
            math.log(pos.max()) + 10,
            xtol=1e-14,
        )
        p_cond[i, nb] = np.exp(-di / np.exp(log_sigma))
    joint = (p_cond + p_cond.T) / (2 * n)
    joint /= joint.sum()
    p = joint[joint > 0]
    return float(-(p * np.log2(p)).sum())


def dense_all_pairs(x: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
    """Eq. 4-7 with all pairs, written out: cdist, vectorised Newton for log sigma_i, dense P.

    Returns (H in bits, the distances, sigma). Newton on u = log sigma for
    log sum_j exp(-d_ij e^-u) = log log2(N-1), from the row's median distance, to 1e-13.
    """
    d = cdist(x, x)  # from differences, float64
    n = len(x)
    target = math.log2(n - 1)
    u = np.log(np.median(d, axis=1))
    for _ in range(100):
        t = np.exp(-u)[:, None]
        e = np.exp(-d * t)
        g = e.sum(1) - 1  # the diagonal: exp(0) = 1
        step = np.clip(np.log(g / target) * g / ((e * d * t).sum(1)), -1, 1)  # damped
        u -= step
        if np.abs(step).max() < 1e-13:
            break
    sigma = np.exp(u)
    p = np.exp(-d / sigma[:, None])
    np.fill_diagonal(p, 0)
    joint = (p + p.T) / (2 * p.sum())  # Eq. 6 and the normalisation in one
    q = joint[~np.eye(n, dtype=bool)]
    return float(-(q * np.log2(q)).sum()), d, sigma


def test_hand_computed_four_points_on_a_line():
    # points 0, 1, 3, 7 and k = 2; log2(k) = 1, so each sigma solves e^(-a/s) + e^(-b/s) = 1
    # for the distances a < b to the two nearest neighbours. With u = e^(-1/s):
    #   point 0: neighbours 1 (d=1), 3 (d=3):  u + u^3 = 1
    #   point 1: neighbours 0 (d=1), 3 (d=2):  u + u^2 = 1  (u = golden ratio - 1)
    #   point 3: neighbours 1 (d=2), 0 (d=3):  u^2 + u^3 = 1
    #   point 7: neighbours 3 (d=4), 1 (d=6):  the distances of point 3 doubled: same P
    u0 = np.roots([1, 0, 1, -1]).real[np.isreal(np.roots([1, 0, 1, -1]))][0]
    u1 = (math.sqrt(5) - 1) / 2
    u3 = np.roots([1, 1, 0, -1]).real[np.isreal(np.roots([1, 1, 0, -1]))][0]
    assert u0 == pytest.approx(0.6823278038280193) and u3 == pytest.approx(0.7548776662466927)
    cond = np.zeros((4, 4))  # P_j|i, rows i
    cond[0, [1, 2]] = u0, u0**3
    cond[1, [0, 2]] = u1, u1**2
    cond[2, [1, 0]] = u3**2, u3**3
    cond[3, [2, 1]] = u3**2, u3**3
    joint = (cond + cond.T) / (2 * 4)  # Eq. 6; each row of cond sums to log2(k) = 1,
    assert joint.sum() == pytest.approx(1.0)  # so the total is already 2 * 4 * 1 / 8 = 1
    p = joint[joint > 0]
    expected = -(p * np.log2(p)).sum()
    assert expected == pytest.approx(3.218620820146922)
    assert entropy([0.0, 1.0, 3.0, 7.0], k=2) == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("n", [3, 5, 12])
def test_regular_simplex_gives_log2_of_the_ordered_pair_count(n):
    # all distances equal -> the same sigma -> the same P_j|i for every i != j, so P is
    # uniform over the N(N-1) ordered pairs (Eq. 7 sums P_ij and P_ji separately)
    simplex = np.eye(n) * 3.7
    assert entropy(simplex) == pytest.approx(math.log2(n * (n - 1)), abs=1e-12)
    same = np.ones((n, 4))  # identical points: all distances 0 (the limit of a simplex)
    assert entropy(same) == pytest.approx(math.log2(n * (n - 1)), abs=1e-12)


@pytest.mark.parametrize("k", [2, 7, 39])
def test_matches_a_dense_brentq_implementation(k):
    x = np.random.default_rng(k).normal(size=(40, 5))
    assert entropy(x, k=k) == pytest.approx(dense_reference(x, k), abs=1e-9)


def test_invariant_to_scale_and_shift(mnist_100):
    images = mnist_100.isel(x=slice(0, 400)).astype(np.float64)
    for k in (None, 15):
        base = float(inter_sample_entropy(images, k=k, progress=False))
        for scale, shift in ((1e-6, 0.0), (1e6, 3.0), (1 / 255, -0.5)):
            moved = float(inter_sample_entropy(scale * images + shift, k=k, progress=False))
            assert moved == pytest.approx(base, abs=1e-9)


def test_duplicates_twins_and_triplets():
    rng = np.random.default_rng(3)
    base = rng.normal(size=(10, 6))
    # twins, k = 2: log2(k) = 1 = the one zero distance -> P = 1 for the twin, 0 otherwise;
    # only the 20 ordered twin pairs remain, equally weighted
    assert entropy(np.repeat(base, 2, axis=0), k=2) == pytest.approx(math.log2(20), abs=1e-12)
    # triplets, k = 2: two zeros > log2(2) -> each duplicate gets 1/2; 10 groups x 6 pairs
    assert entropy(np.repeat(base, 3, axis=0), k=2) == pytest.approx(math.log2(60), abs=1e-12)
    # a few duplicates among many neighbours: Eq. 5 still has a root, exp(0) = 1 for them
    few = np.vstack([base, base[:3]])
    for k in (5, 12):
        assert entropy(few, k=k) == pytest.approx(dense_reference(few, k), abs=1e-9)


def test_solve_rates_satisfies_eq5():
    rng = np.random.default_rng(0)
    d = np.abs(rng.standard_cauchy(size=(50, 30))) * 10.0 ** rng.uniform(-3, 3, size=(50, 1))
    d[:5, :2] = 0  # two duplicates: fewer than log2(30)
    rate, weight = solve_rates(d, math.log2(30))
    sums = np.exp(-d * rate[:, None]).sum(1)
    np.testing.assert_allclose(sums, math.log2(30), rtol=1e-12)
    assert (weight == 1).all()


def test_real_mnist_100_per_class_and_rising_with_300(mnist_100, mnist_300):
    h100 = float(inter_sample_entropy(mnist_100, progress=False))
    assert 19 < h100 < 20  # docs/estimators.md: about 19.7 bits; the paper reports 19.90
    assert h100 < math.log2(1000 * 999)  # below the equidistant maximum, 19.93
    h300 = float(inter_sample_entropy(mnist_300, progress=False))
    assert h300 > h100 + 2  # more (and more diverse) images: log2(N^2) grows by ~3.2 bits


def test_blocked_computation_equals_one_block(monkeypatch, mnist_100):
    images = mnist_100.isel(x=slice(0, 300))
    whole = {k: float(inter_sample_entropy(images, k=k, progress=False)) for k in (None, 10, 200)}
    monkeypatch.setattr(_knn, "_BLOCK_ELEMENTS", 4000)  # all pairs: 13 rows per block
    monkeypatch.setattr(_knn, "_BOUND_BLOCK_ELEMENTS", 4000)  # kNN: 13 rows per block
    monkeypatch.setattr(inter_module, "_CACHE_BYTES", 0)  # all pairs: recompute in pass 2
    for k, value in whole.items():
        assert float(inter_sample_entropy(images, k=k, progress=False)) == pytest.approx(
            value, abs=1e-10
        )


@pytest.mark.parametrize("n", [1000, 3000])
@pytest.mark.parametrize("scale", [1.0, 1 / 255])
def test_all_pairs_on_real_mnist_equals_a_dense_reference(monkeypatch, mnist_arrays, n, scale):
    # 1,000 and 3,000 real MNIST digits, all pairs, against cdist + numpy Newton + dense P.
    # scale 1: integer pixels, exact float32 products; 1/255: floats, float64 products
    made = []
    monkeypatch.setattr(_knn, "IntegerPoints", spy(_knn.IntegerPoints, made))
    x = mnist_arrays["x_train"][:n].reshape(n, -1).astype(np.float64) * scale
    expected, _, _ = dense_all_pairs(x)
    assert entropy(x) == pytest.approx(expected, abs=1e-9)
    assert len(made) == (scale == 1.0)


def spy(cls, made: list):
    """cls, recording each instance made (to see which code path ran)."""

    class Spy(cls):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(self)

    return Spy


def test_float32_products_on_request(mnist_arrays):
    # float data, all pairs: float32 products move the entropy by ~1e-8..1e-6 bits
    x = mnist_arrays["x_train"][:1000].reshape(1000, -1) / 255.0
    h64 = entropy(x)
    h32 = entropy(x, dtype="float32")
    assert 1e-12 < abs(h32 - h64) < 1e-5
    twins = np.vstack([x[:50], x[:50]])  # duplicates still at distance exactly 0
    assert entropy(twins, dtype="float32") == pytest.approx(entropy(twins), abs=1e-5)
    with pytest.raises(ValueError, match="dtype='float16' is not 'float64' or 'float32'"):
        entropy(x[:10], dtype="float16")


def test_integer_points_detects_exact_integers():
    ints = np.array([[0, 255, 7], [3, 1, 250]], np.uint8)
    y = _knn.integer_points(ints)
    assert y.dtype == np.float32 and (y == ints - np.rint(ints.mean(0))).all()
    assert _knn.integer_points(ints.astype(np.float32)) is not None  # integer-valued floats
    assert _knn.integer_points(ints / 255) is None  # not integers
    assert _knn.integer_points(np.array([[0], [2.0**13]])) is None  # squares too large
    assert _knn.integer_points(np.array([[True], [False]])) is not None


def test_gram_over_column_blocks_is_exact():
    # values in +-255 over 2,000 columns: row norms^2 up to ~4e7, beyond 2**24 = 1.7e7 in
    # one block; the blocks keep every partial sum below 2**24, so the Gram is exact
    rng = np.random.default_rng(0)
    y = rng.integers(-255, 256, size=(300, 2000)).astype(np.float32)
    exact = y.astype(np.int64) @ y.astype(np.int64).T
    pts = _knn.IntegerPoints(y, "cpu")
    assert len(pts.blocks) > 1
    assert (pts.gram(slice(None)) == exact).all()
    assert _knn.exact_column_blocks(y[:, :1], limit=1.0) is None  # no column fits
    one = _knn.IntegerPoints(y[:, :100], "cpu")  # one block: float32, also exact
    assert len(one.blocks) == 1 and one.gram(slice(0, 50)).dtype == np.float32
    y100 = y[:, :100].astype(np.int64)
    assert (one.gram(slice(0, 50)) == y100[:50] @ y100.T).all()
    # and equal rows (and i = j) are at distance exactly 0
    twins = np.vstack([y[:5, :100], y[:5, :100]])
    d = _knn.IntegerPoints(twins, "cpu").distances(slice(None))
    assert (np.diag(d) == 0).all() and (np.diag(d, 5) == 0).all()
    assert (d > 0).sum() == 100 - 10 - 10  # all other pairs apart


def test_integer_and_float_paths_agree_and_constant_columns_change_nothing(mnist_100):
    images = mnist_100.isel(x=slice(0, 400))
    for k in (None, 15):
        ints = float(inter_sample_entropy(images, k=k, progress=False))
        floats = float(inter_sample_entropy(images / 255 + 0.1, k=k, progress=False))
        assert ints == pytest.approx(floats, abs=1e-9)
        padded = xr.concat([images, xr.full_like(images.isel(w=slice(0, 3)), 9)], "w")
        assert float(inter_sample_entropy(padded, k=k, progress=False)) == ints


def test_all_pairs_mass_is_not_concentrated_on_near_neighbours(mnist_arrays):
    # Why all pairs are summed in full rather than truncated to the m nearest: with
    # sum_j exp(-d_ij / sigma_i) = log2(N-1) over all N-1 terms, sigma_i is large against
    # the spread of the distances (784-D: distances concentrate), so the far terms carry
    # most of the mass. On 1,000 real digits, the 256 nearest hold under half of a
    # typical row's mass and the 900 nearest still miss over 1e-3 of every row's.
    x = mnist_arrays["x_train"][:1000].reshape(1000, -1).astype(np.float64)
    _, d, sigma = dense_all_pairs(x)
    np.fill_diagonal(d, np.inf)
    terms = np.exp(-np.sort(d, axis=1)[:, :-1] / sigma[:, None])
    beyond = 1 - np.cumsum(terms, axis=1) / terms.sum(1, keepdims=True)
    assert np.median(beyond[:, 255]) > 0.5
    assert beyond[:, 899].min() > 1e-3


def test_float32_products_would_cost_about_1e7_bits(mnist_arrays):
    # The all-pairs distances stay float64: |a|^2 + |b|^2 - 2 a.b in float32 moves the
    # distances of 1,000 MNIST digits by up to ~1e-6 (relative), and the entropy by ~1e-7
    # bits, two orders above the 1e-9 the estimator keeps (test above)
    x = mnist_arrays["x_train"][:1000].reshape(1000, -1).astype(np.float64)
    h64, d64, _ = dense_all_pairs(x)
    xc = x - x.mean(0)
    xc /= np.sqrt((xc * xc).sum(1).mean())
    x32 = xc.astype(np.float32)
    sq = (x32 * x32).sum(1)
    d32 = np.sqrt(np.maximum(sq[:, None] + sq[None, :] - 2 * x32 @ x32.T, 0)).astype(np.float64)
    np.fill_diagonal(d32, 0)
    scale = np.sqrt(((x - x.mean(0)) ** 2).sum(1).mean())
    rel = np.abs(d32 * scale / np.where(d64 > 0, d64, 1) - 1)[d64 > 0]
    assert 1e-7 < rel.max() < 1e-5
    h32 = entropy_of_distances(d32)
    assert 1e-9 < abs(h32 - h64) < 1e-5


def entropy_of_distances(d: np.ndarray) -> float:
    """Eq. 4-7, all pairs, from a full distance matrix (zero diagonal), by brentq per row."""
    n = len(d)
    target = math.log2(n - 1)
    p = np.zeros_like(d)
    for i in range(n):
        row = np.delete(d[i], i)
        log_sigma = brentq(
            lambda u, row=row: np.exp(-row / np.exp(u)).sum() - target,
            math.log(row.min()) - 10,
            math.log(row.max()) + 10,
            xtol=1e-14,
        )
        p[i] = np.exp(-d[i] / np.exp(log_sigma))
        p[i, i] = 0
    joint = (p + p.T) / (2 * p.sum())
    q = joint[~np.eye(n, dtype=bool)]
    return float(-(q * np.log2(q)).sum())


@pytest.mark.parametrize("fallback", [False, True])
@pytest.mark.parametrize("integers", [False, True])
def test_exact_knn_equals_brute_force_on_real_mnist(monkeypatch, mnist_100, fallback, integers):
    # the bounded search against full float64 distances sorted by (distance, index);
    # fallback: rows with more than k candidates take the plain float32 search;
    # integers: the pixels themselves, exact distances summed from a 2-byte copy
    if fallback:
        monkeypatch.setattr(_knn, "exact_cap", lambda n, k: k)
    if integers:
        x = _knn.integer_points(mnist_100.values.reshape(len(mnist_100), -1))
    else:
        x = _points(mnist_100, "x")
    d = cdist(x, x)
    np.fill_diagonal(d, np.inf)
    for k in (1, 15, 100):
        idx, dist = _knn.knn_exact(x, k, device="cpu", bar=NoBar(), integers=integers)
        true = np.argsort(d, axis=1, kind="stable")[:, :k]
        # the same distance at every rank, and the reported distances are those of idx
        np.testing.assert_allclose(dist, np.take_along_axis(d, true, axis=1), rtol=1e-14)
        np.testing.assert_allclose(dist, np.take_along_axis(d, idx, axis=1), rtol=1e-14)
        # so the same points, but where two distances agree to the last bits (cdist sums in
        # another order, e.g. 1.0838724573465379 and ...384): there either may come first
        assert (idx != true).mean() < 1e-3


def test_exact_knn_where_projections_cannot_prune():
    # Gaussian noise in 400-D: no direction stands out, the bounds prune little and rows
    # fall back to the plain float32 search (widened by its rounding bound)
    x = np.random.default_rng(5).normal(size=(600, 400))
    idx, dist = _knn.knn_exact(x, 10, device="cpu", bar=NoBar())
    _, true = cKDTree(x).query(x, k=11)
    np.testing.assert_array_equal(idx, true[:, 1:])


def test_graph_entropy_equals_the_sparse_matrix_sum():
    # P + P^T of a kNN graph with one-sided and mutual edges, against scipy's sparse sum
    import scipy.sparse as sp

    from cnnslicer_widgets.estimators.inter import _entropy_knn_graph, solve_rates

    rng = np.random.default_rng(2)
    n, k = 300, 7
    idx = np.array([rng.choice(np.delete(np.arange(n), i), k, replace=False) for i in range(n)])
    idx[:50] = (np.arange(50)[:, None] + np.arange(1, k + 1)) % n  # many mutual pairs
    dist = rng.uniform(0.5, 2.0, size=(n, k))
    rate, _ = solve_rates(dist, math.log2(k))
    p = np.exp(-dist * rate[:, None])
    a = sp.csr_matrix((p.ravel(), (np.repeat(np.arange(n), k), idx.ravel())), shape=(n, n))
    s = (a + a.T).tocsr().data
    expected = math.log2(s.sum()) - (s * np.log2(s)).sum() / s.sum()
    assert _entropy_knn_graph(idx, dist) == pytest.approx(expected, abs=1e-12)


def test_refined_distances_from_pixels_equal_float64_ones(mnist_100):
    # pynndescent's neighbours get float64 distances from the 1-byte pixels: exact integers
    pixels = mnist_100.values.reshape(len(mnist_100), -1)
    idx = np.random.default_rng(0).integers(0, len(pixels), size=(len(pixels), 15))
    as_bytes = _knn.refine(np.ascontiguousarray(pixels), idx)
    as_floats = _knn.refine(pixels.astype(np.float64), idx)
    assert (as_bytes == as_floats).all()
    d = cdist(pixels.astype(np.float64), pixels.astype(np.float64))
    np.testing.assert_allclose(as_bytes, np.take_along_axis(d, idx, axis=1), rtol=1e-15)


def test_bound_points_give_lower_bounds(mnist_100):
    x = _points(mnist_100, "x")
    z = _knn.bound_points(x)
    assert z.shape == (len(x), _knn._BOUND_DIMS + 1)
    assert (cdist(z, z) <= cdist(x, x) * (1 + 1e-12)).all()
    assert np.median(cdist(z, z) / np.maximum(cdist(x, x), 1e-300)) > 0.9  # tight on MNIST


def test_float64_exp_and_log_kernels_match_numpy():
    from numba import njit

    from cnnslicer_widgets.estimators._numba_math import exp_neg, log_pos

    @njit
    def both(a, b, out_e, out_l):
        for i in range(len(a)):
            out_e[i] = exp_neg(a[i])
            out_l[i] = log_pos(b[i])

    rng = np.random.default_rng(0)
    a = np.concatenate([-rng.uniform(0, 720, 10**5), [0.0, -0.0, -708.0, -709.0, -np.inf]])
    b = np.exp(rng.uniform(-700, 700, len(a)))
    e, log = np.empty_like(a), np.empty_like(a)
    both(a, b, e, log)
    keep = a >= -708
    assert np.abs(e[keep] / np.exp(a[keep]) - 1).max() <= 4e-16  # about 1 ulp
    assert (e[~keep] == 0).all() and e[-5] == 1.0
    assert np.abs(log - np.log(b)).max() <= 4e-16 * np.abs(np.log(b)).max()


class NoBar:
    def update(self, n: int = 1) -> None:
        pass


def test_torch_code_path_gives_the_same_results(monkeypatch, mnist_100):
    # the products that run in torch on a GPU, here in torch on the CPU
    images = mnist_100.isel(x=slice(0, 300))
    numpy_path = [float(inter_sample_entropy(images, k=k, progress=False)) for k in (None, 15)]
    monkeypatch.setattr(_knn, "_NUMPY_ON_CPU", False)
    torch_path = [float(inter_sample_entropy(images, k=k, progress=False)) for k in (None, 15)]
    assert torch_path == pytest.approx(numpy_path, abs=1e-12)


def test_attrs_and_device():
    h = inter_sample_entropy(points(np.eye(5)), k=3, device="cpu", progress=False)
    assert h.ndim == 0
    assert h.attrs == {
        "units": "bits",
        "estimator": "inter_sample_entropy",
        "k": 3,
        "n_samples": 5,
        "method": "exact",
        "sample_dim": "x",
        "dtype": "float64",
        "kernel": "exp",
    }


@pytest.mark.slow  # pynndescent's numba compile: ~30 s once per process
def test_nndescent_matches_exact_search(nndescent_vs_exact):
    r = nndescent_vs_exact
    assert r["approx"].attrs["method"] == "nndescent"
    assert float(r["approx"]) == pytest.approx(float(r["exact"]), rel=2e-3)
    _, true_idx = cKDTree(r["points"]).query(r["points"], k=16)  # independent exact kNN
    recall = np.mean(
        [len(set(a) & set(b[1:])) / 15 for a, b in zip(r["idx"], true_idx, strict=True)]
    )
    assert recall > 0.97


def test_auto_method_threshold():
    for compiled, n_min in ((True, 20_000), (False, 130_000)):
        assert choose_method("auto", n_min, 15, compiled=compiled) == "exact"
        assert choose_method("auto", n_min + 1, 15, compiled=compiled) == "nndescent"
        assert choose_method("auto", n_min + 1, 257, compiled=compiled) == "exact"  # large k
        assert choose_method("auto", n_min + 1, n_min, compiled=compiled) == "exact"  # all pairs
    assert choose_method("exact", 10**6, 15) == "exact"
    assert choose_method("nndescent", 100, 15) == "nndescent"


def test_nndescent_parameters_are_umaps():
    # umap.umap_.nearest_neighbors: n_trees = min(64, 5 + round(sqrt(N) / 20)),
    # n_iters = max(5, round(log2(N))), max_candidates = 60, low_memory
    assert _knn.nndescent_params(10_000) == {
        "n_trees": 10,
        "n_iters": 13,
        "max_candidates": 60,
        "low_memory": True,
        "compressed": False,
    }
    assert _knn.nndescent_params(10**6)["n_trees"] == 55
    assert _knn.nndescent_params(100)["n_iters"] == 7


def test_errors_say_what_and_how_to_fix():
    da = xr.DataArray(
        np.random.default_rng(0).normal(size=(6, 3)),
        dims=("x", "f"),
        coords={"x": [10, 11, 12, 13, 14, 15]},
    )
    with pytest.raises(ValueError, match="at least 2 samples along 'x', got 1"):
        inter_sample_entropy(da.isel(x=[0]), progress=False)
    with pytest.raises(ValueError, match="need k >= 2.*at least 3 samples"):
        inter_sample_entropy(da.isel(x=[0, 1]), progress=False)
    with pytest.raises(ValueError, match=r"k=6 must be less than the number of samples N=6"):
        inter_sample_entropy(da, k=6, progress=False)
    with pytest.raises(ValueError, match="k=1: need k >= 2.*pass k >= 2"):
        inter_sample_entropy(da, k=1, progress=False)
    with pytest.raises(TypeError, match="k must be an integer"):
        inter_sample_entropy(da, k=2.5, progress=False)
    bad = da.copy(data=da.values.copy())
    bad.values[2, 1] = np.nan
    with pytest.raises(ValueError, match=r"NaN or inf in 1 of 6 samples: at x=12"):
        inter_sample_entropy(bad, progress=False)
    with pytest.raises(ValueError, match=r"sample dim 'sample'.*its dims: 'x', 'f'"):
        inter_sample_entropy(da, sample_dim="sample", progress=False)
    with pytest.raises(ValueError, match="method='fast' is not one of"):
        inter_sample_entropy(da, method="fast", progress=False)
    with pytest.raises(ValueError, match="nndescent' needs k < N-1"):
        inter_sample_entropy(da, method="nndescent", progress=False)
    with pytest.raises(TypeError, match="neighbours"):
        inter_sample_entropy(da, neighbours=3)


def test_progress_bar_can_be_turned_off(capsys):
    inter_sample_entropy(points(np.eye(6)), progress=False)
    assert capsys.readouterr().err == ""
    inter_sample_entropy(points(np.eye(6)), progress=True)
    assert "inter-sample entropy" in capsys.readouterr().err


def brute_force_knn(x: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """k nearest by (squared distance, index), from exact int64 squared distances."""
    xi = x.astype(np.int64)
    d2 = (xi**2).sum(1)[:, None] + (xi**2).sum(1)[None] - 2 * xi @ xi.T
    np.fill_diagonal(d2, np.iinfo(np.int64).max)
    idx = np.argsort(d2, axis=1, kind="stable")[:, :k]  # stable: ties by index
    return idx, np.sqrt(np.take_along_axis(d2, idx, axis=1))


@pytest.mark.parametrize("dtype", ["uint8", "bool"])
def test_tiled_exact_knn_on_raw_pixels_with_ties_and_duplicates(mnist_100, dtype):
    # the CPU's tiled search (one tile per thread, distances summed from the bytes), on the
    # digits as stored, with 40 duplicated rows (distance 0) and, for bool (pixel > 127),
    # many equal distances: each tie must go to the smaller index, as in a stable sort
    x = mnist_100.values.reshape(len(mnist_100), -1)[:600]
    x = x > 127 if dtype == "bool" else x
    x = np.concatenate([x, x[:40]])
    assert _knn._tiled("cpu", x.shape[1])
    for k in (3, 15, 64):
        idx, dist = _knn.knn_exact(x, k, device="cpu", bar=NoBar(), integers=True)
        true_idx, true_dist = brute_force_knn(x.view(np.uint8) if dtype == "bool" else x, k)
        np.testing.assert_array_equal(idx, true_idx)
        np.testing.assert_array_equal(dist, true_dist)


def test_tiled_exact_knn_with_fewer_chunks_than_neighbours(monkeypatch):
    # 150 points, k = 100 > 5 chunks of 32 columns: the seeds cannot fill the heap and
    # every point is a candidate (up to the cap; past it, the plain search)
    x = np.random.default_rng(3).integers(0, 4, size=(150, 200))
    idx, dist = _knn.knn_exact(x, 100, device="cpu", bar=NoBar(), integers=True)
    true_idx, true_dist = brute_force_knn(x, 100)
    np.testing.assert_array_equal(idx, true_idx)
    np.testing.assert_array_equal(dist, true_dist)


def test_tiled_and_block_searches_agree(monkeypatch, mnist_100):
    # the tiles on CPU threads and the large blocks a GPU would use (run here in torch on
    # the CPU) find the same neighbours at the same distances, on floats and on pixels
    pixels = mnist_100.values.reshape(len(mnist_100), -1)
    floats = _points(mnist_100, "x")
    tiled = [_knn.knn_exact(pixels, 15, device="cpu", bar=NoBar(), integers=True),
             _knn.knn_exact(floats, 15, device="cpu", bar=NoBar())]
    monkeypatch.setattr(_knn, "_NUMPY_ON_CPU", False)
    blocks = [_knn.knn_exact(pixels, 15, device="cpu", bar=NoBar(), integers=True),
              _knn.knn_exact(floats, 15, device="cpu", bar=NoBar())]
    for (ia, da), (ib, db) in zip(tiled, blocks, strict=True):
        np.testing.assert_array_equal(ia, ib)
        np.testing.assert_array_equal(da, db)


def test_exact_copy_keeps_every_distance():
    rng = np.random.default_rng(4)
    pixels = rng.integers(0, 256, size=(50, 30), dtype=np.uint8)
    assert _knn.exact_copy(pixels, True) is pixels  # the bytes themselves
    shifted = pixels.astype(np.int64) + rng.integers(-5000, 5000, size=30)  # range 255/col
    wide = rng.integers(-3000, 3000, size=(50, 30))  # 2 bytes
    huge = rng.integers(-(2**40), 2**40, size=(50, 30))  # float64
    floats = rng.normal(size=(50, 30))
    for x, integers, dtype in [
        (shifted, True, np.uint8),
        (shifted.astype(np.float32), True, np.uint8),
        (wide, True, np.int16),
        (huge, True, np.float64),
        (floats, False, np.float64),
        (pixels > 100, True, np.uint8),
    ]:
        y = _knn.exact_copy(x, integers)
        assert y.dtype == dtype and y.flags.c_contiguous
        np.testing.assert_array_equal(cdist(y, y, "sqeuclidean"), cdist(x, x, "sqeuclidean"))
    assert _knn.integer_valued(shifted) and _knn.integer_valued(shifted.astype(np.float32))
    assert not _knn.integer_valued(floats) and _knn.integer_valued(pixels > 100)
    assert not _knn.integer_valued(np.array([[2**53]], dtype=np.int64))


def flat_reference(x: np.ndarray, k: int) -> float:
    """The flat kernel written out: kNN adjacency (ties by index), S = A + A^T, dense P."""
    d = cdist(x, x)
    np.fill_diagonal(d, np.inf)
    a = np.zeros_like(d)
    for i, row in enumerate(d):
        a[i, np.argsort(row, kind="stable")[:k]] = 1.0
    s = a + a.T
    p = s[s > 0] / s.sum()
    return float(-(p * np.log2(p)).sum())


@pytest.mark.parametrize("k", [2, 10, 150])   # 150: the sorted-row kernel (k > 64)
def test_flat_kernel_is_the_entropy_of_the_symmetrised_knn_graph(mnist_100, k):
    x = mnist_100.isel(x=slice(0, 400)).values.reshape(400, -1).astype(np.float64)
    got = float(inter_sample_entropy(mnist_100.isel(x=slice(0, 400)), k=k, kernel="flat",
                                     progress=False))
    assert got == pytest.approx(flat_reference(x, k), abs=1e-12)
    # closed form: log2(2 N k) - 2 m / (N k), m the mutual pairs
    assert math.log2(2 * 400 * k) - 1 <= got <= math.log2(2 * 400 * k)


def test_exp_kernel_with_many_neighbours_equals_the_dense_reference(mnist_100):
    # k = 150 > 64 takes the sorted-row kernel for the reverse edges
    x = mnist_100.isel(x=slice(0, 300)).values.reshape(300, -1).astype(np.float64)
    got = float(inter_sample_entropy(mnist_100.isel(x=slice(0, 300)), k=150, progress=False))
    assert got == pytest.approx(dense_reference(x, 150), abs=1e-10)


def test_flat_kernel_all_pairs_is_uniform_and_is_recorded():
    h = inter_sample_entropy(points(np.random.default_rng(0).random((7, 3))), kernel="flat",
                             progress=False)
    assert float(h) == pytest.approx(math.log2(7 * 6), abs=1e-15)
    assert h.attrs["kernel"] == "flat" and h.attrs["k"] == 6
    with pytest.raises(ValueError, match="kernel='gauss'"):
        inter_sample_entropy(points(np.eye(4)), kernel="gauss", progress=False)


@pytest.mark.parametrize("integers", [True, False])
def test_many_neighbours_search_takes_whole_rows_with_ties_by_index(mnist_100, integers):
    # 200 digits, each twice (every distance ties with its twin's), k = 120 >= N / 4
    x = mnist_100.isel(x=slice(0, 100)).values.reshape(100, -1)
    x = np.concatenate([x, x]).astype(np.uint8 if integers else np.float64)
    pts = x if integers else _points(xr.DataArray(x, dims=("x", "p")), "x")
    assert _knn.many_neighbours(len(x), 120)
    idx, dist = _knn.knn_exact(pts, 120, device="cpu", bar=_NoBar(), integers=integers)
    d = cdist(np.asarray(pts, np.float64), np.asarray(pts, np.float64))
    np.fill_diagonal(d, np.inf)
    expected = np.argsort(d, axis=1, kind="stable")[:, :120]
    np.testing.assert_array_equal(idx, expected)
    np.testing.assert_allclose(dist, np.take_along_axis(d, expected, axis=1), rtol=1e-12,
                               atol=1e-9)


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass
