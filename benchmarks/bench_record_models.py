"""Recording overhead on real models: torchvision resnet18 and densenet121 (random weights,
10 classes) trained on the 4,000 CIFAR-10 training images of ../shared/datasets, recorded on a
500-image probe, every leaf module (the default) and the block level.

For each model and level, side by side in one run: a training epoch alone, then the same
epoch followed by ``rec.epoch_end`` (the recording pass: the probe's forward pass, copying
the outputs channels first, writing the store). Prints each time and the ratio
recording / training epoch (target <= 0.10), plus the store's size per epoch.

    .venv/bin/python benchmarks/bench_record_models.py [--train 4000] [--probe 500] [--epochs 2]
"""

from __future__ import annotations

import argparse
import os
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


def run(name: str, level: str, train, probe, epochs: int, folder: str) -> None:
    model = model_of(name)
    loader = data_loader(train, batch_size=64, seed=0)
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    path = os.path.join(folder, f"{name}-{level}.h5")
    rec = Recorder(model, probe, path, epochs=epochs, layers=level, overwrite=True,
                   progress=False, verbose=False)
    t0 = time.perf_counter()
    rec.start()
    start = time.perf_counter() - t0
    size0 = os.path.getsize(path)
    train_s, record_s = [], []
    for epoch in range(1, epochs + 1):
        t0 = time.perf_counter()
        loss = train_epoch(model, loader, opt)
        t1 = time.perf_counter()
        rec.epoch_end(epoch, loss=loss)
        t2 = time.perf_counter()
        train_s.append(t1 - t0)
        record_s.append(t2 - t1)
    rec.close()
    per_epoch = (os.path.getsize(path) - size0) / epochs
    tr, re = min(train_s), min(record_s)
    print(f"{name:12s} {level:7s} {len(rec.layers):4d} layers  training epoch {tr:7.1f} s  "
          f"recording {re:6.2f} s (epoch 0 with creation: {start:.2f} s)  "
          f"{per_epoch / 1e6:7.1f} MB/epoch  -> recording / training {re / tr:.3f} "
          f"(<= 0.10)", flush=True)
    os.remove(path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=int, default=4000, help="training images per epoch")
    parser.add_argument("--probe", type=int, default=500, help="probe images")
    parser.add_argument("--epochs", type=int, default=2, help="epochs timed (best counts)")
    parser.add_argument("--models", default="resnet18,densenet121")
    parser.add_argument("--levels", default="leaves,blocks")
    args = parser.parse_args()
    data = load_cifar10()
    train = data if args.train >= len(data) else balanced_subset(data, args.train // 10)
    probe = balanced_subset(load_cifar10(train=False), args.probe // 10)
    print(f"{len(train)} training images per epoch, {len(probe)} probe images, "
          f"torch threads {torch.get_num_threads()}, load {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as folder:
        for name in args.models.split(","):
            for level in args.levels.split(","):
                run(name, level, train, probe, args.epochs, folder)


if __name__ == "__main__":
    main()
