"""A 2-process DistributedDataParallel job (gloo, CPU) that records two stores at once.

Usage: python ddp_job.py OUT EPOCHS

- ``OUT/a.h5``: rank 0 writes, the probe pass runs on rank 0 alone; layers named with
  DDP's ``module.`` prefix (the recorder strips it).
- ``OUT/b.h5``: rank 1 writes, the probe pass is sharded over both ranks and gathered;
  every leaf module, float32, ``conv1.0`` kept as histograms.

Rank 0 saves the model's state_dict to ``OUT/state_<e>.pt`` before each ``epoch_end`` (the
weights a one-process recording is compared with) and the mean loss to ``OUT/losses.json``.
After training starts (epoch 0 recorded), the job waits for ``OUT/go`` so a reader can
open the store first. Each rank writes ``OUT/rank_<r>.json``: the paths its process opened
(h5py and os.open), what ``epoch_end`` returned, ``next_epoch`` after a resume, and the
errors a bad call raised on each rank.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import h5py
import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader, DistributedSampler

from cnnslicer_widgets.datasets import balanced_subset, load_mnist
from cnnslicer_widgets.models import case_study_layers, mnist_lenet
from cnnslicer_widgets.record import Recorder

QUIET = {"progress": False, "verbose": False}


def options(name: str) -> dict:
    """The recorder options of each store (also used by the one-process reference)."""
    if name == "a":
        return {"layers": case_study_layers(mnist_lenet()), "batch_size": 32}
    return {"dtype": "float32", "summarize": {"conv1.0": "histogram"}, "batch_size": 24}


def data():
    probe = balanced_subset(load_mnist(source="embedded", train=False), 10)  # 100 digits
    train = balanced_subset(load_mnist(source="embedded"), 30)  # 300 digits
    return probe, train


def _spy(log: list[str], out: Path) -> None:
    """Log every path under OUT this process opens through h5py or os.open."""
    h5_init, os_open = h5py.File.__init__, os.open

    def h5(self, name, *args, **kwargs):
        if str(out) in str(name):
            log.append(f"h5py {name}")
        h5_init(self, name, *args, **kwargs)

    def opener(path, *args, **kwargs):
        if str(out) in str(path) and str(path).endswith(".h5"):
            log.append(f"os.open {path}")
        return os_open(path, *args, **kwargs)

    h5py.File.__init__ = h5
    os.open = opener


def _error(call) -> str:
    try:
        call()
    except Exception as err:  # noqa: BLE001 - reported to the test
        return f"{type(err).__name__}: {err}"
    return "no error"


def run(rank: int, out: Path, epochs: int) -> None:
    torch.set_num_threads(1)
    dist.init_process_group("gloo", init_method=f"file://{out}/rendezvous", rank=rank,
                            world_size=2)
    opened: list[str] = []
    _spy(opened, out)
    probe, train = data()
    model = DistributedDataParallel(mnist_lenet(seed=0))
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    sampler = DistributedSampler(train, shuffle=True, seed=0)
    loader = DataLoader(train, batch_size=30, sampler=sampler)
    a = dict(options("a"), layers=[f"module.{n}" for n in options("a")["layers"]])
    rec_a = Recorder(model, probe, out / "a.h5", epochs=epochs, **a, **QUIET)
    rec_b = Recorder(model, probe, out / "b.h5", epochs=epochs, writer_rank=1,
                     shard_probe=True, **options("b"), **QUIET)
    report: dict = {"rank": rank, "returned": {}, "layers_a": rec_a.layer_names}
    if rank == 0:
        torch.save(model.module.state_dict(), out / "state_0.pt")
    with rec_a, rec_b:
        if rank == 0:
            while not (out / "go").exists():
                time.sleep(0.02)
        dist.barrier()
        losses = {}
        for epoch in range(1, epochs + 1):
            sampler.set_epoch(epoch)
            model.train()
            total = torch.zeros(2)
            for x, y in loader:
                opt.zero_grad()
                loss = torch.nn.functional.cross_entropy(model(x), y)
                loss.backward()
                opt.step()
                total += torch.tensor([float(loss.detach()) * len(y), len(y)])
            dist.all_reduce(total)
            mean = float(total[0] / total[1])
            losses[epoch] = mean
            if rank == 0:
                torch.save(model.module.state_dict(), out / f"state_{epoch}.pt")
            report["returned"][epoch] = [rec_a.epoch_end(epoch, loss=mean),
                                         rec_b.epoch_end(epoch, loss=mean)]
        report["recorded"] = [rec_a.recorded_epochs, rec_b.recorded_epochs]
        # a wrong call on a collective recorder raises on every rank, and nothing hangs
        report["repeat_epoch"] = _error(lambda: rec_b.epoch_end(1, loss=0.0))
    if rank == 0:
        (out / "losses.json").write_text(json.dumps(losses))
    again = Recorder(model, probe, out / "a.h5", epochs=epochs, resume=True, **a, **QUIET)
    report["next_epoch"] = again.next_epoch
    report["mismatch"] = _error(lambda: Recorder(model, probe, out / "a.h5",
                                                 epochs=epochs + 2, resume=True, **a, **QUIET))
    report["opened"] = opened
    (out / f"rank_{rank}.json").write_text(json.dumps(report))
    dist.destroy_process_group()


if __name__ == "__main__":
    target, n_epochs = Path(sys.argv[1]).resolve(), int(sys.argv[2])
    mp.spawn(run, args=(target, n_epochs), nprocs=2, join=True)
    print("DONE")
