"""Intra-sample entropy read from disk with dask vs in memory, and 1 vs 2 cluster workers.

    python benchmarks/bench_dask.py [--quick] [--folder DIR]

Records a store with the Recorder (a conv layer of 32 channels on 4,000 real MNIST
digits, 28 x 28 float16, 17 epochs: 3.4 GB; ``--quick``: 16 channels, 2,000 digits,
8 epochs: 0.4 GB) in a temporary folder (default under /tmp), deleted at the end.
Then, side by side in one run, throughput in GB/s of float16 activations:

1. in memory: ``intra_sample_entropy`` of a numpy array (a slice of the store that fits:
   2 epochs), best of 3;
2. from disk with dask, the whole store, local threaded scheduler: "cold" after evicting
   the file from the page cache (``posix_fadvise(DONTNEED)`` on this file only), and
   "warm" (the file in the page cache);
3. the whole store on a ``dask.distributed.LocalCluster`` of 1 and of 2 worker processes
   (one thread each), warm, read as ~16 MiB dask chunks (``cube.activations(layer,
   chunk_mib=16)``, what ``intra_sample_entropy_cube`` asks for) and, for comparison, as
   the store's 1 MiB chunks (per-task scheduling dominates those on a cluster).

Prints the ratios (target: dask from disk >= 0.5x in memory) and the load average (the
machine may be shared: other work makes single runs noisy).
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from cnnslicer_widgets.cube import open_cube
from cnnslicer_widgets.estimators import intra_sample_entropy


def record_store(path: Path, *, n: int, channels: int, epochs: int) -> None:
    """A conv layer's activations on real MNIST digits, a few SGD steps between epochs."""
    import torch
    from torch import nn

    from cnnslicer_widgets.datasets import balanced_subset, load_mnist, to_tensors
    from cnnslicer_widgets.record import Recorder

    x, y = to_tensors(balanced_subset(load_mnist(source="torchvision"), n // 10))
    torch.manual_seed(0)
    model = nn.Sequential(nn.Conv2d(1, channels, 3, padding=1), nn.ReLU(),
                          nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(channels, 10))
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    with Recorder(model, (x, y), path, epochs=epochs - 1, layers=["0"], weights=False,
                  overwrite=True, progress=False, verbose=False) as rec:
        for epoch in range(1, epochs):
            for s in range(0, len(x), 500):
                opt.zero_grad()
                nn.functional.cross_entropy(model(x[s : s + 500]), y[s : s + 500]).backward()
                opt.step()
            rec.epoch_end(epoch, loss=float("nan"))


def evict(path: Path) -> None:
    """Drop this file's pages from the page cache (the next read comes from disk)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)


def timed(fn, repeat: int = 1) -> float:
    best = np.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def on_cluster(act, n_workers: int) -> float:
    """Seconds for the whole layer on a LocalCluster of ``n_workers`` processes (warm)."""
    import distributed

    with distributed.LocalCluster(n_workers=n_workers, threads_per_worker=1,
                                  memory_limit="2GB", dashboard_address=None,
                                  silence_logs=logging.ERROR) as cluster, \
            distributed.Client(cluster):  # fmt: skip
        intra_sample_entropy(act.isel(epoch=[0]), progress=False)  # workers open, compile
        return timed(lambda: intra_sample_entropy(act, progress=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="a 0.4 GB store")
    parser.add_argument("--folder", default=None, help="where to write the store (temporary)")
    args = parser.parse_args()
    n, channels, epochs = (2000, 16, 8) if args.quick else (4000, 32, 17)
    folder = Path(tempfile.mkdtemp(prefix="cnnslicer-bench-dask-", dir=args.folder))
    path = folder / "store.h5"
    try:
        t0 = time.perf_counter()
        record_store(path, n=n, channels=channels, epochs=epochs)
        cube = open_cube(path)
        act = cube["0"]  # the store's chunks (about 1 MiB)
        big = cube.activations("0", chunk_mib=16)
        gb = act.nbytes / 1e9
        print(f"store: {path} {os.path.getsize(path) / 1e9:.2f} GB on disk, "
              f"{gb:.2f} GB of float16 activations {dict(act.sizes)}, chunks of "
              f"{np.prod(act.data.chunksize) * 2 / 2**20:.2f} MiB; recorded in "
              f"{time.perf_counter() - t0:.0f} s")  # fmt: skip
        part = act.isel(epoch=[0, 1])
        loaded = part.load()
        intra_sample_entropy(loaded, progress=False)  # compile
        mem = part.nbytes / 1e9 / timed(lambda: intra_sample_entropy(loaded, progress=False),
                                        repeat=3)  # fmt: skip
        evict(path)
        cold = gb / timed(lambda: intra_sample_entropy(act, progress=False))
        warm = gb / timed(lambda: intra_sample_entropy(act, progress=False), repeat=2)
        warm16 = gb / timed(lambda: intra_sample_entropy(big, progress=False))
        one = gb / on_cluster(big, 1)
        two = gb / on_cluster(big, 2)
        two_small = gb / on_cluster(act, 2)
        load = os.getloadavg()
        print(f"\nintra-sample entropy throughput (GB/s of float16 activations), "
              f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} "
              "cores\n")  # fmt: skip
        rows = [
            ("in memory (numpy, 2 epochs)", mem, ""),
            ("dask from disk, cold cache", cold, f"{cold / mem:.2f}x in memory (target >= 0.5x)"),
            ("dask from disk, warm cache", warm, f"{warm / mem:.2f}x in memory (target >= 0.5x)"),
            ("same, 16 MiB chunks", warm16, f"{warm16 / mem:.2f}x in memory"),
            ("LocalCluster 1 worker, 16 MiB", one, ""),
            ("LocalCluster 2 workers, 16 MiB", two, f"{two / one:.2f}x 1 worker"),
            ("LocalCluster 2 workers, 1 MiB", two_small, f"{two_small / two:.2f}x 16 MiB chunks"),
        ]
        for name, value, note in rows:
            print(f"  {name:<30} {value:7.3f} GB/s   {note}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        print(f"\ndeleted {folder}")


if __name__ == "__main__":
    main()
