"""Real recorded MNIST runs for the view tests (query and performance views).

- :func:`record_small_lenet`: the case-study LeNet (named layers conv1 ... fc2) trained on
  real MNIST digits, with a small probe; any number of epochs, even 0 (a single-epoch store).
  (helpers/lenet_run.py holds the session's shared 3-epoch LeNet run.)
- :func:`record_size_runs`: one run per training-set size (e.g. 100 / 300 images per class),
  the probe being the whole training set so that its inter-sample entropy is the dataset's
  diversity (paper Fig. 5); only the output layer is recorded besides the input.
Both take the ``mnist_arrays`` fixture of tests/conftest.py (real digits, uint8).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from helpers.shared import small_cnn, train_epoch


def _tensors(images: np.ndarray, labels: np.ndarray):
    import torch

    x = torch.tensor(images, dtype=torch.float32).unsqueeze(1) / 255
    return x, torch.tensor(labels)


def _per_class(labels: np.ndarray, n: int) -> np.ndarray:
    return np.concatenate([np.flatnonzero(labels == c)[:n] for c in range(10)])


def record_small_lenet(
    path: Path,
    arrays: dict[str, np.ndarray],
    *,
    epochs: int = 3,
    train_size: int = 2000,
    probe_per_class: int = 10,
) -> Path:
    """LeNet (conv1, pool1, conv2, pool2, fc1, fc2) trained with Adam, every epoch recorded."""
    import torch

    from cnnslicer_widgets.models import case_study_layers, mnist_lenet
    from cnnslicer_widgets.record import Recorder

    x, y = _tensors(arrays["x_train"][:train_size], arrays["y_train"][:train_size])
    probe = _per_class(arrays["y_train"][:train_size], probe_per_class)
    eval_data = _tensors(arrays["x_test"][:500], arrays["y_test"][:500])
    model = mnist_lenet(seed=0)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    with Recorder(model, (x[probe], y[probe]), path, epochs=epochs, indices=probe,
                  layers=case_study_layers(model), eval_data=eval_data,
                  classes=[str(i) for i in range(10)], dataset_name="MNIST",
                  progress=False, verbose=False) as rec:  # fmt: skip
        for epoch in range(1, epochs + 1):
            rec.epoch_end(epoch, loss=train_epoch(model, x, y, opt))
    return path


def record_size_runs(
    folder: Path,
    arrays: dict[str, np.ndarray],
    *,
    per_class: Sequence[int] = (100, 300),
    epochs: int = 4,
    lr: float = 0.05,
) -> list[Path]:
    """One run per training-set size: plain SGD, so early epochs leave classes unpredicted."""
    import torch

    from cnnslicer_widgets.record import Recorder

    eval_data = _tensors(arrays["x_test"][:500], arrays["y_test"][:500])
    paths = []
    for n in per_class:
        idx = _per_class(arrays["y_train"], n)
        x, y = _tensors(arrays["x_train"][idx], arrays["y_train"][idx])
        model = small_cnn(seed=0)
        opt = torch.optim.SGD(model.parameters(), lr=lr)
        path = Path(folder) / f"mnist_{n}_per_class.h5"
        with Recorder(model, (x, y), path, epochs=epochs, indices=idx, layers=["9"],
                      eval_data=eval_data, classes=[str(i) for i in range(10)],
                      dataset_name=f"MNIST {n}/class", progress=False, verbose=False) as rec:  # fmt: skip
            for epoch in range(1, epochs + 1):
                rec.epoch_end(epoch, loss=train_epoch(model, x, y, opt))
        paths.append(path)
    return paths
