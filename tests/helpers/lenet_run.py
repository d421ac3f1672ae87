"""A real recorded run for the view tests: models.mnist_lenet on real MNIST digits.

The store is written once per pytest session (the first caller records it; later callers,
in other test modules, find the file) so that the layer and channel view tests, in Python
and in the browser, read the same run, and a notebook kernel can rebuild the model with
``mnist_lenet(seed=0)`` for the deconvnet (the weights come from the store).
"""

from __future__ import annotations

from pathlib import Path

import pytest

EPOCHS = 3
PER_CLASS = 10  # probe: 100 digits
TRAIN_PER_CLASS = 200  # training set: 2,000 digits


def record_run(
    folder: Path, stem: str, model, train, probe, eval_data, dataset: str, epochs: int = EPOCHS
) -> Path:
    """Train ``model`` (Adam, batches of 64) ``epochs`` epochs on ``train``, recording every
    top-level layer on ``probe`` into folder/<stem>.h5; a <stem>.done marker skips it next time.
    """
    import torch

    from cnnslicer_widgets.datasets import data_loader
    from cnnslicer_widgets.models import case_study_layers, train_epoch
    from cnnslicer_widgets.record import Recorder

    path = folder / f"{stem}.h5"
    done = folder / f"{stem}.done"
    if done.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    loader = data_loader(train, batch_size=64, seed=0)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    rec = Recorder(
        model, probe, path, epochs=epochs, layers=case_study_layers(model), eval_data=eval_data,
        dataset_name=dataset, overwrite=True, progress=False, verbose=False,
    )  # fmt: skip
    with rec:
        for epoch in range(1, epochs + 1):
            rec.epoch_end(epoch, loss=train_epoch(model, loader, opt))
    done.touch()
    return path


def record_lenet_run(folder: Path) -> Path:
    """Record mnist_lenet (case-study layers) for EPOCHS epochs into folder/lenet.h5."""
    from cnnslicer_widgets.datasets import balanced_subset, load_mnist
    from cnnslicer_widgets.models import mnist_lenet

    if (folder / "lenet.done").exists():
        return folder / "lenet.h5"
    try:
        train = load_mnist(source="torchvision")
        test = load_mnist(source="torchvision", train=False)
    except FileNotFoundError as err:
        pytest.fail(f"real MNIST (offline copy in ../shared/datasets) is needed: {err}")
    return record_run(
        folder, "lenet", mnist_lenet(seed=0), balanced_subset(train, TRAIN_PER_CLASS),
        balanced_subset(train, PER_CLASS), balanced_subset(test, 50), "MNIST",
    )  # fmt: skip


def lenet_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's recorded LeNet run (recorded on first use)."""
    return record_lenet_run(tmp_path_factory.getbasetemp() / "lenet_run")
