"""Deconvnet projection of one channel back to input space (Zeiler & Fergus 2014; paper 5.4).

For probe images, a layer and a channel: forward to the layer, keep only that channel's
feature map (every other channel zero; for an (N, F) output, the chosen unit), and project
it back to the input by the deconvnet rules:

- **convolution** -> transposed convolution with the same filters (the bias is not used);
- **max-pooling** -> max-unpooling with the switches (argmax positions) of the forward pass;
  with overlapping windows the contributions of all windows add up;
- **ReLU** -> ReLU applied to the *backward* signal, whatever the forward activation was.

Every other supported map is linear and is passed back transposed: ``nn.Linear`` by W^T,
average pooling by spreading evenly, ``nn.BatchNorm2d`` (eval mode, an affine map per
channel) by multiplying with its scale ``gamma / sqrt(running_var + eps)`` - its shift, like
a convolution's bias, is dropped. This keeps the whole projection linear in the kept map
for a fixed set of switches, as Zeiler and Fergus's deconvnet is. Dropout is the identity
(eval mode).

Implementation: this is autograd of the layer output with the ReLU backward replaced by
ReLU of the incoming gradient. Every ``nn.ReLU`` module (in-place or not) is rerouted
through a custom autograd function by temporary hooks; the model is not copied and not
changed: the chosen epoch's weights are applied with ``torch.func.functional_call``, hooks
are removed and every module's train/eval mode restored in ``finally``. ReLUs called as
functions (``torch.relu``, ``nn.functional.relu``) are not seen and keep the plain
gradient rule: only models whose rectifiers are ``nn.ReLU`` modules get a true deconvnet.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import torch
import xarray as xr
from torch import nn

__all__ = ["SUPPORTED_MODULES", "deconvnet"]

SUPPORTED_MODULES: tuple[type[nn.Module], ...] = (
    nn.Conv2d,
    nn.ReLU,
    nn.MaxPool2d,
    nn.BatchNorm2d,
    nn.Linear,
    nn.Flatten,
    nn.Dropout,
    nn.Dropout2d,
    nn.Identity,
    nn.AvgPool2d,
    nn.AdaptiveAvgPool2d,
)


class _DeconvReLU(torch.autograd.Function):
    """ReLU forward; ReLU of the incoming gradient backward (the deconvnet rectification)."""

    @staticmethod
    def forward(ctx: Any, x: torch.Tensor) -> torch.Tensor:
        return x.clamp(min=0)

    @staticmethod
    def backward(ctx: Any, grad: torch.Tensor) -> torch.Tensor:
        return grad.clamp(min=0)


class _Stop(Exception):
    """Raised by the capture hook to end the forward pass at the chosen layer."""


def _check_model(model: nn.Module) -> None:
    leaves = [(n, m) for n, m in model.named_modules() if not any(True for _ in m.children())]
    bad = [
        (n or "<model>", type(m).__name__)
        for n, m in leaves
        if not isinstance(m, SUPPORTED_MODULES)
    ]
    if bad:
        found = ", ".join(f"{n!r} ({t})" for n, t in bad[:5]) + (" ..." if len(bad) > 5 else "")
        names = ", ".join(t.__name__ for t in SUPPORTED_MODULES)
        raise TypeError(
            f"deconvnet cannot project through module {found}; supported modules: "
            f"{names} inside any container"
        )
    if not any(isinstance(m, nn.ReLU) for _, m in leaves):
        raise ValueError(
            "deconvnet needs nn.ReLU modules (its rectification rule acts on them) "
            "and this model has none; functional relu calls are not seen"
        )


def _split_layer(model: nn.Module, layer: str) -> tuple[nn.Module | None, int]:
    """The module and the call index (``"name#k"`` is the k-th call, from 0) of a layer name."""
    name, _, call = layer.partition("#")
    modules = dict(model.named_modules())
    if layer in ("input", "output") and layer not in modules:
        return None, 0
    if name not in modules or not name or (call and not call.isdigit()):
        listed = [n for n in modules if n]
        shown = ", ".join(listed[:30]) + (", ..." if len(listed) > 30 else "")
        raise KeyError(
            f"layer {layer!r} is not a module of the model "
            f"(layers: input, {shown}, output; 'name#1' for a second call)"
        )
    return modules[name], int(call or 0)


def _as_weights(model: nn.Module, weights: Mapping[str, Any]) -> dict[str, torch.Tensor]:
    """A state_dict of numpy arrays or tensors, checked against the model, as tensors."""
    expected = model.state_dict()
    missing, extra = sorted(set(expected) - set(weights)), sorted(set(weights) - set(expected))
    if missing or extra:
        raise ValueError(
            f"weights do not match the model: missing {missing[:5]}, unexpected {extra[:5]}"
        )
    out = {}
    for key, ref in expected.items():
        value = torch.as_tensor(
            np.asarray(weights[key]) if not torch.is_tensor(weights[key]) else weights[key]
        )
        if value.shape != ref.shape:
            raise ValueError(
                f"weights[{key!r}] has shape {tuple(value.shape)}, the model {tuple(ref.shape)}"
            )
        out[key] = value.to(device=ref.device, dtype=ref.dtype)
    return out


def _images(images: Any, device: torch.device) -> tuple[torch.Tensor, dict[str, Any]]:
    """Images as a float32 (N, C, H, W) tensor and the x coordinates to keep."""
    coords: dict[str, Any] = {}
    if isinstance(images, xr.DataArray):
        if "x" in images.dims:
            coords = {str(k): ("x", v.values) for k, v in images.coords.items()
                      if v.dims == ("x",)}
        images = images.values
    x = torch.as_tensor(np.asarray(images) if not torch.is_tensor(images) else images)
    x = x.unsqueeze(0) if x.ndim == 3 else x
    if x.ndim != 4:
        raise ValueError(f"images must be (C, H, W) or (N, C, H, W), got shape {tuple(x.shape)}")
    return x.detach().to(device=device, dtype=torch.float32), coords


def _relu_hooks(model: nn.Module) -> list[torch.utils.hooks.RemovableHandle]:
    """Reroute every nn.ReLU module through _DeconvReLU (the module's own output is discarded)."""
    stash: dict[nn.Module, torch.Tensor] = {}

    def pre(module: nn.ReLU, args: tuple) -> tuple | None:
        stash[module] = args[0]
        return (args[0].clone(),) if module.inplace else None  # in-place must not clobber it

    def post(module: nn.ReLU, args: tuple, output: torch.Tensor) -> torch.Tensor:
        return _DeconvReLU.apply(stash.pop(module))

    handles = []
    for m in model.modules():
        if isinstance(m, nn.ReLU):
            handles += [m.register_forward_pre_hook(pre), m.register_forward_hook(post)]
    return handles


def _forward_to(
    model: nn.Module,
    x: torch.Tensor,
    layer: str,
    weights: dict[str, torch.Tensor] | None,
) -> torch.Tensor:
    """Run the model and return the output of ``layer`` (a module's k-th call, or "output")."""
    module, call = _split_layer(model, layer)
    captured: list[torch.Tensor] = []
    calls = [0]

    def capture(mod: nn.Module, args: tuple, output: Any) -> None:
        if calls[0] == call:
            captured.append(output)
            raise _Stop
        calls[0] += 1

    handle = module.register_forward_hook(capture) if module is not None else None
    try:
        if weights is None:
            out = model(x)
        else:
            out = torch.func.functional_call(model, weights, (x,))
    except _Stop:
        out = captured[0]
    finally:
        if handle is not None:
            handle.remove()
    if module is not None and not captured:
        raise KeyError(
            f"layer {layer!r}: its module was called {calls[0]} time(s) in a forward pass, "
            f"so there is no call #{call}"
        )
    if not torch.is_tensor(out) or out.ndim not in (2, 4):
        raise ValueError(
            f"layer output must be an (N, C, H, W) or (N, F) tensor, got {type(out).__name__}"
            f"{'' if not torch.is_tensor(out) else tuple(out.shape)}"
        )
    return out


def _project(
    model: nn.Module,
    x: torch.Tensor,
    layer: str,
    channel: int,
    weights: dict[str, torch.Tensor] | None,
) -> tuple[torch.Tensor, torch.Tensor]:
    """The projection (N, C, H, W) and the kept map (N, h, w) of one channel."""
    x = x.clone().requires_grad_(True)
    is_input = layer == "input" and layer not in dict(model.named_modules())
    out = x if is_input else _forward_to(model, x, layer, weights)
    if not 0 <= channel < out.shape[1]:
        raise IndexError(
            f"channel {channel} out of range: layer {layer!r} has {out.shape[1]} channels"
        )
    kept = torch.zeros_like(out)
    kept[:, channel] = out[:, channel].detach()
    if is_input:
        return kept, kept[:, channel]
    (projection,) = torch.autograd.grad(out, x, grad_outputs=kept)
    kept_map = kept[:, channel]
    return projection, kept_map if kept_map.ndim == 3 else kept_map.reshape(-1, 1, 1)


def deconvnet(
    model: nn.Module,
    images: Any,
    layer: str,
    channel: int,
    *,
    weights: Mapping[str, Any] | None = None,
    epoch: int | None = None,
    device: torch.device | str | None = None,
) -> xr.DataArray:
    """Project one channel of ``layer`` back to input space for each image (deconvnet).

    Parameters
    ----------
    model : nn.Module
        Built from nn.Conv2d, nn.ReLU, nn.MaxPool2d, nn.BatchNorm2d, nn.Linear, nn.Flatten,
        nn.Dropout, nn.AvgPool2d, nn.AdaptiveAvgPool2d and containers (see
        :data:`SUPPORTED_MODULES`); it is neither copied nor changed.
    images : array-like
        One image (C, H, W) or a batch (N, C, H, W), preprocessed as the model expects;
        a DataArray with an ``x`` dim (e.g. the cube's input layer at one epoch) keeps its
        ``x`` coordinates (sample_index, label).
    layer : str
        A module name as the recorder names layers (dotted, ``"name#1"`` for a module's
        second call in one forward pass), or ``"input"`` / ``"output"``.
    channel : int
        Channel of the layer's output to keep (for an (N, F) output: the unit).
    weights : mapping, optional
        A state_dict (numpy arrays or tensors), e.g. ``cube.weights(epoch)``, used instead
        of the model's own parameters and buffers; keys and shapes must match.
    epoch : int, optional
        Recorded in ``attrs`` (which epoch the weights are from).
    device : optional
        Where to compute; default the device of the model's parameters.

    Returns
    -------
    xarray.DataArray
        dims ``("x", "channel_in", "h", "w")``: the projection, in input units; coordinate
        ``activation_max`` on x (the maximum of the kept map per image); ``attrs`` layer,
        channel, epoch (when given), method and the rules used.

    Raises
    ------
    TypeError
        The model has a module type the deconvnet cannot project through.
    ValueError
        The model has no nn.ReLU modules, or ``weights`` do not fit the model.
    KeyError, IndexError
        Unknown layer, or channel out of range.

    Examples
    --------
    >>> from cnnslicer_widgets.models import mnist_lenet
    >>> proj = deconvnet(mnist_lenet(), torch.rand(2, 1, 28, 28), "pool1", 3)
    >>> proj.dims, proj.shape, proj.attrs["layer"]
    (('x', 'channel_in', 'h', 'w'), (2, 1, 28, 28), 'pool1')
    """
    _check_model(model)
    if device is None:
        first = next(model.parameters(), None)
        device = first.device if first is not None else "cpu"
    x, coords = _images(images, torch.device(device))
    params = None if weights is None else _as_weights(model, weights)
    modes = {m: m.training for m in model.modules()}
    handles = _relu_hooks(model)
    try:
        model.eval()
        with torch.enable_grad():
            projection, kept = _project(model, x, layer, int(channel), params)
    finally:
        for handle in handles:
            handle.remove()
        for module, mode in modes.items():
            module.train(mode)
    coords.setdefault("x", np.arange(len(x)))
    coords["activation_max"] = ("x", kept.flatten(1).amax(1).cpu().numpy())
    coords["channel_in"] = np.arange(x.shape[1])
    attrs = {
        "layer": layer,
        "channel": int(channel),
        "method": "deconvnet (Zeiler & Fergus 2014)",
        "relu_rule": "relu of the backward signal",
        "pool_rule": "unpool at forward switches",
        "batchnorm_rule": "eval-mode scale, shift dropped",
    }
    if epoch is not None:
        attrs["epoch"] = int(epoch)
    return xr.DataArray(
        projection.detach().cpu().numpy(),
        dims=("x", "channel_in", "h", "w"),
        coords=coords,
        attrs=attrs,
        name="deconvnet",
    )
