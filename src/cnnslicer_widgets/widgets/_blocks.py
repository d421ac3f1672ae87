"""Blocks of a network from its layer names: the module-tree prefixes (``layer2.1`` holds
``layer2.1.conv1``, ``layer2.1.bn1``, ...), for filtering views of 60+ layers.

A recorded name is the module's path in the model (``layer2.1.conv1``); a module called
twice gets ``#k`` (``layer1.0.relu#1``). Its *block* at depth d is the first d parts of
the path; a block's *output* is its last layer in forward order.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["block_of", "block_outputs", "blocks", "layers_in"]


def _parts(name: str) -> list[str]:
    return name.split("#", 1)[0].split(".")


def block_of(name: str, depth: int) -> str:
    """The block of ``name`` at ``depth`` parts (the name itself when it is shallower).

    Examples
    --------
    >>> block_of("layer2.1.relu#1", 2), block_of("layer2.1.conv1", 1), block_of("fc", 2)
    ('layer2.1', 'layer2', 'fc')
    """
    parts = _parts(name)
    return ".".join(parts[:depth]) if len(parts) > depth else name


def blocks(layers: Sequence[str]) -> list[dict[str, object]]:
    """Every block holding two or more layers, in forward order of its first layer:
    ``{"name", "depth", "layers"}`` (its layers' positions in ``layers``).

    Examples
    --------
    >>> names = ["conv1", "layer1.0.conv1", "layer1.0.relu", "layer1.1.conv1", "fc"]
    >>> [(b["name"], b["layers"]) for b in blocks(names)]
    [('layer1', [1, 2, 3]), ('layer1.0', [1, 2])]
    """
    found: dict[str, dict[str, object]] = {}
    for i, name in enumerate(layers):
        parts = _parts(name)
        for depth in range(1, len(parts)):
            key = ".".join(parts[:depth])
            entry = found.setdefault(key, {"name": key, "depth": depth, "layers": []})
            entry["layers"].append(i)  # type: ignore[attr-defined]
    out = [b for b in found.values() if len(b["layers"]) > 1]  # type: ignore[arg-type]
    return sorted(out, key=lambda b: (b["layers"][0], b["depth"]))  # type: ignore[index]


def block_outputs(layers: Sequence[str]) -> list[str]:
    """The layers that end a block one level below the top (``layer1.0``, ...), and every
    top-level layer: one trajectory per block for a first look at a deep network.

    Examples
    --------
    >>> block_outputs(["input", "conv1", "layer1.0.conv1", "layer1.0.relu#1",
    ...                "layer1.1.conv1", "layer1.1.relu#1", "fc"])
    ['input', 'conv1', 'layer1.0.relu#1', 'layer1.1.relu#1', 'fc']
    """
    out: list[str] = []
    for i, name in enumerate(layers):
        here = block_of(name, 2)
        nxt = block_of(layers[i + 1], 2) if i + 1 < len(layers) else None
        if here == name or here != nxt:
            out.append(name)
    return out


def layers_in(layers: Sequence[str], prefix: str) -> list[str]:
    """The layers inside the block ``prefix`` (or equal to it), in forward order.

    Examples
    --------
    >>> layers_in(["layer1.0.conv1", "layer1.1.conv1", "layer10.conv"], "layer1")
    ['layer1.0.conv1', 'layer1.1.conv1']
    """
    return [n for n in layers if n == prefix or _parts(n)[: prefix.count(".") + 1]
            == prefix.split(".")]
