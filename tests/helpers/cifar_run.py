"""A real recorded CIFAR-10 run for the view tests: models.cifar_vgg11 on real CIFAR images.

cifar_vgg11 trained 2 epochs on 300 images, 50 probe images. Eleven case-study layers and
ten long class names ("airplane", "automobile", ...): the run that the CIFAR view tests
(tests/browser/test_views_cifar.py) check labels on. Recorded once per pytest session,
like helpers/lenet_run.py (later callers find the file).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.lenet_run import record_run

PER_CLASS = 5  # probe: 50 images
TRAIN_PER_CLASS = 30  # training set: 300 images
EPOCHS = 2


def record_cifar_run(folder: Path) -> Path:
    """Record cifar_vgg11 (case-study layers) into folder/cifar.h5."""
    from cnnslicer_widgets.datasets import balanced_subset, load_cifar10
    from cnnslicer_widgets.models import cifar_vgg11

    if (folder / "cifar.done").exists():
        return folder / "cifar.h5"
    try:
        train = load_cifar10()  # torchvision copy if any, else the offline npz subset
        test = load_cifar10(train=False)
    except FileNotFoundError as err:
        pytest.fail(f"real CIFAR-10 (offline copy in ../shared/datasets) is needed: {err}")
    return record_run(
        folder, "cifar", cifar_vgg11(seed=0), balanced_subset(train, TRAIN_PER_CLASS),
        balanced_subset(train, PER_CLASS), balanced_subset(test, 20), "CIFAR-10", EPOCHS,
    )  # fmt: skip


def cifar_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's recorded CIFAR-10 run (recorded on first use)."""
    return record_cifar_run(tmp_path_factory.getbasetemp() / "cifar_run")
