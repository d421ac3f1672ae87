"""A real recorded run of a torchvision model for the view tests at real-model scale:
torchvision resnet18 (random weights, 10 classes) on real CIFAR-10 images.

Every leaf module is recorded (61 layers: the input, 59 module outputs with the in-place
ReLUs of each block as ``relu`` and ``relu#1``, and the logits), so the views meet a
60-layer network with blocks and skip connections. Recorded once per pytest session (the
first caller records it; later callers find the file), like helpers/lenet_run.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

EPOCHS = 2
PER_CLASS = 10  # probe: 100 test images
TRAIN_PER_CLASS = 50  # training set: 500 images


def record_resnet_run(folder: Path, *, per_class: int = PER_CLASS, epochs: int = EPOCHS,
                      weights: bool = False, stem: str = "resnet18") -> Path:
    """Train resnet18 ``epochs`` epochs (SGD, batches of 64) on 500 CIFAR-10 images,
    recording every leaf module on ``per_class`` test images per class into
    folder/<stem>.h5; a <stem>.done marker skips it next time."""
    import torch
    import torchvision

    from cnnslicer_widgets.datasets import balanced_subset, data_loader, load_cifar10
    from cnnslicer_widgets.models import train_epoch
    from cnnslicer_widgets.record import Recorder

    path, done = folder / f"{stem}.h5", folder / f"{stem}.done"
    if done.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    try:
        train, test = load_cifar10(), load_cifar10(train=False)
    except FileNotFoundError as err:
        pytest.fail(f"real CIFAR-10 (offline copy in ../shared/datasets) is needed: {err}")
    torch.manual_seed(0)
    model = torchvision.models.resnet18(weights=None, num_classes=10)
    loader = data_loader(balanced_subset(train, TRAIN_PER_CLASS), batch_size=64, seed=0)
    opt = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)
    rec = Recorder(model, balanced_subset(test, per_class), path, epochs=epochs,
                   eval_data=balanced_subset(test, 20), dataset_name="CIFAR-10",
                   weights=weights, overwrite=True, progress=False, verbose=False)
    with rec:
        for epoch in range(1, epochs + 1):
            rec.epoch_end(epoch, loss=train_epoch(model, loader, opt))
    done.touch()
    return path


def resnet_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's recorded resnet18 run (recorded on first use)."""
    return record_resnet_run(tmp_path_factory.getbasetemp() / "resnet_run")
