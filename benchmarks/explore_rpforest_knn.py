"""Explored for issue 19 (k = 15 on the whole MNIST, target <= 0.5x umap-learn): a
random-projection forest with large leaves, each leaf's exact distances in one GEMM (BLAS
at full speed, no NN-descent). Kept as a measured negative result: on 60,000 x 784 with
2 cores (2026-12-07, load 1.4-1.9) one tree of 1,024-point leaves took 2.05 s in all and
found 42% of the exact 15 nearest neighbours, four trees 84% in 6.3 s; leaves of 2,048:
one tree 47% in 3.1 s, three 82% in 7.4 s. pynndescent takes 2.5-4.0 s at 99%
(``bench_whole_mnist.py --parts sweep``). The leaf GEMMs already run near this CPU's peak
(~0.75 s per tree, 96 GFLOP), so more recall costs time linearly: random splits of MNIST
put too many true neighbours in other leaves.

    python benchmarks/explore_rpforest_knn.py   # needs ../shared/datasets/mnist-full

The trees split on random directions (the difference of two random points, as annoy and
pynndescent do) at the median, in d principal coordinates (the split needs no pixels);
the leaves are searched on the pixels (float32, exact for these integers). Recall is
against the exact neighbours from the library's tiled search (~20-40 s, once).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_whole_mnist import MNIST, _NoBar, load, read_idx, recall  # noqa: E402

from cnnslicer_widgets.estimators import _knn  # noqa: E402

K = 15
x8 = read_idx(MNIST / "raw" / "train-images-idx3-ubyte").reshape(60000, -1)
N = len(x8)
x = x8.astype(np.float32)
sq = np.einsum("ij,ij->i", x, x)


def principal_coordinates(d: int) -> np.ndarray:
    centred = x - x.mean(0)
    _, vectors = np.linalg.eigh(centred.T @ centred)
    return centred @ vectors[:, ::-1][:, :d].copy()


def leaves(z: np.ndarray, size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """One tree: halve each node at the median of a random direction until <= size."""
    out, stack = [], [np.arange(len(z))]
    while stack:
        idx = stack.pop()
        if len(idx) <= size:
            out.append(idx)
            continue
        a, b = rng.choice(len(idx), 2, replace=False)
        p = z[idx] @ (z[idx[a]] - z[idx[b]])
        half = np.argpartition(p, len(idx) // 2)
        stack += [idx[half[: len(idx) // 2]], idx[half[len(idx) // 2 :]]]
    return out


def leaf_neighbours(idx: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """The k nearest within one leaf, exact (one GEMM)."""
    xl = x[idx]
    d = sq[idx][:, None] + sq[idx][None, :] - 2 * (xl @ xl.T)
    np.fill_diagonal(d, np.inf)
    part = np.argpartition(d, k, axis=1)[:, :k]
    return idx[part], np.take_along_axis(d, part, 1)


def best(ids: np.ndarray, dist: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Each row's k nearest distinct candidates (ordered by distance, then index, so that
    repeats of one candidate sit side by side)."""
    order = np.argsort(dist.astype(np.float64) * N + ids, axis=1)
    ids, dist = np.take_along_axis(ids, order, 1), np.take_along_axis(dist, order, 1)
    repeat = np.zeros(ids.shape, bool)
    repeat[:, 1:] = ids[:, 1:] == ids[:, :-1]
    dist = np.where(repeat, np.inf, dist)
    order = np.argsort(dist, axis=1, kind="stable")[:, :k]
    return np.take_along_axis(ids, order, 1), np.take_along_axis(dist, order, 1)


def run(d: int, size: int, trees: int, exact: np.ndarray) -> None:
    rng = np.random.default_rng(0)
    t0 = time.perf_counter()
    z = principal_coordinates(d)
    t_pca = time.perf_counter() - t0
    ids, dist = np.zeros((N, 0), np.int64), np.zeros((N, 0), np.float32)
    t_split = t_leaves = 0.0
    for t in range(trees):
        t1 = time.perf_counter()
        tree = leaves(z, size, rng)
        t2 = time.perf_counter()
        found_i, found_d = np.empty((N, K + 1), np.int64), np.empty((N, K + 1), np.float32)
        for idx in tree:
            found_i[idx], found_d[idx] = leaf_neighbours(idx, K + 1)
        ids, dist = best(np.hstack([ids, found_i]), np.hstack([dist, found_d]), 2 * K)
        nb, _ = best(ids, dist, K)
        t4 = time.perf_counter()
        t_split, t_leaves = t_split + t2 - t1, t_leaves + t4 - t2
        found = recall(nb, exact)
        print(f"  {d} coordinates, leaves of {size}, {t + 1} tree(s): principal coordinates "
              f"{t_pca:.2f} s, splits {t_split:.2f} s, leaf GEMMs and merging "
              f"{t_leaves:.2f} s; total {t_pca + t_split + t_leaves:.2f} s, recall "
              f"{found:.4f}", flush=True)


if __name__ == "__main__":
    t = time.perf_counter()
    exact, _ = _knn.knn_exact(x8, K, device="cpu", bar=_NoBar(), integers=True)
    print(f"exact 15 nearest neighbours (ours, tiled): {time.perf_counter() - t:.1f} s ({load()})")
    for d, size, trees in [(32, 1024, 4), (32, 2048, 3)]:
        run(d, size, trees, exact)
    print(load())
