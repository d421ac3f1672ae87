"""The query view's architecture overview: the module tree of the recorded layers and the
edges between them (skip connections).

The tree comes from each layer's module path (``layer1.0.conv1``: stage ``layer1``, block
``layer1.0``, layer ``conv1``); a module called twice gives two layers in the same block
(``relu``, ``relu#1``). Groups hold consecutive layers in forward order, so a collapsed
group is one slab of the cube. The edges come from the store (the recorder traces the
model with torch.fx), else from ``model=`` (traced here), else the recorded call order.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

__all__ = ["architecture_edges", "layer_tree"]


def _container(row: dict[str, Any]) -> list[str]:
    """The groups a layer sits in: its module path without the module itself."""
    module = str(row.get("module") or "")
    name = str(row["name"])
    if not module or not (name == module or name.startswith(module + "#")):
        return []  # the input, the output, or a layer named apart from its module
    return module.split(".")[:-1]


def _short(row: dict[str, Any]) -> str:
    name, module = str(row["name"]), str(row.get("module") or "")
    if module and name.startswith(module):
        return module.rsplit(".", 1)[-1] + name[len(module):]
    return name


def layer_tree(table: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """The module tree of the layers in ``table`` (forward order), as nodes in pre-order.

    Each node: ``id`` (its position in the list), ``kind`` (``"group"`` or ``"layer"``),
    ``label`` (the last part of the name), ``path`` (the full name), ``depth`` (0 at the
    top), ``parent`` (an id, -1 at the top), ``first`` and ``last`` (the positions of its
    first and last layer in ``table``). A container entered again later in the forward pass
    gets a second group node, so every group holds consecutive layers.

    Examples
    --------
    >>> rows = [{"name": n, "module": m} for n, m in [
    ...     ("input", ""), ("conv1", "conv1"), ("layer1.0.conv1", "layer1.0.conv1"),
    ...     ("layer1.0.relu", "layer1.0.relu"), ("layer1.0.relu#1", "layer1.0.relu"),
    ...     ("fc", "fc")]]
    >>> [(n["kind"], n["label"], n["depth"], n["first"], n["last"]) for n in layer_tree(rows)]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('layer', 'input', 0, 0, 0), ('layer', 'conv1', 0, 1, 1), ('group', 'layer1', 0, 2, 4),
     ('group', '0', 1, 2, 4), ('layer', 'conv1', 2, 2, 2), ('layer', 'relu', 2, 3, 3),
     ('layer', 'relu#1', 2, 4, 4), ('layer', 'fc', 0, 5, 5)]
    """
    nodes: list[dict[str, Any]] = []
    stack: list[dict[str, Any]] = []  # the open groups, outermost first
    for pos, row in enumerate(table):
        path = _container(row)
        keep = 0
        while keep < min(len(stack), len(path)) and stack[keep]["label"] == path[keep]:
            keep += 1
        del stack[keep:]
        for part in path[keep:]:
            group = {"id": len(nodes), "kind": "group", "label": part,
                     "path": ".".join(path[: len(stack) + 1]), "depth": len(stack),
                     "parent": stack[-1]["id"] if stack else -1, "first": pos, "last": pos}
            nodes.append(group)
            stack.append(group)
        for group in stack:
            group["last"] = pos
        nodes.append({"id": len(nodes), "kind": "layer", "label": _short(row),
                      "path": str(row["name"]), "depth": len(stack),
                      "parent": stack[-1]["id"] if stack else -1, "first": pos, "last": pos})
    return nodes


def _stored_edges(attrs: dict[str, Any], n_layers: int) -> list[list[int]] | None:
    try:
        graph = json.loads(attrs.get("extra") or "{}").get("graph") or {}
    except (TypeError, ValueError, AttributeError):
        return None
    if graph.get("source") != "torch.fx":
        return None
    edges = graph.get("edges") or []
    ok = all(isinstance(e, list) and len(e) == 2 and all(
        isinstance(v, int) and 0 <= v < n_layers for v in e) for e in edges)
    return [list(e) for e in edges] if ok else None


def architecture_edges(cube: Any, model: Any = None) -> tuple[list[list[int]], str]:
    """Edges ``[from, to]`` between the cube's layers (positions in ``cube.layer_info``)
    and where they come from: ``"store"``, ``"model"`` (traced with torch.fx from
    ``model``) or ``"call order"`` (each layer reads the one before it).

    Examples
    --------
    >>> class Cube:  # a store without a graph, three layers
    ...     attrs = {"extra": "{}"}
    ...     layer_info = [type("L", (), {"index": i})() for i in range(3)]
    >>> architecture_edges(Cube())
    ([[0, 1], [1, 2]], 'call order')
    """
    layers = list(cube.layer_info)
    position = {int(lay.index): i for i, lay in enumerate(layers)}
    found, source = _stored_edges(cube.attrs, 1 + max(position, default=0)), "store"
    if found is None and model is not None:
        from cnnslicer_widgets.graph import layer_edges  # torch, only with model=

        try:
            found, source = [list(e) for e in layer_edges(model, layers)], "model"
        except Exception:  # noqa: BLE001 - an untraceable model: the call order stands in
            found = None
    if found is None:
        return [[i, i + 1] for i in range(len(layers) - 1)], "call order"
    edges = [[position[a], position[b]] for a, b in found if a in position and b in position]
    return sorted(edges), source
