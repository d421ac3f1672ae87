"""Case-study models: shapes, the named CNNSlicer layers, seeding, and training on real data."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from torch import nn

from cnnslicer_widgets.datasets import balanced_subset, data_loader, load_cifar10, load_mnist
from cnnslicer_widgets.models import (
    CIFAR_VGG11_LAYERS,
    MNIST_LENET_LAYERS,
    case_study_layers,
    cifar_vgg11,
    default_device,
    evaluate,
    mnist_lenet,
    train_epoch,
)


def layer_shapes(model: nn.Module, x: torch.Tensor) -> dict[str, tuple[int, ...]]:
    shapes: dict[str, tuple[int, ...]] = {}
    handles = [
        getattr(model, name).register_forward_hook(
            lambda m, a, out, name=name: shapes.__setitem__(name, tuple(out.shape[1:]))
        )
        for name in case_study_layers(model)
    ]
    try:
        model(x)
    finally:
        for handle in handles:
            handle.remove()
    return shapes


def test_lenet_layers_and_shapes():
    model = mnist_lenet()
    assert case_study_layers(model) == list(MNIST_LENET_LAYERS)
    assert layer_shapes(model, torch.zeros(2, 1, 28, 28)) == {
        "conv1": (6, 28, 28),
        "pool1": (6, 14, 14),
        "conv2": (16, 10, 10),
        "pool2": (16, 5, 5),
        "fc1": (120,),
        "fc2": (10,),
    }


def test_vgg11_has_the_eleven_case_study_layers():
    model = cifar_vgg11()
    assert (
        case_study_layers(model) == [f"layer{i}" for i in range(1, 12)] == list(CIFAR_VGG11_LAYERS)
    )
    widths = {1: 32, 2: 32, 4: 64, 5: 64, 7: 128, 8: 128}
    for i, width in widths.items():
        block = getattr(model, f"layer{i}")
        assert [type(m) for m in block] == [nn.Conv2d, nn.ReLU] and block[0].out_channels == width
    assert all(isinstance(getattr(model, f"layer{i}"), nn.MaxPool2d) for i in (3, 6, 9))
    assert isinstance(model.layer10[1], nn.Linear) and isinstance(model.layer11, nn.Linear)
    assert layer_shapes(model, torch.zeros(2, 3, 32, 32)) == {
        "layer1": (32, 32, 32),
        "layer2": (32, 32, 32),
        "layer3": (32, 16, 16),
        "layer4": (64, 16, 16),
        "layer5": (64, 16, 16),
        "layer6": (64, 8, 8),
        "layer7": (128, 8, 8),
        "layer8": (128, 8, 8),
        "layer9": (128, 4, 4),
        "layer10": (128,),
        "layer11": (10,),
    }


@pytest.mark.parametrize("build", [mnist_lenet, cifar_vgg11])
def test_construction_is_seeded_and_leaves_global_rng_alone(build):
    state = torch.get_rng_state()
    a, b, c = build(seed=1), build(seed=1), build(seed=2)
    assert torch.equal(state, torch.get_rng_state())
    for key, value in a.state_dict().items():
        assert torch.equal(value, b.state_dict()[key])
    assert not torch.equal(
        a.state_dict()[next(iter(a.state_dict()))], c.state_dict()[next(iter(c.state_dict()))]
    )


def test_default_device():
    assert default_device() == torch.device("cuda" if torch.cuda.is_available() else "cpu")


def test_lenet_learns_real_mnist():
    train = load_mnist(source="embedded")
    test = load_mnist(source="embedded", train=False)
    model = mnist_lenet(seed=0)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loader = data_loader(train, batch_size=64, seed=0)
    before = evaluate(model, data_loader(test, batch_size=250, shuffle=False))
    losses = [train_epoch(model, loader, optimizer) for _ in range(2)]
    after = evaluate(model, data_loader(test, batch_size=250, shuffle=False))
    assert losses[1] < losses[0] < before.loss
    assert after.loss < before.loss
    assert after.accuracy > 0.6  # chance is 0.1
    assert after.confusion.sum() == 500 and after.confusion.sum(axis=1).tolist() == [50] * 10


def test_vgg11_training_steps_reduce_loss_on_real_cifar10():
    data = balanced_subset(load_cifar10(source="npz"), 10)  # 100 real images
    model = cifar_vgg11(seed=0)
    optimizer = torch.optim.Adam(model.parameters(), lr=5e-4)
    whole = data_loader(data, batch_size=100, shuffle=False)
    losses = [evaluate(model, whole).loss]
    for _ in range(5):
        train_epoch(model, data_loader(data, batch_size=20, seed=0), optimizer)
        losses.append(evaluate(model, whole).loss)
    assert losses[-1] < 0.85 * losses[0]
    assert all(b < a for a, b in zip(losses, losses[1:], strict=False))


def test_train_epoch_returns_mean_loss_per_sample():
    # With lr=0 nothing changes, so the training loss over uneven batches (64 + 36) must equal
    # the evaluation loss of the same 100 images.
    data = balanced_subset(load_mnist(source="embedded"), 10)
    model = mnist_lenet(seed=3)
    loss = train_epoch(
        model, data_loader(data, batch_size=64), torch.optim.SGD(model.parameters(), lr=0.0)
    )
    reference = evaluate(model, data_loader(data, batch_size=100, shuffle=False)).loss
    assert loss == pytest.approx(reference, rel=1e-5)


def test_evaluate_counts_and_restores_mode():
    model = mnist_lenet()
    model.train()
    model.fc1.eval()  # a mixed state must come back as it was
    x = torch.rand(30, 1, 28, 28, generator=torch.Generator().manual_seed(0))
    y = torch.arange(30) % 10
    result = evaluate(model, [(x[:16], y[:16]), (x[16:], y[16:])])
    with torch.no_grad():
        pred = model(x).argmax(1)
    expected = np.zeros((10, 10), dtype=np.int64)
    np.add.at(expected, (y.numpy(), pred.numpy()), 1)
    np.testing.assert_array_equal(result.confusion, expected)
    assert result.accuracy == pytest.approx(float((pred == y).float().mean()))
    assert model.training and not model.fc1.training and model.conv1.training
