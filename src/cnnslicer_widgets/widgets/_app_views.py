"""What the CNNSlicer app can show: :class:`ViewSpec` (how to make one view), the views it
knows (:data:`VIEWS`), those it shows by default, and the layers it starts with."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from cnnslicer_widgets.cube import Hypercube
from cnnslicer_widgets.widgets._base import CNNSlicerView
from cnnslicer_widgets.widgets.channel_view import ChannelView
from cnnslicer_widgets.widgets.information import InformationView
from cnnslicer_widgets.widgets.layer_view import LayerView
from cnnslicer_widgets.widgets.performance import PerformanceView
from cnnslicer_widgets.widgets.query import QueryView
from cnnslicer_widgets.widgets.selection import Selection

__all__ = ["DEFAULT_VIEWS", "VIEWS", "ViewSpec", "default_layers", "view_specs"]


@dataclass(frozen=True)
class ViewSpec:
    """How the app makes one view: ``make(cube, selection, model)`` returns the view (with
    ``all_runs``, ``make(runs, selection, model)``: ``runs`` maps each run's name to its
    cube, or is the one cube of a one-run app)."""

    title: str
    """The view's tab title."""
    hint: str
    """One sentence at the top of its tab: what the view shows and how to drive it."""
    make: Callable[[Any, Selection, Any], CNNSlicerView]
    all_runs: bool = False
    """One view over every run of the app (the performance view), not one per run."""


VIEWS: dict[str, ViewSpec] = {
    "query": ViewSpec(
        "Query",
        "Click rows of the overview or columns of the cube, then press Query: the views on "
        "the right follow.",
        lambda cube, sel, model: QueryView(cube, sel, model=model),
    ),
    "layer": ViewSpec(
        "Layer view",
        "Channel capacity between the first two selected layers; click a cell for maps.",
        lambda cube, sel, model: LayerView(cube, sel, model=model),
    ),
    "channel": ViewSpec(
        "Channel view",
        "Intra-sample entropy of each channel of the first selected layer; click a "
        "channel for its deconvnet projections.",
        lambda cube, sel, model: ChannelView(cube, sel, model=model),
    ),
    "information": ViewSpec(
        "Information view",
        "Information plane of each layer over training, per-channel mutual information "
        "with the labels.",
        lambda cube, sel, model: _information_view(cube, sel),
    ),
    "performance": ViewSpec(
        "Performance",
        "Confusion matrix at the selected epoch, label entropies and loss over training; "
        "with several runs, click a run's bar or chip to show it in every view.",
        lambda runs, sel, model: PerformanceView(runs, sel),
        all_runs=True,
    ),
}
"""The views the app knows, by name: ``CNNSlicer(path, views=[..., "information"])``. To
add one: ``VIEWS[name] = ViewSpec(...)`` (and its name in :data:`DEFAULT_VIEWS` to show it
by default)."""

DEFAULT_VIEWS: tuple[str, ...] = ("query", "layer", "channel", "information", "performance")
"""The views of ``CNNSlicer(path)``: the query view in the left column, the others as tabs
on the right, in this order."""

def _information_view(cube: Hypercube, selection: Selection) -> CNNSlicerView:
    return InformationView(cube, selection)


def default_layers(cube: Hypercube) -> list[str]:
    """The layers an app starts with: the first two recorded raw after the input (so the
    layer view has a pair), else what there is.

    Examples
    --------
    >>> class Cube:
    ...     all_layers = [type("L", (), {"name": n, "stored": s})
    ...                   for n, s in (("input", "raw"), ("c1", "histogram"), ("c2", "raw"),
    ...                                ("c3", "raw"), ("out", "raw"))]
    >>> default_layers(Cube())
    ['c2', 'c3']
    """
    raw = [lay.name for lay in cube.all_layers if getattr(lay, "stored", "raw") == "raw"]
    inner = [n for n in raw if n != "input"]
    return (inner or raw)[:2]




def view_specs(views: Sequence[str | ViewSpec]) -> list[tuple[str, ViewSpec]]:
    """``views=`` of the app as (name, spec) pairs, checked: known names or specs, distinct,
    at least one."""
    if isinstance(views, str):
        views = [views]
    out: list[tuple[str, ViewSpec]] = []
    for item in views:
        if isinstance(item, ViewSpec):
            out.append((item.title.lower().replace(" ", "_"), item))
        elif item in VIEWS:
            out.append((item, VIEWS[item]))
        else:
            raise ValueError(f"unknown view {item!r}; views: {', '.join(VIEWS)} (or a ViewSpec)")
    names = [n for n, _ in out]
    if len(set(names)) != len(names) or not out:
        raise ValueError(f"views= needs distinct views, at least one; got {names}")
    return out
