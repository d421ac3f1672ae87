"""The recorder's dry pass: which layers a run records, their layouts, and what it skips.

One forward pass of two probe samples, with a hook on every module, keeps each call's
input and output; :mod:`.layouts` then
tells which axis of each output holds the channels. A chosen call is recorded when its
output is one tensor of rank 2 to 4 whose layout is known; otherwise a level lists it in
:attr:`Discovered.skipped` with the reason, and a module named explicitly is an error
that says what would work.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import torch
from torch import nn

from cnnslicer_widgets.record.hooks import ModeGuard, Tap, module_type
from cnnslicer_widgets.record.layouts import Call, infer_layouts, input_layout, stored_shape
from cnnslicer_widgets.record.levels import chosen_modules
from cnnslicer_widgets.store.spec import LayerSpec

__all__ = ["Discovered", "discover"]

_RECORDABLE = ("(N, F), (N, C, L) or (N, T, D), and (N, C, H, W) or (N, H, W, C) outputs can "
               "be recorded")


@dataclass
class Discovered:
    """What a run records: ``layers`` (input, the chosen calls in forward order, the model
    output), the ``modules`` to hook and each kept call's ``layout``; ``skipped`` lists
    (name, reason) of what the level found but cannot record; ``rule`` says how the layers
    were chosen."""

    layers: list[LayerSpec]
    modules: dict[str, nn.Module]
    layouts: dict[str, str]
    skipped: list[tuple[str, str]] = field(default_factory=list)
    rule: str = "leaves"


def _problem(call: Call, layouts: Mapping[str, str]) -> str:
    """Why a chosen call cannot be recorded ("" when it can)."""
    out = call.out
    if not isinstance(out, torch.Tensor):
        return (f"returns a {type(out).__name__}, not one tensor; name the module inside it "
                "whose output you want")
    if not 2 <= out.dim() <= 4:
        return f"outputs shape (N, {', '.join(map(str, out.shape[1:]))}); only {_RECORDABLE}"
    if call.key not in layouts:
        return (f"outputs (N, {', '.join(map(str, out.shape[1:]))}) whose layout (which axis "
                "holds the channels) the model does not tell: pass layouts={"
                f"{call.key!r}: 'NCHW'}} or 'NHWC' (4-D), 'NCL' or 'NTD' (3-D)")
    return ""


def discover(model: nn.Module, x: torch.Tensor, layers: str | Sequence[str] | None,
             overrides: Mapping[str, str] | None, dtype: torch.dtype,
             forward: Callable[[Tap, torch.Tensor], torch.Tensor]) -> Discovered:
    """Run the dry pass on the probe samples ``x`` (already on the model's device) with
    ``forward(tap, x)`` (the recorder's, which checks the model's output)."""
    overrides = dict(overrides or {})
    chosen, rule, names = chosen_modules(model, layers)
    watch = {n: m for n, m in model.named_modules() if n}  # every module: layouts flow
    watch.update(chosen)
    tap = Tap(model, watch, keep=None, dtype=dtype, trace=True)
    with ModeGuard(model), tap:
        out = forward(tap, x)
    first = input_layout(x, overrides)
    layouts = infer_layouts(tap.calls, x, first, overrides)
    wanted = set(names or ())
    picked = [c for c in tap.calls
              if (c.key.split("#")[0] in chosen if names is None
                  else c.key in wanted or c.key.split("#")[0] in wanted)]
    kept, skipped = [], []
    for call in picked:
        problem = _problem(call, layouts)
        if problem and names is not None:
            raise ValueError(f"layer {call.key!r} ({type(call.module).__name__}) {problem}")
        if problem:
            skipped.append((call.key, problem))
        else:
            kept.append(call)
    called = {c.key for c in tap.calls} | {c.key.split("#")[0] for c in tap.calls}
    if names is not None:
        unused = [n for n in names if n not in called]
        if unused:
            raise KeyError(f"layers {unused} are modules of the model but were not called in "
                           "its forward pass, so they have no output to record")
    else:
        skipped += [(n, "not called in the forward pass") for n in chosen if n not in called]
    specs = [LayerSpec("input", 0, "", "Input", stored_shape(tuple(x.shape), first),
                       tuple(x.shape[1:]), layout=first)]
    for call in kept:
        shape = tuple(call.out.shape)
        specs.append(LayerSpec(call.key, len(specs), call.key.split("#")[0],
                               module_type(call.module), stored_shape(shape, layouts[call.key]),
                               shape[1:], layout=layouts[call.key]))
    if not kept or kept[-1].out is not out:
        specs.append(LayerSpec("output", len(specs), "", "Output", (int(out.shape[1]), 1, 1),
                               tuple(out.shape[1:]), layout="NC"))
    keys = {c.key for c in kept}
    modules = {n: m for n, m in chosen.items() if any(k.split("#")[0] == n for k in keys)}
    return Discovered(specs, modules, {k: layouts[k] for k in keys}, skipped, rule)
