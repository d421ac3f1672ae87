"""The plan is the truth: the size printed before recording is the size of the file.

The case-study models (mnist_lenet, cifar_vgg11 with their case-study layers) and
torchvision's resnet18 and densenet121 (random weights, every leaf layer, 32x32 CIFAR-10
images) are recorded for a few epochs; the finished file must lie within 5% of the plan.
``max_bytes`` is a hard limit and nonsense limits are errors.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import torch
import torchvision

from cnnslicer_widgets.models import case_study_layers, cifar_vgg11, mnist_lenet
from cnnslicer_widgets.record import Recorder, StoreTooLargeError, parse_bytes
from helpers.shared import SHARED

QUIET = {"progress": False, "verbose": False}
SIZES: dict[str, tuple[int, int]] = {}


@pytest.fixture(scope="module")
def cifar() -> tuple[torch.Tensor, torch.Tensor]:
    d = np.load(SHARED / "datasets" / "cifar10" / "cifar10_subset.npz")
    return (torch.tensor(d["x_train"][:100], dtype=torch.float32) / 255,
            torch.tensor(d["y_train"][:100].astype(np.int64)))


def _build(name: str):
    torch.manual_seed(0)
    if name == "mnist_lenet":
        model = mnist_lenet(seed=0)
        return model, case_study_layers(model), (1, 28, 28), 200
    if name == "cifar_vgg11":
        model = cifar_vgg11(seed=0)
        return model, case_study_layers(model), (3, 32, 32), 100
    if name == "resnet18":
        return torchvision.models.resnet18(weights=None, num_classes=10), None, (3, 32, 32), 100
    return torchvision.models.densenet121(weights=None, num_classes=10), None, (3, 32, 32), 48


@pytest.mark.parametrize("name", ["mnist_lenet", "cifar_vgg11", "resnet18", "densenet121"])
def test_planned_size_is_the_file_size(tmp_path, cifar, name):
    torch.set_num_threads(1)
    model, layers, shape, n = _build(name)
    if shape[0] == 3:
        x, y = cifar[0][:n], cifar[1][:n]
    else:
        x, y = torch.rand(n, *shape), torch.arange(n) % 10
    path = tmp_path / f"{name}.h5"
    rec = Recorder(model, (x, y), path, epochs=2, layers=layers, max_bytes=None, **QUIET)
    with rec:
        for epoch in (1, 2):
            rec.epoch_end(epoch, loss=1.0)
    planned, written = rec.plan["total"], path.stat().st_size
    SIZES[name] = (planned, written)
    print(f"\n{name}: planned {planned:,} B, written {written:,} B "
          f"({written / planned - 1:+.2%})")
    assert abs(written / planned - 1) < 0.05


def test_max_bytes_is_a_hard_limit(tmp_path, cifar):
    x, y = cifar[0][:20], cifar[1][:20]
    model = torchvision.models.resnet18(weights=None, num_classes=10)
    plan = Recorder(model, (x, y), tmp_path / "p.h5", epochs=3, max_bytes=None, **QUIET).plan
    with pytest.raises(StoreTooLargeError, match=r"more than max_bytes=.*Plan: .*To fit: "
                       r"record fewer epochs.*weights=False") as err:
        Recorder(model, (x, y), tmp_path / "big.h5", epochs=3, max_bytes=plan["total"] - 1,
                 **QUIET)
    assert f"{plan['total'] / 1e6:.1f} MB" in str(err.value)
    assert not (tmp_path / "big.h5").exists()
    limit = plan["total"] + 1
    path = tmp_path / "fits.h5"
    with Recorder(model, (x, y), path, epochs=3, max_bytes=limit, **QUIET) as rec:
        rec.epoch_end(1)
        rec.flush()  # the size of the file holding epoch 1 (written behind)
        rec.max_bytes = path.stat().st_size + plan["per_epoch"] // 2  # the disk plan shrinks
        with pytest.raises(StoreTooLargeError, match="stopped before it. Epochs 0, 1 are "
                           "complete"):
            rec.epoch_end(2)
    assert path.stat().st_size <= rec.max_bytes
    from cnnslicer_widgets.cube import open_cube

    assert open_cube(path).epochs == [0, 1] and open_cube(path).incomplete_epochs == []


@pytest.mark.parametrize("bad", [-1, 0, 0.5, math.nan, math.inf, "-5MB", "lots", "1.2.3GB",
                                 "iB", "", True, [1]])
def test_nonsense_limits_are_errors(bad):
    with pytest.raises((ValueError, TypeError), match="size"):
        parse_bytes(bad)


def test_sensible_limits_read_as_bytes():
    assert parse_bytes("2GB") == 2_000_000_000 and parse_bytes("1KiB") == 1024
    assert parse_bytes(" 1.5 mb ") == 1_500_000 and parse_bytes(10**9) == 10**9
    assert parse_bytes(2e9) == 2_000_000_000 and parse_bytes(np.int64(7)) == 7
    assert parse_bytes(None) is None
