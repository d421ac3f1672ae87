"""Recording overhead on real models: torchvision resnet18 and densenet121 (random weights,
10 classes) trained on the 4,000 CIFAR-10 training images of ../shared/datasets, recorded on a
500-image probe, every leaf module (the default) and the block level.

The recorder writes behind (``Recorder(write_behind=...)``): ``rec.epoch_end`` returns after
the probe pass and its last HDF5 writes overlap the next training epoch, so the time
``epoch_end`` blocks is not what recording costs. For each model and level, side by side
in one run, two copies of the model (same seed, same batches) train ``--epochs`` epochs:

- *recorded*: ``rec.start()`` (epoch 0, not timed), then per epoch the training epoch and
  ``rec.epoch_end``, and at the end ``rec.close()``, which waits for the last writes: all
  of it timed, one total;
- *plain*: the same epochs without any recorder.

``--repeats`` pairs of such runs, alternating which goes first.

The overhead is (recorded total - plain total) / plain total (target <= 0.10). It counts
everything recording costs: the probe passes, the writes, what the writes slow training
down by, and the last epoch's writes that nothing overlaps (once per run: fewer epochs
make it weigh more). Also printed: the time ``epoch_end`` blocks, the wait in ``close``,
the ratio with ``write_behind=0`` if ``--sync`` (every write inside ``epoch_end``), and
the process's CPU time (all threads) of each run, which other processes on the machine
disturb less than wall time (OpenMP's spin-waiting counts in it too).

    .venv/bin/python benchmarks/bench_record_models.py [--train 4000] [--probe 500] [--epochs 2]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

import torch
import torchvision

from cnnslicer_widgets.datasets import balanced_subset, data_loader, load_cifar10
from cnnslicer_widgets.models import train_epoch
from cnnslicer_widgets.record import Recorder


def model_of(name: str) -> torch.nn.Module:
    torch.manual_seed(0)
    return getattr(torchvision.models, name)(weights=None, num_classes=10)


def plain_run(name: str, train, epochs: int) -> dict:
    """Seconds of each training epoch without recording, and CPU seconds in all."""
    model = model_of(name)
    loader = data_loader(train, batch_size=64, seed=0)
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    times = []
    cpu = time.process_time()
    for _ in range(epochs):
        t0 = time.perf_counter()
        train_epoch(model, loader, opt)
        times.append(time.perf_counter() - t0)
    return {"epoch_s": times, "cpu_s": time.process_time() - cpu}


def recorded_run(name: str, level: str, train, probe, epochs: int, path: str,
                 write_behind: str | int) -> dict:
    """Seconds of each training epoch + epoch_end, of each epoch_end, of the final close."""
    model = model_of(name)
    loader = data_loader(train, batch_size=64, seed=0)
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    rec = Recorder(model, probe, path, epochs=epochs, layers=level, overwrite=True,
                   progress=False, verbose=False, write_behind=write_behind)
    rec.start()  # epoch 0 (creating the file too), written before start returns
    size0 = os.path.getsize(path)
    epoch_s, end_s = [], []
    cpu = time.process_time()
    for epoch in range(1, epochs + 1):
        t0 = time.perf_counter()
        loss = train_epoch(model, loader, opt)
        t1 = time.perf_counter()
        rec.epoch_end(epoch, loss=loss)
        t2 = time.perf_counter()
        epoch_s.append(t2 - t0)
        end_s.append(t2 - t1)
    t0 = time.perf_counter()
    rec.close()
    close_s = time.perf_counter() - t0
    out = {"cpu_s": time.process_time() - cpu, "epoch_s": epoch_s, "end_s": end_s, "close_s": close_s, "layers": len(rec.layers),
           "mb": (os.path.getsize(path) - size0) / epochs / 1e6}
    os.remove(path)
    return out


def run(name: str, level: str, train, probe, args, folder: str) -> list[tuple[float, float]]:
    """``--repeats`` pairs of runs, plain and recorded, alternating which goes first (a
    load that changes during the pair then favours neither); prints each pair."""
    path = os.path.join(folder, f"{name}-{level}.h5")
    recorded = ["behind"] + (["sync"] if args.sync else [])
    ratios = []
    for rep in range(args.repeats):
        kinds = ["plain", *recorded] if rep % 2 == 0 else [*recorded, "plain"]
        res: dict = {}
        for kind in kinds:
            if kind == "plain":
                res[kind] = plain_run(name, train, args.epochs)
            else:
                res[kind] = recorded_run(name, level, train, probe, args.epochs, path,
                                         "1GB" if kind == "behind" else 0)
        plain, plain_cpu = sum(res["plain"]["epoch_s"]), res["plain"]["cpu_s"]
        load = os.getloadavg()
        for kind in recorded:
            r = res[kind]
            total = sum(r["epoch_s"]) + r["close_s"]
            ratio = (total - plain) / plain
            if kind == "behind":
                ratios.append((plain, total))
            print(f"{name:11s} {level:6s} {r['layers']:3d} layers {args.epochs} epochs "
                  f"({kinds[0]} first): plain {plain:5.1f} s, recorded ({kind}) {total:5.1f} s"
                  f" = training+epoch_end {sum(r['epoch_s']):5.1f} + close "
                  f"{r['close_s']:4.2f}; epoch_end blocks {min(r['end_s']):4.2f}-"
                  f"{max(r['end_s']):4.2f} s; {r['mb']:5.1f} MB/epoch -> overhead "
                  f"{ratio:.3f} (<= 0.10); CPU time {plain_cpu:5.1f} -> {r['cpu_s']:5.1f} s, "
                  f"{r['cpu_s'] / plain_cpu - 1:+.3f} [load {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}]",
                  flush=True)
    return ratios


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=int, default=4000, help="training images per epoch")
    parser.add_argument("--probe", type=int, default=500, help="probe images")
    parser.add_argument("--epochs", type=int, default=2, help="training epochs timed per run")
    parser.add_argument("--models", default="resnet18,densenet121")
    parser.add_argument("--levels", default="leaves,blocks")
    parser.add_argument("--repeats", type=int, default=1,
                        help="pairs of runs (plain, recorded) per model and level")
    parser.add_argument("--sync", action="store_true",
                        help="also a recorded run with write_behind=0 (writes in epoch_end)")
    args = parser.parse_args()
    data = load_cifar10()
    train = data if args.train >= len(data) else balanced_subset(data, args.train // 10)
    probe = balanced_subset(load_cifar10(train=False), args.probe // 10)
    print(f"{len(train)} training images per epoch, {len(probe)} probe images, "
          f"torch threads {torch.get_num_threads()}, load {os.getloadavg()[0]:.2f}")
    summary = []
    with tempfile.TemporaryDirectory() as folder:
        for name in args.models.split(","):
            for level in args.levels.split(","):
                pairs = run(name, level, train, probe, args, folder)
                ratios = [(total - plain) / plain for plain, total in pairs]
                plain, total = (sum(p[i] for p in pairs) for i in (0, 1))
                summary.append(f"{name} {level}: overhead "
                               + ", ".join(f"{r:.3f}" for r in ratios)
                               + f" (median {statistics.median(ratios):.3f}; all pairs summed "
                               f"{(total - plain) / plain:.3f}; <= 0.10)")
    print("\n".join(summary))


if __name__ == "__main__":
    main()
