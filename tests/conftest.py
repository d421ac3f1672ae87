"""Shared fixtures: real MNIST data from ../shared/datasets and one recorded run per session."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CNNSLICER_SHARED", ROOT.parent / "shared"))
DATASETS = SHARED / "datasets"


def _read_idx(path: Path) -> np.ndarray:
    raw = path.read_bytes()
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i : 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


@pytest.fixture(scope="session")
def mnist_arrays() -> dict[str, np.ndarray]:
    """The real MNIST digits of ../shared/datasets (8,000 train, 2,000 test), as uint8."""
    raw = DATASETS / "MNIST" / "raw"
    if not raw.exists():
        pytest.fail(f"real MNIST subset not found at {raw}; ../shared must sit beside the repo "
                    "(or set CNNSLICER_SHARED)")
    return {
        "x_train": _read_idx(raw / "train-images-idx3-ubyte"),
        "y_train": _read_idx(raw / "train-labels-idx1-ubyte").astype(np.int64),
        "x_test": _read_idx(raw / "t10k-images-idx3-ubyte"),
        "y_test": _read_idx(raw / "t10k-labels-idx1-ubyte").astype(np.int64),
    }


def small_cnn(seed: int = 0, inplace: bool = True):
    """A LeNet-like Sequential CNN with in-place ReLUs (a torch test subject)."""
    import torch
    from torch import nn

    torch.manual_seed(seed)
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(inplace=inplace), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(inplace=inplace), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * 5 * 5, 32), nn.ReLU(inplace=inplace), nn.Linear(32, 10),
    )


def train_epoch(model, x, y, opt, batch: int = 100) -> float:
    import torch
    from torch import nn

    model.train()
    total = 0.0
    g = torch.Generator().manual_seed(len(x))
    order = torch.randperm(len(x), generator=g)
    for s in range(0, len(x), batch):
        idx = order[s : s + batch]
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(x[idx]), y[idx])
        loss.backward()
        opt.step()
        total += loss.item() * len(idx)
    return total / len(x)


@pytest.fixture(scope="session")
def mnist_run(tmp_path_factory, mnist_arrays) -> Path:
    """A real recorded run: a small CNN trained 3 epochs on 2,000 real MNIST digits.

    Probe: 200 training digits (20 per class); evaluation set: 500 test digits.
    """
    import torch

    from cnnslicer_widgets.record import Recorder

    a = mnist_arrays
    x = torch.tensor(a["x_train"][:2000], dtype=torch.float32).unsqueeze(1) / 255
    y = torch.tensor(a["y_train"][:2000])
    probe_idx = np.concatenate([np.flatnonzero(a["y_train"] == c)[:20] for c in range(10)])
    xt = torch.tensor(a["x_test"][:500], dtype=torch.float32).unsqueeze(1) / 255
    yt = torch.tensor(a["y_test"][:500])
    model = small_cnn()
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    path = tmp_path_factory.mktemp("run") / "mnist.h5"
    probe = (x[probe_idx], y[probe_idx])
    with Recorder(model, probe, path, epochs=3, indices=probe_idx, eval_data=(xt, yt), classes=[str(i) for i in range(10)],
                  dataset_name="MNIST", progress=False, verbose=False) as rec:
        for epoch in range(1, 4):
            rec.epoch_end(epoch, loss=train_epoch(model, x, y, opt))
    return path
