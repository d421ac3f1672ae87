"""Recording overhead under DistributedDataParallel, measured side by side in one run.

Two gloo processes on the CPU (one thread each) train mnist_lenet on the embedded MNIST
(2,000 digits, 1,000 per rank, batch 64) for ``--epochs`` epochs, three ways, alternated in
each of ``--repeats`` rounds so that load on the machine hits all of them alike:

- ``plain``: no recorder;
- ``writer``: ``Recorder(ddp_model, ...)``: rank 0 writes, its probe pass runs on rank 0;
- ``sharded``: ``Recorder(..., shard_probe=True)``: the probe pass dealt over both ranks,
  outputs gathered to rank 0.

The recorder records every epoch (0..epochs) of a 500-digit probe, the case-study layers
(conv1..fc2, float16), weights and confusion. A run is timed on rank 0 from before the
recorder is created to after it is closed, between two barriers. Prints each way's
median wall time, its ratio to ``plain`` and the time added per recorded epoch.

Run: PYTHONPATH=src .venv/bin/python benchmarks/bench_distributed.py [--epochs 3] [--repeats 3]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import tempfile
import time
from pathlib import Path

import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler

from cnnslicer_widgets.datasets import balanced_subset, load_mnist
from cnnslicer_widgets.models import case_study_layers, mnist_lenet
from cnnslicer_widgets.record import Recorder

WAYS = ("plain", "writer", "sharded")


def one_run(way: str, rank: int, epochs: int, tmp: Path, tag: str) -> float:
    probe = balanced_subset(load_mnist(source="embedded", train=False), 50)
    train = load_mnist(source="embedded")
    model = DistributedDataParallel(mnist_lenet(seed=0))
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    sampler = DistributedSampler(train, seed=0)
    loader = DataLoader(train, batch_size=64, sampler=sampler)
    dist.barrier()
    start = time.perf_counter()
    rec = (contextlib.nullcontext() if way == "plain" else
           Recorder(model, probe, tmp / f"{tag}.h5", epochs=epochs,
                    layers=case_study_layers(model.module), shard_probe=way == "sharded",
                    progress=False, verbose=False))
    with rec:
        for epoch in range(1, epochs + 1):
            sampler.set_epoch(epoch)
            model.train()
            for x, y in loader:
                opt.zero_grad()
                torch.nn.functional.cross_entropy(model(x), y).backward()
                opt.step()
            if rec is not None and not isinstance(rec, contextlib.nullcontext):
                rec.epoch_end(epoch, loss=0.0)
    dist.barrier()
    return time.perf_counter() - start


def worker(rank: int, epochs: int, repeats: int, tmp: Path) -> None:
    torch.set_num_threads(1)
    dist.init_process_group("gloo", init_method=f"file://{tmp}/rendezvous", rank=rank,
                            world_size=2)
    times: dict[str, list[float]] = {w: [] for w in WAYS}
    one_run("plain", rank, 1, tmp, "warmup")  # imports, allocator, gloo connections
    for r in range(repeats):
        order = WAYS[r % 3:] + WAYS[: r % 3]  # rotate, so no way always runs first
        for way in order:
            times[way].append(one_run(way, rank, epochs, tmp, f"{way}_{r}"))
    if rank == 0:
        (tmp / "times.json").write_text(json.dumps(times))
    dist.destroy_process_group()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        mp.spawn(worker, args=(args.epochs, args.repeats, tmp), nprocs=2, join=True)
        times = json.loads((tmp / "times.json").read_text())
        size = (tmp / "writer_0.h5").stat().st_size
    plain = statistics.median(times["plain"])
    print(f"2 gloo processes (CPU, 1 thread each), mnist_lenet, 1,000 digits per rank, "
          f"{args.epochs} epochs recorded + epoch 0, 500-digit probe "
          f"({size / 1e6:.1f} MB store), median of {args.repeats}:")
    for way in WAYS:
        t = statistics.median(times[way])
        runs = ", ".join(f"{v:.2f}" for v in times[way])
        per = (t - plain) / (args.epochs + 1) * 1e3
        extra = "" if way == "plain" else f", {per:+.0f} ms per recorded epoch"
        print(f"  {way:8s} {t:6.2f} s  ratio {t / plain:.2f}{extra}   (runs: {runs} s)")


if __name__ == "__main__":
    main()
