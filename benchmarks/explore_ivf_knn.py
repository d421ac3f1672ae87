"""Explored for issue 19 (k = 15 on the whole MNIST, target <= 0.5x umap-learn): an IVF
search (k-means cells in principal coordinates, each cell's points against the points of
its nearest cells, exact re-ranking of the best candidates on the pixels). Kept as a
measured negative result: at 60,000 x 784 on 2 cores it took 2.7-5.8 s at recall
0.84-0.91 against the exact 15 nearest neighbours, where pynndescent takes 2.5-4.0 s at
0.989-0.995 (``bench_whole_mnist.py --parts sweep``). Per-cell probing loses neighbours
near cell borders, and choosing candidates (a GEMM and a partial sort per cell) costs most.

    python benchmarks/explore_ivf_knn.py   # needs ../shared/datasets/mnist-full

Recall is against the exact neighbours from the library's tiled search (~20 s, once).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numba
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_whole_mnist import MNIST, _NoBar, read_idx, recall  # noqa: E402

from cnnslicer_widgets.estimators import _knn  # noqa: E402

x = read_idx(MNIST / "raw" / "train-images-idx3-ubyte").reshape(60000, -1)
N = len(x)


@numba.njit(parallel=True, fastmath=True)
def rerank(x, cand, k):
    """The k nearest of each point's candidates by exact integer distances (self and
    repeats left out)."""
    n, m = cand.shape
    out = np.empty((n, k), np.int64)
    for i in numba.prange(n):
        d = np.empty(m, np.int64)
        xi = x[i].astype(np.int32)
        for j in range(m):
            c = cand[i, j]
            s = 0
            xc = x[c]
            for t in range(x.shape[1]):
                v = xi[t] - np.int32(xc[t])
                s += v * v
            d[j] = s
        got = 0
        for j in np.argsort(d):  # nearest first; self and repeats left out
            c = cand[i, j]
            if c == i or c in out[i, :got]:
                continue
            out[i, got] = c
            got += 1
            if got == k:
                break
    return out




def run(d=48, C=256, nprobe=8, m=40, iters=4, seed=0):  # noqa: N803 - C cells
    """k-means cells of d principal coordinates; each cell's points against the points of
    its nprobe nearest cells; the m best there re-ranked on the pixels."""
    t0 = time.perf_counter()
    rng = np.random.default_rng(seed)
    xf = x.astype(np.float32)
    mean = xf.mean(0)
    sub = xf[rng.choice(N, 10000, replace=False)] - mean
    cov = sub.T @ sub
    _, V = np.linalg.eigh(cov)
    P = V[:, ::-1][:, :d].astype(np.float32).copy()
    z = (xf - mean) @ P
    t1 = time.perf_counter()
    cent = z[rng.choice(N, C, replace=False)].copy()
    zs = z[rng.choice(N, 20000, replace=False)]
    zn = (z * z).sum(1)
    for _ in range(iters):
        a = np.argmin((cent * cent).sum(1)[None] - 2 * zs @ cent.T, axis=1)
        for c in range(C):
            sel = zs[a == c]
            if len(sel):
                cent[c] = sel.mean(0)
    assign = np.argmin((cent * cent).sum(1)[None] - 2 * z @ cent.T, axis=1)
    t2 = time.perf_counter()
    cc = ((cent[:, None] - cent[None]) ** 2).sum(-1)
    probes = np.argsort(cc, axis=1)[:, :nprobe]
    members = [np.flatnonzero(assign == c) for c in range(C)]
    cand = np.empty((N, m), np.int64)
    for c in range(C):
        mem = members[c]
        if not len(mem):
            continue
        pool = np.concatenate([members[p] for p in probes[c]])
        dz = zn[pool][None] - 2 * z[mem] @ z[pool].T
        mm = min(m, len(pool))
        part = np.argpartition(dz, mm - 1, axis=1)[:, :mm]
        cand[mem, :mm] = pool[part]
        if mm < m:
            cand[mem, mm:] = pool[part[:, :1]]
    t3 = time.perf_counter()
    idx = rerank(x, cand, 15)
    t4 = time.perf_counter()
    rec = recall(idx, exact)
    print(f"{d} coordinates, {C} cells, {nprobe} probed, {m} candidates: principal "
          f"coordinates {t1 - t0:.2f} s, k-means {t2 - t1:.2f} s, candidates {t3 - t2:.2f} s, "
          f"re-ranking {t4 - t3:.2f} s; total {t4 - t0:.2f} s, recall {rec:.4f}", flush=True)

rerank(x[:100], np.zeros((100, 20), np.int64) + np.arange(20), 15)  # compile
t = time.perf_counter()
exact, _ = _knn.knn_exact(x, 15, device="cpu", bar=_NoBar(), integers=True)
print(f"exact 15 nearest neighbours: {time.perf_counter() - t:.1f} s")
for args in [(48, 256, 8, 40), (48, 256, 12, 40), (64, 256, 12, 48), (32, 256, 12, 48), (48, 128, 8, 48)]:
    run(*args)
