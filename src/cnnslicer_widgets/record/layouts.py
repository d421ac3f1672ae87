"""Which axis of a module's output holds its channels, told from the model itself.

A recorded layer is stored channels first, (N, C, *map), whatever order the module computes
in. The layout of every output is found in the recorder's dry forward pass, from:

1. the user (``Recorder(layouts={"name": "NHWC"})``) when given;
2. what the module is: convolutions, batch/instance/group norms, pooling, padding, channel
   dropout and upsampling compute per channel on axis 1 (NCHW, NCL); ``nn.Linear``,
   ``nn.Embedding`` and ``nn.LayerNorm`` (its own forward, not a subclass that permutes, as
   torchvision's ``LayerNorm2d`` does) compute on the last axis (NHWC, NTD);
3. the module's own channel count (the length of its ``weight``) when exactly one of axis 1
   and the last axis has that size;
4. the tensors between modules: an output shaped as its input keeps the input's layout
   (activations, dropout, identity, a residual scaling; also the first tensor of a tuple,
   as attention returns), a ``Permute`` moves it, and a tensor that a shape-keeping module
   of known layout consumes has that layout (backwards), until nothing changes.

What none of these settles is not guessed: the recorder asks for it (``layouts=``).
2-D outputs (N, F) are "NC": F channels of 1 x 1 maps.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import nn

from cnnslicer_widgets.store.spec import LAYOUTS

__all__ = ["Call", "infer_layouts", "input_layout", "stored_shape", "to_stored"]

_FIRST = (
    nn.modules.conv._ConvNd,
    nn.modules.batchnorm._BatchNorm,
    nn.modules.instancenorm._InstanceNorm,
    nn.GroupNorm,
    nn.LocalResponseNorm,
    nn.modules.pooling._MaxPoolNd,
    nn.modules.pooling._AvgPoolNd,
    nn.modules.pooling._AdaptiveAvgPoolNd,
    nn.modules.pooling._AdaptiveMaxPoolNd,
    nn.modules.pooling._LPPoolNd,
    nn.modules.padding._ConstantPadNd,
    nn.modules.padding._ReflectionPadNd,
    nn.modules.padding._ReplicationPadNd,
    nn.Dropout1d,
    nn.Dropout2d,
    nn.Dropout3d,
    nn.Upsample,
    nn.PixelShuffle,
    nn.PixelUnshuffle,
)
_LAST = (nn.Linear, nn.Bilinear, nn.Embedding)
_BY_RANK = {(3, "first"): "NCL", (3, "last"): "NTD", (4, "first"): "NCHW", (4, "last"): "NHWC"}
CHANNELS_LAST = {"NHWC", "NTD"}


@dataclass
class Call:
    """One call of a hooked module in the dry pass: its input and output tensors (kept
    alive, so that tensor identities stay unique while layouts are solved)."""

    key: str
    module: nn.Module
    inp: torch.Tensor | None
    out: Any
    consumers: list[Call] = field(default_factory=list)


def input_layout(x: torch.Tensor, overrides: Mapping[str, str] | None = None) -> str:
    """The probe's layout: as given (``layouts={"input": ...}``), else NCHW for images,
    NCL for (N, C, L) signals and NC for (N, F) features."""
    given = (overrides or {}).get("input")
    if given:
        return given
    return {4: "NCHW", 3: "NCL", 2: "NC"}.get(x.dim(), "NC")


def _by_type(module: nn.Module, rank: int) -> str | None:
    if isinstance(module, _FIRST):
        return _BY_RANK.get((rank, "first"))
    if isinstance(module, _LAST) or (isinstance(module, nn.LayerNorm)
                                     and type(module).forward is nn.LayerNorm.forward):
        return _BY_RANK.get((rank, "last"))
    return None


def _by_channels(module: nn.Module, out: torch.Tensor) -> str | None:
    weight = getattr(module, "weight", None)
    if not isinstance(weight, torch.Tensor) or weight.dim() < 1:
        return None
    c = weight.shape[0]
    first, last = out.shape[1] == c, out.shape[-1] == c
    if first == last:
        return None
    return _BY_RANK.get((out.dim(), "first" if first else "last"))


def _permuted(layout: str, module: nn.Module, out: torch.Tensor) -> str | None:
    dims = getattr(module, "dims", None)
    if not isinstance(dims, (list, tuple)) or len(dims) != out.dim() or layout not in LAYOUTS:
        return None
    channel = 1 if layout in ("NCHW", "NCL") else out.dim() - 1
    moved = list(dims).index(channel)
    if moved == 1:
        return _BY_RANK.get((out.dim(), "first"))
    if moved == out.dim() - 1:
        return _BY_RANK.get((out.dim(), "last"))
    return None


def infer_layouts(calls: list[Call], model_input: torch.Tensor, first_layout: str,
                  overrides: Mapping[str, str] | None = None) -> dict[str, str]:
    """The layout of each call's output that the rules of the module docstring settle
    (calls whose output is not a 2-, 3- or 4-D tensor, or whose layout stays open, are
    left out)."""
    overrides = overrides or {}
    tensors = [c for c in calls if isinstance(c.out, torch.Tensor) and 2 <= c.out.dim() <= 4]
    by_id: dict[int, list[Call]] = {}
    for c in calls:
        if c.inp is not None:
            by_id.setdefault(id(c.inp), []).append(c)
    for c in tensors:
        c.consumers = by_id.get(id(c.out), [])
    known: dict[int, str] = {id(model_input): first_layout}
    found: dict[str, str] = {}

    def settle(c: Call, layout: str) -> None:
        found[c.key] = layout
        known[id(c.out)] = layout

    for c in tensors:
        name = c.key.split("#")[0]
        given = overrides.get(c.key) or overrides.get(name)
        layout = given or ("NC" if c.out.dim() == 2 else None)
        layout = layout or _by_type(c.module, c.out.dim()) or _by_channels(c.module, c.out)
        if layout:
            settle(c, layout)
    changed = True
    while changed:
        changed = False
        for c in calls:  # a tuple's first tensor shaped as the input keeps its layout
            first_out = c.out[0] if isinstance(c.out, (tuple, list)) and c.out else None
            if (isinstance(first_out, torch.Tensor) and id(first_out) not in known
                    and c.inp is not None and id(c.inp) in known
                    and tuple(first_out.shape) == tuple(c.inp.shape)):
                known[id(first_out)] = known[id(c.inp)]
                changed = True
        for c in tensors:
            if c.key in found:
                continue
            layout = known.get(id(c.out))  # made by a module inside this one
            src = known.get(id(c.inp)) if c.inp is not None else None
            if layout is None and src is not None and c.inp is not None:
                if tuple(c.inp.shape) == tuple(c.out.shape):
                    layout = src
                else:
                    layout = _permuted(src, c.module, c.out)
            if layout is None:
                layout = next((found[d.key] for d in c.consumers if d.key in found
                               and tuple(d.out.shape) == tuple(c.out.shape)
                               and isinstance(d.out, torch.Tensor)), None)
            if layout is not None:
                settle(c, layout)
                changed = True
    return found


def stored_shape(shape: tuple[int, ...], layout: str) -> tuple[int, ...]:
    """The (C, *map) of one sample as the store keeps an output of ``shape`` (N first).

    Examples
    --------
    >>> stored_shape((8, 16, 16, 96), "NHWC"), stored_shape((8, 5, 768), "NTD")
    ((96, 16, 16), (768, 5))
    >>> stored_shape((8, 10), "NC"), stored_shape((8, 4, 100), "NCL")
    ((10, 1, 1), (4, 100))
    """
    if layout == "NC":
        return (int(shape[1]), 1, 1)
    if layout in CHANNELS_LAST:
        return (int(shape[-1]), *(int(s) for s in shape[1:-1]))
    return tuple(int(s) for s in shape[1:])


def to_stored(t: torch.Tensor, layout: str) -> torch.Tensor:
    """An output (N first) as the store keeps it: channels first, (N, C, *map)."""
    if layout == "NC":
        return t.reshape(t.shape[0], -1, 1, 1)
    if layout in CHANNELS_LAST:
        return t.movedim(-1, 1)
    return t
