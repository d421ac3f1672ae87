"""Deconvnet against known answers: transposed convolution, switches, the ReLU rule."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
import torchvision
import xarray as xr
from torch import nn

from cnnslicer_widgets.datasets import balanced_subset, load_cifar10, load_mnist, to_tensors
from cnnslicer_widgets.deconv import deconvnet
from cnnslicer_widgets.models import case_study_layers, cifar_vgg11, mnist_lenet


def seeded(build, seed=0):
    torch.manual_seed(seed)
    return build()


def rand(*shape, seed=0):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed))


def keep(maps: torch.Tensor, channel: int) -> torch.Tensor:
    kept = torch.zeros_like(maps)
    kept[:, channel] = maps[:, channel]
    return kept


@pytest.mark.parametrize(("stride", "size"), [(1, 7), (2, 9)])
@pytest.mark.parametrize("inplace", [False, True])
def test_single_conv_is_the_transposed_convolution_of_the_kept_map(stride, size, inplace):
    model = seeded(
        lambda: nn.Sequential(nn.Conv2d(2, 3, 3, stride=stride, padding=1), nn.ReLU(inplace))
    )
    conv = model[0]
    x = rand(2, 2, size, size)
    with torch.no_grad():
        pre = conv(x)
    for layer, maps in (("0", pre), ("1", pre.clamp(min=0))):  # before and after the ReLU
        expected = F.conv_transpose2d(
            keep(maps, 1), conv.weight.detach(), stride=stride, padding=1
        )  # sizes chosen so that no output_padding is needed
        result = deconvnet(model, x, layer, 1)
        assert result.shape == (2, 2, size, size)
        np.testing.assert_allclose(result.values, expected.numpy(), rtol=1e-5, atol=1e-6)
        np.testing.assert_allclose(result["activation_max"], maps[:, 1].amax((1, 2)), rtol=1e-6)


def test_max_unpooling_puts_values_at_the_switches():
    model = nn.Sequential(nn.ReLU(), nn.MaxPool2d(2))
    x = torch.full((1, 2, 4, 4), 0.5)
    maxima = {(0, 1): 3.0, (1, 2): 4.0, (2, 0): 5.0, (3, 3): 6.0}  # one per 2x2 window
    for (i, j), value in maxima.items():
        x[0, 1, i, j] = value
    result = deconvnet(model, x, "1", 1)
    expected = np.zeros((1, 2, 4, 4), dtype=np.float32)
    for (i, j), value in maxima.items():
        expected[0, 1, i, j] = value
    np.testing.assert_array_equal(result.values, expected)
    pooled, switches = F.max_pool2d(x, 2, return_indices=True)
    unpooled = F.max_unpool2d(keep(pooled, 1), switches, 2)
    np.testing.assert_array_equal(result.values, unpooled.numpy())


def test_relu_rule_acts_on_the_backward_signal():
    # x = [-2, -2, 1, 1] -> ReLU [0, 0, 1, 1] -> conv [-2, 2, -1] -> kept map [-1, 1].
    # Backward signal at the ReLU: conv_transpose([-1, 1]) = [2, -4, 3, -1]: positive where the
    # forward input was negative (position 0), negative where it was positive (position 3).
    model = nn.Sequential(nn.ReLU(), nn.Conv2d(1, 1, (1, 3), bias=False))
    with torch.no_grad():
        model[1].weight.copy_(torch.tensor([-2.0, 2.0, -1.0]).reshape(1, 1, 1, 3))
    x = torch.tensor([-2.0, -2.0, 1.0, 1.0]).reshape(1, 1, 1, 4)
    result = deconvnet(model, x, "1", 0)
    np.testing.assert_array_equal(
        result.values.ravel(), [2.0, 0.0, 3.0, 0.0]
    )  # ReLU of [2, -4, 3, -1]
    # Plain gradients would mask by the forward activation instead: [0, 0, 3, -1].
    x.requires_grad_(True)
    out = model(x)
    (grad,) = torch.autograd.grad(out, x, grad_outputs=out.detach())
    np.testing.assert_array_equal(grad.numpy().ravel(), [0.0, 0.0, 3.0, -1.0])


def test_relu_rule_in_a_random_two_conv_network():
    model = seeded(
        lambda: nn.Sequential(nn.Conv2d(1, 4, 3), nn.ReLU(inplace=True), nn.Conv2d(4, 3, 3))
    )
    w1, w2 = model[0].weight.detach(), model[2].weight.detach()
    x = rand(2, 1, 10, 10, seed=1)
    with torch.no_grad():
        a = model[0](x)
        kept = keep(model[2](a.clamp(min=0)), 2)
    g = F.conv_transpose2d(kept, w2)
    assert ((a > 0) & (g < 0)).any() and ((a < 0) & (g > 0)).any()  # the rules differ here
    expected = F.conv_transpose2d(g.clamp(min=0), w1)
    plain = F.conv_transpose2d(g * (a > 0), w1)
    result = deconvnet(model, x, "2", 2)
    np.testing.assert_allclose(result.values, expected.numpy(), rtol=1e-5, atol=1e-6)
    assert not np.allclose(result.values, plain.numpy(), atol=1e-3)


def test_batchnorm_passes_back_its_scale():
    model = seeded(
        lambda: nn.Sequential(nn.Conv2d(2, 3, 3, padding=1), nn.BatchNorm2d(3), nn.ReLU())
    )
    bn = model[1]
    with torch.no_grad():
        bn.running_mean.copy_(torch.tensor([0.1, -0.2, 0.3]))
        bn.running_var.copy_(torch.tensor([0.5, 2.0, 4.0]))
        bn.weight.copy_(torch.tensor([1.5, -0.7, 2.0]))
        bn.bias.copy_(torch.tensor([0.2, 0.1, -0.3]))
    model.train()  # deconvnet runs in eval mode and gives the mode back
    x = rand(1, 2, 6, 6, seed=2)
    scale = bn.weight.detach() / torch.sqrt(bn.running_var + bn.eps)
    with torch.no_grad():
        kept = keep(model.eval()(x), 1)
    model.train()
    expected = F.conv_transpose2d(
        kept * scale[None, :, None, None], model[0].weight.detach(), padding=1
    )
    result = deconvnet(model, x, "2", 1)
    np.testing.assert_allclose(result.values, expected.numpy(), rtol=1e-5, atol=1e-6)
    assert model.training and bn.training


def test_linear_unit_projects_through_transposed_weights():
    model = seeded(
        lambda: nn.Sequential(nn.Flatten(), nn.Linear(12, 5), nn.ReLU(), nn.Linear(5, 3))
    )
    x = rand(2, 3, 2, 2, seed=3)
    w1, w2 = model[1].weight.detach(), model[3].weight.detach()
    with torch.no_grad():
        unit = model(x)[:, 2]
    expected = ((unit[:, None] * w2[2]).clamp(min=0) @ w1).reshape(2, 3, 2, 2)
    result = deconvnet(model, x, "3", 2)
    np.testing.assert_allclose(result.values, expected.numpy(), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(result["activation_max"], unit, rtol=1e-6)
    assert deconvnet(model, x, "output", 2).equals(result.assign_attrs(layer="output"))


class Twice(nn.Module):
    """Calls one conv twice: its layers are 'conv' and 'conv#1'."""

    def __init__(self) -> None:
        super().__init__()
        self.conv, self.relu = nn.Conv2d(2, 2, 3, padding=1), nn.ReLU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.relu(self.conv(self.relu(self.conv(x))))


def test_second_call_of_a_module():
    model = seeded(Twice)
    w = model.conv.weight.detach()
    x = rand(1, 2, 5, 5, seed=4)
    with torch.no_grad():
        kept = keep(model.conv(model.relu(model.conv(x))), 0)
    expected = F.conv_transpose2d(F.conv_transpose2d(kept, w, padding=1).clamp(min=0), w, padding=1)
    result = deconvnet(model, x, "conv#1", 0)
    np.testing.assert_allclose(result.values, expected.numpy(), rtol=1e-5, atol=1e-6)
    with pytest.raises(KeyError, match="called 2 time"):
        deconvnet(model, x, "conv#2", 0)


def test_epoch_weights_are_used_and_the_model_is_untouched():
    model, other = mnist_lenet(seed=1), mnist_lenet(seed=2)
    before = {k: v.clone() for k, v in model.state_dict().items()}
    x, _ = to_tensors(balanced_subset(load_mnist(source="embedded", train=False), 1))
    weights = {k: v.numpy() for k, v in other.state_dict().items()}  # as cube.weights(epoch) gives
    result = deconvnet(model, x, "conv2", 5, weights=weights, epoch=3)
    np.testing.assert_allclose(
        result.values, deconvnet(other, x, "conv2", 5).values, rtol=1e-5, atol=1e-7
    )
    assert result.attrs["epoch"] == 3 and result.attrs["layer"] == "conv2"
    assert all(torch.equal(v, before[k]) for k, v in model.state_dict().items())
    assert all(not m._forward_hooks and not m._forward_pre_hooks for m in model.modules())
    assert all(p.grad is None for p in model.parameters())
    with pytest.raises(ValueError, match="missing"):
        deconvnet(
            model, x, "conv2", 5, weights={k: v for k, v in weights.items() if k != "fc2.bias"}
        )


def test_case_study_models_run_at_every_layer_on_real_images():
    digits, labels = to_tensors(balanced_subset(load_mnist(source="embedded", train=False), 1))
    lenet = mnist_lenet()
    for layer in ["input", *case_study_layers(lenet)]:
        result = deconvnet(lenet, digits[:3], layer, 0)
        assert result.shape == (3, 1, 28, 28) and np.isfinite(result.values).all()
    images = load_cifar10(source="npz", train=False).subset([0, 1])
    x = xr.DataArray(to_tensors(images)[0].numpy(), dims=("x", "channel", "h", "w"),
                     coords={"x": [10, 11], "label": ("x", images.targets.numpy())})  # fmt: skip
    vgg = cifar_vgg11()
    for layer in case_study_layers(vgg):
        result = deconvnet(vgg, x, layer, 3)
        assert result.shape == (2, 3, 32, 32) and np.isfinite(result.values).all()
    assert result["x"].values.tolist() == [10, 11] and "label" in result.coords
    assert np.abs(deconvnet(vgg, x, "layer3", 31).values).sum() > 0


def test_torchvision_vgg11_runs():
    model = torchvision.models.vgg11(weights=None)
    x = rand(1, 3, 64, 64, seed=5)
    for layer, channel in (("features.2", 7), ("features.10", 100), ("classifier.6", 3)):
        result = deconvnet(model, x, layer, channel)
        assert result.shape == (1, 3, 64, 64) and np.isfinite(result.values).all()
        assert np.abs(result.values).sum() > 0


def test_clear_errors():
    with pytest.raises(TypeError, match=r"'1' \(Tanh\)"):
        deconvnet(nn.Sequential(nn.Conv2d(1, 2, 3), nn.Tanh()), rand(1, 1, 5, 5), "0", 0)
    with pytest.raises(ValueError, match="no|none"):
        deconvnet(nn.Sequential(nn.Conv2d(1, 2, 3), nn.MaxPool2d(2)), rand(1, 1, 6, 6), "1", 0)
    model = mnist_lenet()
    with pytest.raises(KeyError, match="conv9.*conv1, conv1.0"):
        deconvnet(model, rand(1, 1, 28, 28), "conv9", 0)
    with pytest.raises(IndexError, match="6 channels"):
        deconvnet(model, rand(1, 1, 28, 28), "conv1", 6)
    with pytest.raises(ValueError, match="images must be"):
        deconvnet(model, rand(28, 28), "conv1", 0)
    with pytest.raises(TypeError):
        deconvnet(model, rand(1, 1, 28, 28), "conv1", 0, None)  # options are keyword-only
