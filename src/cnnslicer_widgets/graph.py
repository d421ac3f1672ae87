"""Which recorded layer feeds which: the data flow of a model, traced with torch.fx.

The recorder stores it with the run (:func:`graph_attrs`, in the store's JSON ``extra``
attribute, under ``"graph"``) so that the query view draws skip connections without the
model. Layers are named by their index in the store (a 400-layer network's edges stay a few
kilobytes). A model that torch.fx cannot trace (data-dependent control flow) gets no edges
and the reason; the views then draw the recorded call order as a chain.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from torch import fx, nn

from cnnslicer_widgets.store.spec import LayerSpec

__all__ = ["graph_attrs", "layer_edges"]


class _LayerTracer(fx.Tracer):
    """torch.fx's tracer, keeping every recorded module (a container too) as one call."""

    def __init__(self, keep: set[str]) -> None:
        super().__init__()
        self.keep = keep

    def is_leaf_module(self, m: nn.Module, qualname: str) -> bool:
        return qualname in self.keep or super().is_leaf_module(m, qualname)


def layer_edges(model: nn.Module, layers: Sequence[LayerSpec]) -> list[tuple[int, int]]:
    """The edges (from, to) between recorded layers, by layer index, in forward order.

    An edge a -> b says that layer b reads what layer a wrote, directly or through
    operations that are not recorded layers (an addition, a concatenation, a flatten).
    ``"input"`` is the model's first argument; ``"output"`` (when it is a layer) reads the
    model's return value.

    Raises
    ------
    Exception
        Whatever torch.fx raises for a model it cannot trace.

    Examples
    --------
    A residual block: ``b`` reads ``a``; the sum of both feeds ``c``.

    >>> import torch
    >>> class Block(nn.Module):
    ...     def __init__(self):
    ...         super().__init__()
    ...         self.a, self.b, self.c = nn.ReLU(), nn.Tanh(), nn.Sigmoid()
    ...     def forward(self, x):
    ...         y = self.a(x)
    ...         return self.c(y + self.b(y))
    >>> layers = [LayerSpec(n, i, "" if i == 0 else n, "", (1, 1, 1))
    ...           for i, n in enumerate(["input", "a", "b", "c"])]
    >>> layer_edges(Block(), layers)
    [(0, 1), (1, 2), (1, 3), (2, 3)]
    """
    index = {lay.name: lay.index for lay in layers}
    keep = {lay.module for lay in layers if lay.module}
    graph = _LayerTracer(keep).trace(model)
    calls: dict[str, int] = {}
    lineage: dict[fx.Node, frozenset[int]] = {}
    edges: set[tuple[int, int]] = set()
    first_input = True
    for node in graph.nodes:
        feeds = frozenset().union(*(lineage.get(n, frozenset()) for n in node.all_input_nodes))
        key = None
        if node.op == "placeholder" and first_input:
            key, first_input = "input", False
        elif node.op == "call_module" and node.target in keep:
            k = calls.get(str(node.target), 0)
            calls[str(node.target)] = k + 1
            key = str(node.target) if k == 0 else f"{node.target}#{k}"
        elif node.op == "output":
            key = "output"
        if key is not None and key in index:
            edges.update((a, index[key]) for a in feeds if a != index[key])
            lineage[node] = frozenset({index[key]})
        else:
            lineage[node] = feeds
    return sorted(edges)


def graph_attrs(model: nn.Module, layers: Sequence[LayerSpec]) -> dict[str, Any]:
    """``{"graph": {...}}`` for the store's ``extra`` attribute; never raises.

    ``{"source": "torch.fx", "edges": [[a, b], ...]}`` (layer indices), or
    ``{"source": "none", "reason": "..."}`` when the model cannot be traced.

    Examples
    --------
    >>> layers = [LayerSpec("input", 0, "", "Input", (1, 1, 1)),
    ...           LayerSpec("0", 1, "0", "ReLU", (1, 1, 1))]
    >>> graph_attrs(nn.Sequential(nn.ReLU()), layers)
    {'graph': {'source': 'torch.fx', 'edges': [[0, 1]]}}
    """
    try:
        edges = layer_edges(model, layers)
    except Exception as err:  # noqa: BLE001 - any tracing failure only loses the edges
        return {"graph": {"source": "none", "reason": f"{type(err).__name__}: {err}"[:300]}}
    return {"graph": {"source": "torch.fx", "edges": [[a, b] for a, b in edges]}}
