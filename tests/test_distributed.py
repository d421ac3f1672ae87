"""Estimators on a dask.distributed cluster whose workers have less memory than the store.

A real store (a small CNN recorded with the Recorder on 2,000 real MNIST digits, float16,
about 1.2 GB) is read by two worker processes limited to 500 MB each (less than half the
store, less than the whole store together): intra-sample entropy of the whole cube and
channel capacity run on them chunk by chunk, and equal the in-memory computation on
slices that fit. No worker is killed, restarted or paused, and each one's peak resident
memory stays under its limit.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

import numpy as np
import pytest

from cnnslicer_widgets.cube import open_cube
from cnnslicer_widgets.estimators import (
    channel_capacity,
    intra_sample_entropy,
    intra_sample_entropy_cube,
)

distributed = pytest.importorskip("distributed")

LIMIT = 500e6  # bytes per worker
N_SAMPLES, EPOCHS = 2000, 7  # 16 + 32 channels of 28 x 28 float16: 150 MB per epoch


@pytest.fixture(scope="module")
def big_store(mnist_arrays):
    """Record the run: the store is larger than both workers' memory together. It lives
    in a folder of its own (not pytest's numbered temp folders, which concurrent pytest
    sessions prune) and is deleted afterwards."""
    import torch
    from torch import nn

    from cnnslicer_widgets.record import Recorder

    x = torch.tensor(mnist_arrays["x_train"][:N_SAMPLES], dtype=torch.float32)[:, None] / 255
    y = torch.tensor(mnist_arrays["y_train"][:N_SAMPLES])
    torch.manual_seed(0)
    model = nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1), nn.ReLU(), nn.Conv2d(16, 32, 3, padding=1), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, 10),
    )  # fmt: skip
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    folder = Path(tempfile.mkdtemp(prefix="cnnslicer-distributed-"))
    path = folder / "big.h5"
    with Recorder(model, (x, y), path, epochs=EPOCHS - 1, layers=["0", "2"], weights=False,
                  progress=False, verbose=False) as rec:  # fmt: skip
        for epoch in range(1, EPOCHS):
            for s in range(0, N_SAMPLES, 250):
                opt.zero_grad()
                nn.functional.cross_entropy(model(x[s : s + 250]), y[s : s + 250]).backward()
                opt.step()
            rec.epoch_end(epoch, loss=1.0)
    yield path
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def small_cluster():
    """Two worker processes, one thread and LIMIT bytes each; pausing off, so a worker
    that went over would be killed (and the test would see it), never wait forever."""
    import dask

    with dask.config.set({"distributed.worker.memory.pause": False}):
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      memory_limit=LIMIT, dashboard_address=None,
                                      silence_logs=logging.ERROR) as cluster:  # fmt: skip
            yield cluster


def _peak_rss() -> int:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) * 1024 for line in f if line.startswith("VmHWM"))


def test_intra_and_capacity_on_workers_with_less_memory_than_the_store(
    big_store, small_cluster
):
    cube = open_cube(big_store)
    assert cube.epochs == list(range(EPOCHS))
    raw = sum(cube[layer].nbytes for layer in ("0", "2"))
    assert os.path.getsize(big_store) > 2 * LIMIT and raw > 2 * LIMIT
    with distributed.Client(small_cluster) as client:
        pids = client.run(os.getpid)
        h = intra_sample_entropy_cube(cube, layers=["0", "2"], progress=False, client=client)
        conv1, conv2 = cube["0"].sel(epoch=EPOCHS - 1), cube["2"].sel(epoch=EPOCHS - 1)
        cap = channel_capacity(conv1, conv2, max_pairs=100_000, progress=False)  # active client
        peaks = client.run(_peak_rss)
        assert client.run(os.getpid) == pids  # no worker was killed or restarted
        logs = [msg for lines in client.get_worker_logs().values() for _, msg in lines]
    assert not [m for m in logs if "exceeded" in m or "Restarting" in m or "Pausing" in m]
    assert all(peak < LIMIT for peak in peaks.values()), peaks
    # the in-memory computation on slices that fit, in this process
    for layer, epoch in (("0", 0), ("2", EPOCHS - 1)):
        want = intra_sample_entropy(cube[layer].sel(epoch=epoch).load(), progress=False)
        got = h.sel(layer=layer, epoch=epoch).dropna("channel", how="all")
        np.testing.assert_array_equal(got.transpose("x", "channel").values,
                                      want.values.astype(np.float32))  # fmt: skip
    assert 0.5 < float(h.mean()) < 5
    want_cap = channel_capacity(conv1.load(), conv2.load(), max_pairs=100_000, progress=False)
    # Equal to float rounding (one full-suite run of ~10 saw a difference at identical(),
    # not reproduced since; this message says how large it is if it comes back).
    assert cap.dims == want_cap.dims and cap.attrs == want_cap.attrs
    diff = np.abs(cap.values - want_cap.values)
    assert diff.max() <= 1e-9, (
        f"{int((diff > 0).sum())} of {diff.size} entries differ, max {diff.max():.3g} bits"
    )
    assert cap.shape == (32, 16) and float(cap.max()) > 0.1
