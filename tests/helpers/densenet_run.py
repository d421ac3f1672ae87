"""A ~370-layer run for the views at the scale of a large network: torchvision densenet121
(random weights, 10 classes), every leaf module recorded on 20 real CIFAR-10 test images at
epochs 0 and 1 (one training step on the probe between them; no weights stored). Recorded
once per pytest session, like helpers/resnet_run.py (about 20 s under load).
"""

from __future__ import annotations

from pathlib import Path

import pytest


def record_densenet_run(folder: Path, *, per_class: int = 2, stem: str = "densenet121") -> Path:
    """Record densenet121 into folder/<stem>.h5 (a <stem>.done marker skips it next time)."""
    import torch
    import torchvision

    from cnnslicer_widgets.datasets import balanced_subset, load_cifar10
    from cnnslicer_widgets.record import Recorder

    path, done = folder / f"{stem}.h5", folder / f"{stem}.done"
    if done.exists():
        return path
    folder.mkdir(parents=True, exist_ok=True)
    try:
        probe = balanced_subset(load_cifar10(train=False), per_class)
    except FileNotFoundError as err:
        pytest.fail(f"real CIFAR-10 (offline copy in ../shared/datasets) is needed: {err}")
    torch.manual_seed(0)
    model = torchvision.models.densenet121(weights=None, num_classes=10)
    opt = torch.optim.SGD(model.parameters(), lr=0.01)
    rec = Recorder(model, probe, path, epochs=1, dataset_name="CIFAR-10", weights=False,
                   overwrite=True, progress=False, verbose=False)
    with rec:
        x, y = rec.probe.x, torch.as_tensor(rec.probe.labels)
        loss = torch.nn.functional.cross_entropy(model(x), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
        rec.epoch_end(1, loss=loss.item())
    done.touch()
    return path


def densenet_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The session's recorded densenet121 run (recorded on first use)."""
    return record_densenet_run(tmp_path_factory.getbasetemp() / "densenet_run")
