"""Which modules a Recorder records: named ones, or a level of the module tree.

``layers=`` takes module names (a string is one name), or a level:

- ``"leaves"`` (the default): every module without children;
- ``"blocks"``: the building blocks of the model: every module whose parent is a container
  (``nn.Sequential``, ``nn.ModuleList``, ``nn.ModuleDict`` or a subclass) and that is not a
  container itself (resnet's BasicBlocks, densenet's dense layers and transition parts,
  ConvNeXt's CNBlocks, a ViT's encoder blocks), plus the leaves outside any block (a stem
  convolution, the classifier);
- ``"top"``: the model's direct children.

What a level finds but cannot record (a module never called, one returning a tuple, an
output of rank 5, an output whose layout cannot be told) is listed with the reason in
``Recorder.skipped`` and in the summary printed before recording; a module named
explicitly must be recordable, or the recorder says why it is not.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

from torch import nn

__all__ = ["CONTAINERS", "LEVELS", "chosen_modules", "leaf_modules", "level_modules",
           "list_layers", "named_modules"]

LEVELS = ("leaves", "blocks", "top")
CONTAINERS = (nn.Sequential, nn.ModuleList, nn.ModuleDict)


def list_layers(model: nn.Module) -> list[str]:
    """Names of all modules of ``model`` that can be named in ``Recorder(layers=...)``."""
    return [name for name, _ in model.named_modules() if name]


def leaf_modules(model: nn.Module) -> dict[str, nn.Module]:
    return {n: m for n, m in model.named_modules() if n and not list(m.children())}


def level_modules(model: nn.Module, level: str) -> dict[str, nn.Module]:
    """The modules of one level (see the module docstring), in definition order."""
    if level == "leaves":
        return leaf_modules(model)
    if level == "top":
        return dict(model.named_children())
    out: dict[str, nn.Module] = {}

    def walk(prefix: str, module: nn.Module, in_container: bool) -> None:
        for name, child in module.named_children():
            full = f"{prefix}{name}"
            is_container = isinstance(child, CONTAINERS)
            if not is_container and (in_container or not list(child.children())):
                out[full] = child  # a block, or a leaf outside any block
            else:
                walk(full + ".", child, is_container)

    walk("", model, isinstance(model, CONTAINERS))
    return out


def named_modules(model: nn.Module, names: Sequence[str]) -> dict[str, nn.Module]:
    """The modules named (``name#k`` names the k-th call of ``name``), checked."""
    table = dict(model.named_modules())
    out = {}
    for n in dict.fromkeys(n.split("#")[0] for n in names):
        if n not in table or not n:
            close = difflib.get_close_matches(n, list_layers(model), n=5)
            hint = f"; did you mean {close}?" if close else ""
            raise KeyError(
                f"layer {n!r} is not a module of {type(model).__name__}{hint} "
                f"(cnnslicer_widgets.record.list_layers(model) lists all "
                f"{len(table) - 1} module names; levels: {', '.join(LEVELS)})"
            )
        out[n] = table[n]
    return out


def chosen_modules(model: nn.Module, layers: str | Sequence[str] | None,
                   ) -> tuple[dict[str, nn.Module], str, list[str] | None]:
    """(modules to hook, the rule in words, the names asked for or None for a level).

    Examples
    --------
    >>> from torch import nn
    >>> model = nn.Sequential(nn.Conv2d(1, 2, 3), nn.Sequential(nn.ReLU(), nn.Flatten()))
    >>> [list(chosen_modules(model, level)[0]) for level in ("leaves", "blocks", "top")]
    [['0', '1.0', '1.1'], ['0', '1.0', '1.1'], ['0', '1']]
    >>> chosen_modules(model, "0")[1:]
    ('named', ['0'])
    """
    if layers is None:
        layers = "leaves"
    if isinstance(layers, str) and layers in LEVELS:
        return level_modules(model, layers), layers, None
    names = [layers] if isinstance(layers, str) else list(layers)
    if not names:
        raise ValueError("layers=[] names no layer; name modules (list_layers(model) lists "
                         f"them), or pass a level: {', '.join(map(repr, LEVELS))}")
    bad = [n for n in names if not isinstance(n, str)]
    if bad:
        raise TypeError(f"layers= takes module names (strings) or a level; got {bad[:3]}")
    return named_modules(model, names), "named", names
