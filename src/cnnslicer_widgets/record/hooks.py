"""Forward hooks that copy module outputs off the graph, and model-mode bookkeeping."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import torch
from torch import nn

from cnnslicer_widgets.record.layouts import Call, to_stored
from cnnslicer_widgets.store.spec import LayerSpec

__all__ = ["MapHistograms", "ModeGuard", "Tap", "map_histograms", "module_type",
           "summarized_layers"]


class Tap:
    """Forward hooks on ``modules`` that copy the outputs of the ``keep`` keys off the graph,
    channels first (``layouts``), at once; with ``trace=True`` (the recorder's dry pass)
    they keep every call (:class:`~.layouts.Call`) instead, to find the layers and their
    layouts."""

    def __init__(self, model: nn.Module, modules: dict[str, nn.Module], keep: set[str] | None,
                 dtype: torch.dtype, summarize: dict[str, int] | None = None,
                 layouts: Mapping[str, str] | None = None, trace: bool = False):
        self.model = model
        self.modules = modules
        self.keep = keep or set()
        self.dtype = dtype
        self.summarize = summarize or {}  # layer key -> histogram bins
        self.layouts = layouts or {}  # layer key -> layout of the module's output
        self.trace = trace
        self.calls: list[Call] = []
        self.counts: dict[str, int] = {}
        self.out: dict[str, torch.Tensor | MapHistograms] = {}
        self.last: Any = None
        self.overflow: set[str] = set()
        self._handles: list[Any] = []

    def __enter__(self):
        for name, mod in self.modules.items():
            self._handles.append(mod.register_forward_hook(self._hook(name)))
        return self

    def __exit__(self, *exc):
        for h in self._handles:
            h.remove()
        self._handles.clear()
        return False

    def reset(self) -> None:
        self.counts.clear()
        self.calls = []
        self.out = {}
        self.last = None

    def _hook(self, name: str):
        def hook(module, args, output):
            k = self.counts.get(name, 0)
            self.counts[name] = k + 1
            key = name if k == 0 else f"{name}#{k}"
            self.last = output
            if self.trace:
                inp = next((a for a in args if isinstance(a, torch.Tensor)), None)
                self.calls.append(Call(key, module, inp, output))
            elif key in self.keep and isinstance(output, torch.Tensor):
                out = to_stored(output, self.layouts[key])
                if key in self.summarize:
                    self.out[key] = self._summary(key, out)
                else:
                    self.out[key] = self._copy(key, out)

        return hook

    def _copy(self, key: str, output: torch.Tensor) -> torch.Tensor:
        # copy=True: an in-place op later in the forward pass must not change our copy
        t = output.detach().to(device="cpu", dtype=self.dtype, copy=True)
        # float16 saturates to inf past 65504: look for inf in the (half-size) copy
        if self.dtype == torch.float16 and bool(torch.isinf(t).any()):
            self.overflow.add(key)
        return t

    def _summary(self, key: str, output: torch.Tensor) -> MapHistograms:
        # computed now, where the output lives: later in-place ops cannot change it
        stats = map_histograms(output, self.summarize[key], self.dtype)
        if self.dtype == torch.float16 and bool((stats.lo.isinf() | stats.hi.isinf()).any()):
            self.overflow.add(key)
        return stats


@dataclass
class MapHistograms:
    """Per-map statistics of one layer output, on the CPU.

    ``counts`` (N, C, bins) int32; ``lo`` and ``hi`` (N, C) float32: each map's min and max.
    """

    counts: torch.Tensor
    lo: torch.Tensor
    hi: torch.Tensor


def map_histograms(output: torch.Tensor, bins: int, dtype: torch.dtype) -> MapHistograms:
    """Histogram every feature map of ``output`` (N, C, *map) on its own device.

    Each map v, rounded to ``dtype`` (the values a raw layer would store), is scaled to
    [-1, 1] by its own min and max and counted in ``bins`` equal bins:
    bin = floor((v - min) * bins / (max - min)) in float32, clipped to bins - 1, so the max
    lands in the last bin -- the binning of ``estimators.intra_sample_entropy``
    (range="sample"). A constant map counts in bin 0; a map holding NaN or inf gets no
    counts (its min or max is then NaN or inf). All maps of a block of about 2**24 values
    at once (temporaries stay bounded on the GPU); no loop over maps.
    """
    n, c = output.shape[:2]
    flat = output.detach().reshape(n * c, -1)
    step = max(1, _HIST_BLOCK // max(1, flat.shape[1]))
    parts = [_block_histograms(flat[i : i + step], bins, dtype)
             for i in range(0, n * c, step)]
    counts, lo, hi = (torch.cat(p).cpu() for p in zip(*parts, strict=True))
    return MapHistograms(counts.reshape(n, c, bins), lo.reshape(n, c), hi.reshape(n, c))


_HIST_BLOCK = 1 << 24


def _block_histograms(rows: torch.Tensor, bins: int, dtype: torch.dtype):
    v = rows.to(dtype).float()
    lo, hi = torch.aminmax(v, dim=1)  # NaN propagates: a map with NaN/inf has a non-finite end
    ok = torch.isfinite(lo) & torch.isfinite(hi)
    zero = torch.zeros_like(lo)
    span = torch.where(ok, hi - lo, zero)
    scale = torch.where(span > 0, bins / torch.where(span > 0, span, 1.0), zero)
    pos = (v - torch.where(ok, lo, zero)[:, None]).mul_(scale[:, None])
    idx = torch.nan_to_num_(pos.floor_(), nan=0.0, posinf=0.0, neginf=0.0).clamp_(0, bins - 1)
    counts = torch.zeros(len(v), bins, dtype=torch.int32, device=v.device)
    counts.scatter_add_(1, idx.long(), torch.ones(idx.shape, dtype=torch.int32, device=v.device))
    counts[~ok] = 0
    return counts, lo, hi


def module_type(module: nn.Module) -> str:
    """``Conv2d`` for a leaf; ``Conv2d+ReLU`` for a container of leaves (as a layer name)."""
    kids = [type(m).__name__ for m in module.children()]
    if not kids:
        return type(module).__name__
    return "+".join(kids[:3]) + ("+..." if len(kids) > 3 else "")


class ModeGuard:
    """Put every module in eval mode, restore each module's own flag afterwards."""

    def __init__(self, model: nn.Module):
        self.model = model

    def __enter__(self):
        self.flags = [(m, m.training) for m in self.model.modules()]
        self.model.eval()
        return self

    def __exit__(self, *exc):
        for m, flag in self.flags:
            m.training = flag
        return False


def summarized_layers(layers: list[LayerSpec], summarize: Mapping[str, str] | None,
                      bins: int) -> tuple[list[LayerSpec], dict[str, int]]:
    """Apply ``Recorder(summarize=...)``: the layers with those named marked
    ``stored="histogram"``, and {layer key: bins} for the hooks.

    A key names a layer or a module (then every call of it: ``name``, ``name#1``, ...).
    """
    if summarize is None:
        return layers, {}
    if not isinstance(summarize, Mapping):
        raise TypeError(f"summarize must be a dict such as {{'conv1': 'histogram'}}, got "
                        f"{type(summarize).__name__}")
    out: dict[str, int] = {}
    names = [lay.name for lay in layers]
    for key, kind in summarize.items():
        if kind != "histogram":
            raise ValueError(f"summarize[{key!r}] = {kind!r}; the only per-map summary is "
                             "'histogram'")
        hits = [lay for lay in layers if key in (lay.name, lay.module) and lay.index]
        if not hits:
            why = ("the input is always stored raw" if key == "input" else
                   "it is not a recorded layer; name one of the recorded layers (or add "
                   "its module to layers=[...])")
            raise KeyError(f"cannot summarize {key!r}: {why} (recorded layers: "
                           f"{', '.join(names)})")
        for lay in hits:
            if lay.map_size == 1:
                raise ValueError(f"layer {lay.name!r} has 1x1 maps ({lay.type}, shape "
                                 f"{lay.original_shape}): a histogram of one value holds "
                                 "nothing; store it raw (drop it from summarize=)")
            out[lay.name] = bins
    marked = [replace(lay, stored="histogram", bins=out[lay.name]) if lay.name in out else lay
              for lay in layers]
    return marked, out
