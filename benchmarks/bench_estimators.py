"""Benchmark the estimators against straightforward implementations, side by side in one run.

    python benchmarks/bench_estimators.py [--quick]

Every timing is the best of a few repeats (other work on the machine makes single runs
noisy); a reference that would take minutes is timed on a subset and scaled linearly,
which the output says. Prints one ratio table at the end, against the targets of issue 3.

1. Intra-sample entropy of a (1000, 64, 32, 32) float32 array: vs a per-map np.histogram
   loop and vs np.copy of the same array (memory bandwidth).
2. Channel capacity, 64 x 64 channels of 16 x 16 maps on 500 samples: vs scipy pdist per
   channel and np.histogram2d per channel pair.
3. Inter-sample entropy of 10,000 real MNIST digits (8,000 train + 2,000 test): vs a dense
   numpy implementation of the same formula (full distance matrix, vectorised bisection
   of sigma, dense P) at the same k, all pairs and k = 15, on the uint8 pixels (integers:
   exact float32 products) and on the pixels / 255 (floats: float64 products); and at
   k = 15 vs umap-learn's fuzzy_simplicial_set (its own approximate kNN search by
   pynndescent, smooth_knn_dist, fuzzy union): ours as called (method="auto": the exact
   search at this N) and with pynndescent at umap's parameters (like for like), both
   against the target, then the part after the kNN search alone, both given the same graph. Ratios at k = 15 against the dense
   reference are for information: the target is for the default, all pairs. Each side is
   timed in turns with the others (rotating order), best of several runs; numba
   compilation is excluded from all sides.
"""

from __future__ import annotations

import argparse
import math
import os
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import xarray as xr
from scipy.spatial.distance import pdist

from cnnslicer_widgets.estimators import (
    channel_capacity,
    inter_sample_entropy,
    intra_sample_entropy,
)

MNIST = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "MNIST" / "raw"
ROWS: list[tuple[str, float, float, str, float, bool]] = []
MEDIANS: dict[str, float] = {}  # median time of each side of the last side_by_side run


def best_of(fn: Callable[[], object], repeat: int = 3) -> tuple[float, object]:
    """The shortest of ``repeat`` wall-clock timings, and the last result."""
    times, out = [], None
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def record(name: str, ours: float, ref: float, ratio: float, target: str, ok: bool) -> None:
    ROWS.append((name, ours, ref, target, ratio, ok))
    print(f"  -> {name}: ours {ours:.3f} s, reference {ref:.3f} s, ratio {ratio:.2f} ({target})")


# -- 1. intra-sample entropy -------------------------------------------------------------
def map_entropy_loop(maps: np.ndarray, bins: int = 32) -> np.ndarray:
    """The paper's recipe one map at a time: scale to [-1, 1], np.histogram, Shannon."""
    out = np.empty(len(maps))
    for m, v in enumerate(maps):
        lo, hi = v.min(), v.max()
        if hi == lo:
            out[m] = 0.0
            continue
        counts, _ = np.histogram(2 * (v - lo) / (hi - lo) - 1, bins=bins, range=(-1, 1))
        p = counts[counts > 0] / v.size
        out[m] = -(p * np.log2(p)).sum()
    return out


def bench_intra(quick: bool) -> None:
    print("1. intra-sample entropy, (1000, 64, 32, 32) float32")
    rng = np.random.default_rng(0)
    a = np.maximum(rng.standard_normal((1000, 64, 32, 32), dtype=np.float32), 0) + rng.random(
        (1000, 64, 32, 32), dtype=np.float32
    )
    da = xr.DataArray(a, dims=("x", "channel", "h", "w"))
    intra_sample_entropy(da[:2], progress=False)  # compile / load the kernel
    t_ours, h = best_of(lambda: intra_sample_entropy(da, progress=False), 10)
    t_copy, _ = best_of(lambda: np.copy(a), 10)
    maps = a.reshape(-1, 1024)
    subset = 2048 if quick else 8192
    t_sub, ref = best_of(lambda: map_entropy_loop(maps[:subset]), 3)
    t_loop = t_sub * len(maps) / subset
    err = np.abs(h.values.reshape(-1)[:subset] - ref).max()
    print(
        f"  per-map loop timed on {subset} of {len(maps)} maps ({t_sub:.2f} s), scaled "
        f"linearly to {t_loop:.1f} s; max |difference| on those maps {err:.1e} bits "
        "(float32 rounding moves the odd value across a bin edge)"
    )
    record(
        "intra vs np.histogram loop",
        t_ours,
        t_loop,
        t_loop / t_ours,
        ">= 50x",
        t_loop / t_ours >= 50,
    )
    record(
        "intra vs np.copy (bandwidth)",
        t_ours,
        t_copy,
        t_copy / t_ours,
        ">= 0.5x",
        t_copy / t_ours >= 0.5,
    )


# -- 3. inter-sample entropy -------------------------------------------------------------
def read_idx(path: Path) -> np.ndarray:
    raw = path.read_bytes()
    dims = [int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(raw[3])]
    return np.frombuffer(raw, np.uint8, offset=4 + 4 * raw[3]).reshape(dims)


def dense_numpy_entropy(x: np.ndarray, k: int) -> float:
    """Eq. 4-7 the direct numpy way: N x N distances, bisection of all sigma_i, dense P."""
    x = x.astype(np.float64)
    sq = (x * x).sum(1)
    d = np.sqrt(np.maximum(sq[:, None] + sq[None, :] - 2 * x @ x.T, 0))
    n = len(x)
    np.fill_diagonal(d, np.inf)
    if k < n - 1:
        nb = np.argpartition(d, k, axis=1)[:, :k]
    else:
        nb = np.argsort(d, axis=1)[:, :k]  # all but self (last, at inf)
    dk = np.take_along_axis(d, nb, axis=1)
    target = math.log2(k)
    lo = np.full(n, 1e-12) * dk.max(1)  # bisection of log sigma until all rows agree to 1e-10
    hi = dk.max(1) / math.log(k / target)
    while np.any(hi - lo > 1e-10 * hi):
        mid = 0.5 * (lo + hi)
        too_big = np.exp(-dk / mid[:, None]).sum(1) > target
        hi = np.where(too_big, mid, hi)
        lo = np.where(too_big, lo, mid)
    p = np.zeros((n, n))
    np.put_along_axis(p, nb, np.exp(-dk / hi[:, None]), axis=1)
    p = (p + p.T) / (2 * n)
    p /= p.sum()
    nz = p[p > 0]
    return float(-(nz * np.log2(nz)).sum())


def side_by_side(
    fns: dict[str, Callable[[], object]], repeat: dict[str, int]
) -> dict[str, tuple[float, object]]:
    """Best time and last result of each function, run in turns (repeat[name] times each).

    Taking turns puts every side through the same spells of load from other work; the
    order rotates each round, so that no side always follows the same one (a call right
    after a large one pays for the memory that one freed and its threads winding down).
    """
    times: dict[str, list[float]] = {name: [] for name in fns}
    out: dict[str, object] = {}
    names = list(fns)
    for r in range(max(repeat.values())):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            fn = fns[name]
            if r < repeat[name]:
                t0 = time.perf_counter()
                out[name] = fn()
                times[name].append(time.perf_counter() - t0)
    MEDIANS.clear()
    MEDIANS.update({name: float(np.median(t)) for name, t in times.items()})
    return {name: (min(t), out[name]) for name, t in times.items()}


def load() -> str:
    a, b, c = os.getloadavg()
    return f"load average {a:.2f} {b:.2f} {c:.2f}"


def bench_inter(quick: bool) -> None:
    print("3. inter-sample entropy, 10,000 MNIST digits (8,000 train + 2,000 test)")
    x = np.concatenate(
        [read_idx(MNIST / "train-images-idx3-ubyte"), read_idx(MNIST / "t10k-images-idx3-ubyte")]
    ).reshape(-1, 784)
    if quick:
        x = x[:3000]
    n = len(x)
    da = xr.DataArray(x, dims=("x", "pixel"))
    for k in (None, 15):  # compile / load the kernels, not timed
        inter_sample_entropy(da[:300], k=k, progress=False)
    reps = (2, 1) if quick else (7, 3)
    # the same digits as floats in [0, 1] (as a normalising transform gives them): not
    # integers, so they take the float64 products instead of the exact float32 ones
    floats = da / 255.0
    cases = ((n - 1, f"k = N-1 = {n - 1} (all pairs)", "all pairs"), (15, "k = 15", "k=15"))
    for k, label, short in cases:
        print(f"  {label}: {load()}")
        fns = {
            "ours": lambda k=k: float(inter_sample_entropy(da, k=k, progress=False)),
            "floats": lambda k=k: float(inter_sample_entropy(floats, k=k, progress=False)),
            "dense": lambda k=k: dense_numpy_entropy(x, k),
        }
        if k == n - 1:  # the dtype option changes only the products of all pairs
            fns["floats32"] = lambda: float(
                inter_sample_entropy(floats, progress=False, dtype="float32")
            )
        r = side_by_side(fns, {name: reps[1] if name == "dense" else reps[0] for name in fns})
        (t_ours, h), (t_float, h_float), (t_ref, h_ref) = r["ours"], r["floats"], r["dense"]
        print(
            f"  {label}: ours {h:.12f} bits on the uint8 pixels, {h_float:.12f} bits on them "
            f"/ 255 (best of {reps[0]}), dense numpy {h_ref:.12f} bits (best of {reps[1]}); "
            f"differences {abs(h - h_ref):.1e} / {abs(h_float - h_ref):.1e} bits (the dense "
            "bisection stops at 1e-10 in sigma)"
        )
        timed = [(f"{short}, uint8 pixels", t_ours), (f"{short}, pixels / 255", t_float)]
        if "floats32" in r:
            t32, h32 = r["floats32"]
            print(f"  pixels / 255 with dtype='float32': {h32:.12f} bits ({h32 - h_ref:+.1e})")
            timed.append((f"{short}, pixels / 255, float32", t32))
        # issue 3's target (>= 20x) is for the MNIST images as they are (uint8) at the
        # estimator's default, all pairs (the paper's setting); the same digits as floats
        # and k = 15 are printed for information
        for name, t in timed:
            target = k == n - 1 and name.endswith("uint8 pixels")
            ok = t_ref / t >= 20 if target else True
            record(
                f"inter vs dense numpy, {name}",
                t, t_ref, t_ref / t, ">= 20x" if target else "(info)", ok,
            )
    bench_umap(da, x, 5 if quick else 9)


def bench_umap(da: xr.DataArray, x: np.ndarray, repeat: int) -> None:
    """k = 15 against umap's fuzzy_simplicial_set: its kNN search, sigma and fuzzy union.

    Same k: 15 neighbours besides the point itself (umap counts the point: n_neighbors=16).
    Ours as called (method="auto", which picks the exact search at 10,000 points), and with
    pynndescent at umap's own parameters; then the part after the search alone.
    """
    from umap.umap_ import fuzzy_simplicial_set

    xf = x.astype(np.float32)
    rs = np.random.RandomState(0)
    fuzzy_simplicial_set(xf[:2000], 16, rs, "euclidean")  # numba compilation, not timed
    inter_sample_entropy(da[:2000], k=15, method="nndescent", progress=False)  # ours too
    print(f"  umap comparison (k = 15): {load()}")
    r = side_by_side(
        {
            "exact": lambda: float(inter_sample_entropy(da, k=15, progress=False)),
            "nndescent": lambda: float(
                inter_sample_entropy(da, k=15, method="nndescent", progress=False)
            ),
            "umap": lambda: fuzzy_simplicial_set(xf, 16, rs, "euclidean"),
        },
        {"exact": repeat, "nndescent": repeat, "umap": repeat},
    )
    (t_exact, h_exact), (t_nnd, h_nnd), (t_umap, _) = r["exact"], r["nndescent"], r["umap"]
    print(
        f"  ours exact {h_exact:.9f} bits, ours with pynndescent {h_nnd:.9f} bits "
        f"(best of {repeat} each; pynndescent: n_trees, n_iters, max_candidates as umap)"
    )
    m = MEDIANS
    print(
        f"  medians: exact {m['exact']:.3f} s, nndescent {m['nndescent']:.3f} s, umap "
        f"{m['umap']:.3f} s (ratios {m['exact'] / m['umap']:.2f}x, "
        f"{m['nndescent'] / m['umap']:.2f}x)"
    )
    # the estimator as called (method="auto": the exact search at 10,000 points), and like
    # for like (umap searches approximately with pynndescent, as our "nndescent" does, with
    # the same parameters); the two sides are within ~20% of each other and this VM's
    # speed varies: the medians of the same rounds are reported too
    for name, label in (("exact", "default: exact kNN"), ("nndescent", "nndescent")):
        t_ours = t_exact if name == "exact" else t_nnd
        record(
            f"inter k=15 ({label}) / umap fuzzy_simplicial_set",
            t_ours,
            t_umap,
            t_ours / t_umap,
            "<= 1.0x",
            t_ours / t_umap <= 1.0,
        )
        record(
            "  same, medians of the rounds",
            m[name],
            m["umap"],
            m[name] / m["umap"],
            "<= 1.0x",
            m[name] / m["umap"] <= 1.0,
        )
    bench_post_knn(da, xf, repeat)


def bench_post_knn(da: xr.DataArray, xf: np.ndarray, repeat: int) -> None:
    """The part after the kNN search, both given our exact kNN graph (k = 15)."""
    from umap.umap_ import fuzzy_simplicial_set

    from cnnslicer_widgets.estimators import _knn
    from cnnslicer_widgets.estimators.inter import _entropy_knn_graph, _points

    rs = np.random.RandomState(0)
    pts = _points(da, "x")
    idx, dist = _knn.knn_exact(pts, 15, device="cpu", bar=_NoBar())
    idx16 = np.hstack([np.arange(len(idx))[:, None], idx])  # umap's rows start with self
    dist16 = np.hstack([np.zeros((len(idx), 1)), dist]).astype(np.float32)
    r = side_by_side(
        {
            "ours": lambda: _entropy_knn_graph(idx, dist),
            "umap": lambda: fuzzy_simplicial_set(
                xf, 16, rs, "euclidean", knn_indices=idx16, knn_dists=dist16
            ),
        },
        {"ours": repeat, "umap": repeat},
    )
    print(
        "  after the kNN search, same graph: ours = sigma (Newton) + P + symmetrise + entropy; "
        "umap = smooth_knn_dist + membership strengths + fuzzy union"
    )
    record(
        "  post-kNN part: ours / umap's",
        r["ours"][0],
        r["umap"][0],
        r["ours"][0] / r["umap"][0],
        "< 1.0x",
        r["ours"][0] / r["umap"][0] < 1.0,
    )


class _NoBar:
    def update(self, n: int = 1) -> None:
        pass


# -- 2. channel capacity -----------------------------------------------------------------
def channel_distances(f: np.ndarray) -> list[np.ndarray]:
    """scipy pdist of each channel's maps: f (C, N, ...) -> C condensed distance vectors."""
    return [pdist(c.reshape(len(c), -1)) for c in f]


def capacity_pairs_loop(da_: list, db_: list, pairs, bins: int = 32) -> list[float]:
    """np.histogram2d of the two channels' distances and H(C) + H(D) - H(C, D), per pair."""

    def h(p):
        p = p[p > 0] / p.sum()
        return -(p * np.log2(p)).sum()

    out = []
    for c, d in pairs:
        ranges = [[da_[c].min(), da_[c].max()], [db_[d].min(), db_[d].max()]]
        joint, _, _ = np.histogram2d(da_[c], db_[d], bins=bins, range=ranges)
        out.append(h(joint.sum(1)) + h(joint.sum(0)) - h(joint.ravel()))
    return out


def bench_capacity(quick: bool) -> None:
    print("2. channel capacity, 64 x 64 channels, 16 x 16 maps, 500 samples")
    rng = np.random.default_rng(1)
    mix = (rng.standard_normal((64, 64)) / 8).astype(np.float32)
    a = np.maximum(rng.standard_normal((500, 64, 16, 16), dtype=np.float32), 0)
    b = np.maximum(np.einsum("xchw,cd->xdhw", a, mix, dtype=np.float32), 0)
    src = xr.DataArray(a, dims=("x", "channel", "h", "w"))
    dst = xr.DataArray(b, dims=("x", "channel", "h", "w"))
    channel_capacity(src[:20, :2], dst[:20, :2], progress=False)  # compile / load kernels
    t_ours, cap = best_of(lambda: channel_capacity(src, dst, progress=False), 7)
    fa, fb = a.transpose(1, 0, 2, 3), b.transpose(1, 0, 2, 3)
    n_sub = 32 if quick else 128
    pairs = [(int(c), int(d)) for c, d in rng.integers(0, 64, size=(n_sub, 2))]
    t_pdist, (da_, db_) = best_of(lambda: (channel_distances(fa), channel_distances(fb)), 1)
    t_sub, ref = best_of(lambda: capacity_pairs_loop(da_, db_, pairs), 2)
    t_hist = t_sub * 64 * 64 / n_sub
    t_ref = t_pdist + t_hist
    ours = np.array([cap.values[d, c] for c, d in pairs])
    print(
        f"  reference: pdist of 128 channels {t_pdist:.2f} s + histogram2d timed on {n_sub} "
        f"of 4096 channel pairs, scaled linearly to {t_hist:.1f} s; max |difference| "
        f"{np.abs(ours - np.array(ref)).max():.1e} bits"
    )
    record(
        "capacity vs per-pair histogram2d",
        t_ours,
        t_ref,
        t_ref / t_ours,
        ">= 100x",
        t_ref / t_ours >= 100,
    )
    record("capacity 64 x 64 on 500 samples, seconds", t_ours, 5.0, t_ours, "<= 5 s", t_ours <= 5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller subsets (a smoke run)")
    args = parser.parse_args()
    import torch

    print(
        f"torch threads: {torch.get_num_threads()}, CUDA: {torch.cuda.is_available()}, "
        f"load average before: {os.getloadavg()[0]:.2f} (ours runs on all cores: other work "
        "on the machine slows it more than the single-threaded references)"
    )
    t0 = time.perf_counter()
    bench_intra(args.quick)
    bench_capacity(args.quick)
    bench_inter(args.quick)
    print(
        f"\nresults (best of repeats; total run {time.perf_counter() - t0:.0f} s, "
        f"load average after: {os.getloadavg()[0]:.2f})"
    )
    print(f"{'measure':58s} {'ours s':>8s} {'ref s':>8s} {'ratio':>8s} {'target':>9s}  met")
    for name, ours, ref, target, ratio, ok in ROWS:
        print(
            f"{name:58s} {ours:8.3f} {ref:8.3f} {ratio:8.2f} {target:>9s}  "
            f"{'' if target == '(info)' else 'yes' if ok else 'NO'}"
        )


if __name__ == "__main__":
    main()
