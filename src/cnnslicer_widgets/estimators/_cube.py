"""What the cube drivers (``*_cube`` estimators) need of a hypercube, and how they choose.

Every driver has one shape: ``estimator_cube(cube, *, layers=None, epochs=None, ...,
progress=True, client=None)`` (plus ``labels=None`` where labels matter), reads the
layers it is asked for through :class:`CubeLike`, and checks its choices here.
"""

from __future__ import annotations

import inspect
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import xarray as xr

__all__ = ["CubeLike", "epoch_list", "layer_names", "layer_values", "stored"]


@runtime_checkable
class CubeLike(Protocol):
    """What the estimators read of a hypercube. :class:`~cnnslicer_widgets.cube.Hypercube`
    is one; so is any object with these members (tests use small ones).

    ``activations(layer)`` gives dims (epoch, x, channel, *map) with a ``label`` coordinate
    on x; a cube whose layers may be stored as per-map histograms also has
    ``histograms(layer)`` and ``layer_info`` (objects with ``name`` and ``stored``).
    """

    @property
    def layers(self) -> Sequence[str]: ...

    @property
    def epochs(self) -> Sequence[int]: ...

    def activations(self, layer: str) -> xr.DataArray: ...


def stored(cube: CubeLike, name: str) -> str:
    """How a layer was kept: ``"raw"`` or ``"histogram"`` (per-map histograms only)."""
    info = {lay.name: lay for lay in getattr(cube, "layer_info", [])}
    return str(getattr(info.get(name), "stored", "raw"))


def layer_names(cube: CubeLike, layers: str | Sequence[str] | None, *,
                raw: bool = False) -> list[str]:
    """The chosen layers of a cube, checked; default all (with ``raw``: all kept raw).

    ``raw=True`` is for estimators that need the feature maps themselves: a layer kept as
    per-map histograms only is left out of the default and refused when named.
    """
    if layers is None:
        names = [n for n in cube.layers if not raw or stored(cube, n) == "raw"]
    else:
        names = [layers] if isinstance(layers, str) else list(layers)
    unknown = [n for n in names if n not in cube.layers]
    if unknown or not names:
        raise KeyError(
            f"layers {unknown or names} not in the cube (layers: {', '.join(cube.layers)})"
        )
    if raw:
        summarized = [n for n in names if stored(cube, n) != "raw"]
        if summarized:
            raise ValueError(
                f"layers {summarized} were recorded as per-map histograms only, so their "
                "feature maps were not kept; this estimator needs the maps: choose layers "
                "recorded raw"
            )
    return names


def epoch_list(cube: CubeLike, epochs: Sequence[int] | None) -> list[int]:
    """The chosen epochs of a cube (default all complete ones), checked."""
    have = list(cube.epochs)
    chosen = have if epochs is None else [int(e) for e in epochs]
    missing = [e for e in chosen if e not in have]
    if missing or not chosen:
        raise KeyError(f"epochs {missing or chosen} not in the cube (complete epochs: {have})")
    return chosen


def layer_values(cube: CubeLike, name: str, **read: Any) -> xr.DataArray:
    """A layer's maps (``activations(name, **read)`` where the cube takes those keywords),
    or its per-map histograms when only those were recorded."""
    if stored(cube, name) == "histogram":
        return cube.histograms(name)  # type: ignore[attr-defined]
    params = inspect.signature(cube.activations).parameters
    return cube.activations(name, **{k: v for k, v in read.items() if k in params})
