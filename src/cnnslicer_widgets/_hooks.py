"""Forward hooks that copy module outputs off the graph, and model-mode bookkeeping."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import torch
from torch import nn

__all__ = ["Found", "ModeGuard", "Tap", "leaf_modules", "list_layers", "module_type", "named_modules"]

@dataclass
class Found:
    key: str
    module: str
    type: str
    shape: tuple[int, ...]


class Tap:
    """Forward hooks that copy chosen module outputs off the graph at once."""

    def __init__(self, model: nn.Module, modules: dict[str, nn.Module], keep: set[str] | None,
                 dtype: torch.dtype):
        self.model = model
        self.modules = modules
        self.keep = keep
        self.dtype = dtype
        self.calls: dict[str, int] = {}
        self.out: dict[str, torch.Tensor] = {}
        self.found: list[Found] = []
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
        self.calls.clear()
        self.out = {}
        self.found = []
        self.last = None

    def _hook(self, name: str):
        def hook(module, args, output):
            k = self.calls.get(name, 0)
            self.calls[name] = k + 1
            key = name if k == 0 else f"{name}#{k}"
            self.last = output
            if not isinstance(output, torch.Tensor):
                return
            self.found.append(Found(key, name, module_type(module), tuple(output.shape)))
            if self.keep is not None and key in self.keep and output.dim() in (2, 4):
                self.out[key] = self._copy(key, output)

        return hook

    def _copy(self, key: str, output: torch.Tensor) -> torch.Tensor:
        # copy=True: an in-place op later in the forward pass must not change our copy
        t = output.detach().to(device="cpu", dtype=self.dtype, copy=True)
        # float16 saturates to inf past 65504: look for inf in the (half-size) copy
        if self.dtype == torch.float16 and bool(torch.isinf(t).any()):
            self.overflow.add(key)
        return t.reshape(*t.shape, 1, 1) if t.dim() == 2 else t


def module_type(module: nn.Module) -> str:
    """``Conv2d`` for a leaf; ``Conv2d+ReLU`` for a container of leaves (as a layer name)."""
    kids = [type(m).__name__ for m in module.children()]
    if not kids:
        return type(module).__name__
    return "+".join(kids[:3]) + ("+..." if len(kids) > 3 else "")


def list_layers(model: nn.Module) -> list[str]:
    """Names of all modules of ``model`` that can be named in ``Recorder(layers=...)``."""
    return [name for name, _ in model.named_modules() if name]


def leaf_modules(model: nn.Module) -> dict[str, nn.Module]:
    return {n: m for n, m in model.named_modules() if n and not list(m.children())}


def named_modules(model: nn.Module, names: Sequence[str]) -> dict[str, nn.Module]:
    table = dict(model.named_modules())
    base = {n.split("#")[0] for n in names}
    out = {}
    for n in base:
        if n not in table or not n:
            close = difflib.get_close_matches(n, list_layers(model), n=5)
            hint = f"; did you mean {close}?" if close else ""
            raise KeyError(
                f"layer {n!r} is not a module of {type(model).__name__}{hint} "
                f"(cnnslicer_widgets.record.list_layers(model) lists all "
                f"{len(table) - 1} module names)"
            )
        out[n] = table[n]
    return out


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
