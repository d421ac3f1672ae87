"""The case-study networks of CNNSlicer (paper Sec. 5) and a minimal training loop.

Both models are ``nn.Sequential`` whose top-level children are the case-study "layers"
(a conv+ReLU block counts as one layer), so a recorder can select them by name:

- :func:`mnist_lenet`: ``conv1, pool1, conv2, pool2, fc1, fc2`` for 1x28x28 MNIST digits.
- :func:`cifar_vgg11`: ``layer1 .. layer11`` for 3x32x32 CIFAR-10 images: 1 conv32,
  2 conv32, 3 maxpool, 4 conv64, 5 conv64, 6 maxpool, 7 conv128, 8 conv128, 9 maxpool,
  10 dense, 11 dense output.

:func:`case_study_layers` lists those names. Construction is seeded and leaves the global
random state untouched. :func:`train_epoch` and :func:`evaluate` are the plain loop the
demo, notebooks and benchmarks share; they run on :func:`default_device` unless told.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from typing import NamedTuple

import numpy as np
import torch
from torch import nn

__all__ = [
    "CIFAR_VGG11_LAYERS",
    "MNIST_LENET_LAYERS",
    "Evaluation",
    "case_study_layers",
    "cifar_vgg11",
    "default_device",
    "evaluate",
    "mnist_lenet",
    "train_epoch",
]

MNIST_LENET_LAYERS = ("conv1", "pool1", "conv2", "pool2", "fc1", "fc2")
CIFAR_VGG11_LAYERS = tuple(f"layer{i}" for i in range(1, 12))


def default_device() -> torch.device:
    """CUDA when available, else CPU.

    Examples
    --------
    >>> default_device().type in ("cuda", "cpu")
    True
    """
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def _seeded(build: Callable[[], nn.Sequential], seed: int) -> nn.Sequential:
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        return build()


def _conv_block(
    c_in: int, c_out: int, *, kernel_size: int, padding: int, inplace: bool
) -> nn.Sequential:
    return nn.Sequential(
        nn.Conv2d(c_in, c_out, kernel_size, padding=padding), nn.ReLU(inplace=inplace)
    )


def mnist_lenet(*, seed: int = 0, num_classes: int = 10, inplace: bool = True) -> nn.Sequential:
    """LeNet-style MNIST model: (conv-ReLU-pool) x 2, dense-ReLU, dense output.

    Layers (top-level children): ``conv1`` Conv2d(1, 6, 5, padding=2)+ReLU -> 6x28x28,
    ``pool1`` MaxPool2d(2) -> 6x14x14, ``conv2`` Conv2d(6, 16, 5)+ReLU -> 16x10x10,
    ``pool2`` -> 16x5x5, ``fc1`` Flatten+Linear(400, 120)+ReLU -> 120, ``fc2``
    Linear(120, num_classes) -> logits.

    Parameters
    ----------
    seed : int
        Seeds the weight initialisation (the global torch random state is left as it was).
    num_classes : int
        Output units.
    inplace : bool
        Use ``nn.ReLU(inplace=True)``.

    Examples
    --------
    >>> model = mnist_lenet()
    >>> tuple(model(torch.zeros(2, 1, 28, 28)).shape), case_study_layers(model)[:2]
    ((2, 10), ['conv1', 'pool1'])
    """

    def build() -> nn.Sequential:
        return nn.Sequential(
            OrderedDict(
                [
                    ("conv1", _conv_block(1, 6, kernel_size=5, padding=2, inplace=inplace)),
                    ("pool1", nn.MaxPool2d(2)),
                    ("conv2", _conv_block(6, 16, kernel_size=5, padding=0, inplace=inplace)),
                    ("pool2", nn.MaxPool2d(2)),
                    (
                        "fc1",
                        nn.Sequential(
                            nn.Flatten(), nn.Linear(16 * 5 * 5, 120), nn.ReLU(inplace=inplace)
                        ),
                    ),
                    ("fc2", nn.Linear(120, num_classes)),
                ]
            )
        )

    return _seeded(build, seed)


def cifar_vgg11(
    *, seed: int = 0, num_classes: int = 10, hidden: int = 128, inplace: bool = True
) -> nn.Sequential:
    """The 11-layer VGG-style CIFAR-10 model of the case study (paper Sec. 5.3).

    ``layer1``/``layer2`` conv32 (3x3, padding 1, +ReLU) -> 32x32x32, ``layer3`` maxpool
    -> 32x16x16, ``layer4``/``layer5`` conv64, ``layer6`` maxpool -> 64x8x8,
    ``layer7``/``layer8`` conv128, ``layer9`` maxpool -> 128x4x4, ``layer10`` dense
    (Flatten+Linear(2048, hidden)+ReLU), ``layer11`` dense output Linear(hidden, num_classes).
    Weights use He (Kaiming normal) initialisation, biases zero.

    Parameters
    ----------
    seed : int
        Seeds the weight initialisation (the global torch random state is left as it was).
    num_classes, hidden : int
        Output units and units of the hidden dense layer.
    inplace : bool
        Use ``nn.ReLU(inplace=True)``.

    Examples
    --------
    >>> model = cifar_vgg11()
    >>> tuple(model(torch.zeros(2, 3, 32, 32)).shape), len(case_study_layers(model))
    ((2, 10), 11)
    """

    def build() -> nn.Sequential:
        layers: list[nn.Module] = []
        c_in = 3
        for width in (32, 64, 128):
            for _ in range(2):
                layers.append(_conv_block(c_in, width, kernel_size=3, padding=1, inplace=inplace))
                c_in = width
            layers.append(nn.MaxPool2d(2))
        dense = nn.Sequential(
            nn.Flatten(), nn.Linear(128 * 4 * 4, hidden), nn.ReLU(inplace=inplace)
        )
        layers += [dense, nn.Linear(hidden, num_classes)]
        model = nn.Sequential(OrderedDict(zip(CIFAR_VGG11_LAYERS, layers, strict=True)))
        for module in model.modules():  # He initialisation: an 11-layer plain net starts faster
            if isinstance(module, (nn.Conv2d, nn.Linear)):
                nn.init.kaiming_normal_(module.weight, nonlinearity="relu")
                if module.bias is not None:
                    nn.init.zeros_(module.bias)
        return model

    return _seeded(build, seed)


def case_study_layers(model: nn.Module) -> list[str]:
    """Names of a model's top-level children: the case-study layers of both models.

    Pass them to the recorder to record a conv+ReLU block as one layer.

    Examples
    --------
    >>> case_study_layers(cifar_vgg11())[-3:]
    ['layer9', 'layer10', 'layer11']
    """
    return [name for name, _ in model.named_children()]


def _device_of(model: nn.Module, device: torch.device | str | None) -> torch.device:
    if device is not None:
        return torch.device(device)
    first = next(model.parameters(), None)
    return first.device if first is not None else torch.device("cpu")


def train_epoch(
    model: nn.Module,
    loader: Iterable[tuple[torch.Tensor, torch.Tensor]],
    optimizer: torch.optim.Optimizer,
    *,
    device: torch.device | str | None = None,
    loss_fn: Callable[[torch.Tensor, torch.Tensor], torch.Tensor] | None = None,
    progress: bool = False,
) -> float:
    """Train one epoch; return the mean training loss per sample.

    Parameters
    ----------
    model, loader, optimizer
        The model (already on its device), batches of ``(x, y)``, and its optimizer.
    device : optional
        Where batches go; default the device of the model's parameters.
    loss_fn : callable, optional
        Default ``nn.functional.cross_entropy`` (mean over the batch).
    progress : bool
        Show a tqdm progress bar over batches.

    Examples
    --------
    >>> from cnnslicer_widgets.datasets import data_loader, load_mnist, balanced_subset
    >>> model = mnist_lenet()
    >>> loader = data_loader(balanced_subset(load_mnist(source="embedded"), 20), batch_size=50)
    >>> loss = train_epoch(model, loader, torch.optim.Adam(model.parameters(), lr=1e-3))
    >>> 2.0 < loss < 2.5
    True
    """
    from tqdm.auto import tqdm

    loss_fn = loss_fn or nn.functional.cross_entropy
    device = _device_of(model, device)
    model.train()
    total, count = 0.0, 0
    for x, y in tqdm(loader, desc="train", leave=False, disable=not progress):
        x, y = x.to(device, non_blocking=True), y.to(device, non_blocking=True)
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        total += float(loss.detach()) * len(y)
        count += len(y)
    return total / max(count, 1)


class Evaluation(NamedTuple):
    """Result of :func:`evaluate`: mean loss, accuracy and confusion matrix C[true, pred]."""

    loss: float
    accuracy: float
    confusion: np.ndarray


@torch.no_grad()
def evaluate(
    model: nn.Module,
    loader: Iterable[tuple[torch.Tensor, torch.Tensor]],
    *,
    device: torch.device | str | None = None,
    num_classes: int | None = None,
) -> Evaluation:
    """Mean cross-entropy, accuracy and confusion matrix of ``model`` on ``loader``.

    The model runs in eval mode under ``no_grad``; each module's previous mode is restored.
    ``num_classes`` defaults to the width of the logits.

    Examples
    --------
    >>> x, y = torch.zeros(4, 1, 28, 28), torch.tensor([0, 1, 2, 3])
    >>> result = evaluate(mnist_lenet(), [(x, y)])
    >>> result.confusion.shape, int(result.confusion.sum())
    ((10, 10), 4)
    """
    device = _device_of(model, device)
    modes = {m: m.training for m in model.modules()}
    model.eval()
    total, confusion = 0.0, None
    try:
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            logits = model(x)
            total += float(nn.functional.cross_entropy(logits, y, reduction="sum"))
            k = num_classes or logits.shape[1]
            pairs = (y * k + logits.argmax(1)).cpu()
            counts = torch.bincount(pairs, minlength=k * k).reshape(k, k).numpy()
            confusion = counts if confusion is None else confusion + counts
    finally:
        for module, mode in modes.items():
            module.train(mode)
    if confusion is None:
        raise ValueError("evaluate() got an empty loader")
    n = int(confusion.sum())
    return Evaluation(total / n, float(np.trace(confusion)) / n, confusion.astype(np.int64))
