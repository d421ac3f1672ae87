"""Helpers shared by the layer and channel views: which probe samples to show, and images
scaled to bytes for display (sent as binary uint8 arrays, never as JSON lists).

Images travel as ``(n, H, W, C)`` uint8 with C = 1 (grey) or 3 (RGB); the browser paints
them as they are (``js/lib/images.js``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from cnnslicer_widgets.cube import EmptySelectionError, Hypercube

__all__ = [
    "check_layer",
    "group_positions",
    "images_to_uint8",
    "maps_to_uint8",
    "pick_probes",
    "signed_to_uint8",
]


def check_layer(cube: Hypercube, name: str, *, raw: bool = True) -> str:
    """Why ``name`` cannot be shown ("" if it can): unknown layer, or no raw maps kept."""
    info = {lay.name: lay for lay in cube.all_layers}
    if name not in info:
        names = ", ".join(lay.name for lay in cube.all_layers)
        return f"Layer {name!r} is not in this store (layers: {names})."
    if raw and getattr(info[name], "stored", "raw") != "raw":
        return (
            f"Layer {name!r} was recorded as per-map histograms only, so its feature maps "
            "were not kept. Choose a layer recorded raw, or record again without it in "
            "Recorder(summarize=...)."
        )
    return ""


def group_positions(cube: Hypercube, group: str, epoch: int) -> np.ndarray:
    """Positions along the cube's ``x`` (0..N-1) of the samples in a sample group, empty
    when the group has none. Groups that need predictions (``"correct"``,
    ``"pred == k"``) use the argmax of the probe logits at ``epoch``."""
    try:
        return cube.sel(group=group, epoch=epoch).x
    except EmptySelectionError:
        return np.empty(0, dtype=np.int64)


def pick_probes(
    labels: np.ndarray, positions: np.ndarray, n: int, *, class_index: int | None = None
) -> np.ndarray:
    """Up to ``n`` positions to show: one per class in turn (classes in order), so a few
    images cover several classes; only ``class_index``'s samples when it is given (and has
    any).

    Examples
    --------
    >>> labels = np.array([3, 3, 1, 1, 0, 0])
    >>> pick_probes(labels, np.arange(6), 4).tolist()
    [4, 2, 0, 5]
    >>> pick_probes(labels, np.arange(6), 4, class_index=1).tolist()
    [2, 3]
    """
    positions = np.asarray(positions, dtype=np.int64)
    labs = np.asarray(labels)[positions]
    if class_index is not None and (labs == class_index).any():
        return positions[labs == class_index][:n]
    queues = [list(positions[labs == c]) for c in np.unique(labs)]
    out: list[int] = []
    depth = 0
    while len(out) < n and any(len(q) > depth for q in queues):
        out += [int(q[depth]) for q in queues if len(q) > depth][: n - len(out)]
        depth += 1
    return np.asarray(out, dtype=np.int64)


def _to_bytes(scaled: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(np.nan_to_num(scaled, nan=0.0) * 255.0), 0, 255).astype(np.uint8)


def maps_to_uint8(maps: Any) -> tuple[np.ndarray, float, float]:
    """Feature maps of one channel ``(n, h, w)`` -> ``(n, h, w, 1)`` uint8 on one shared
    scale (the row's min..max), so both the pattern and the relative strength show; also
    returns that min and max. A constant row is all 0.

    Examples
    --------
    >>> img, lo, hi = maps_to_uint8(np.array([[[0.0, 1.0]], [[2.0, 4.0]]]))
    >>> img[..., 0].tolist(), lo, hi
    ([[[0, 64]], [[128, 255]]], 0.0, 4.0)
    """
    m = np.asarray(maps, dtype=np.float64)
    finite = m[np.isfinite(m)]
    lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (0.0, 0.0)
    scaled = (m - lo) / (hi - lo) if hi > lo else np.zeros_like(m)
    return _to_bytes(scaled)[..., None], lo, hi


def _channels_last(images: np.ndarray) -> np.ndarray:
    """(n, C, H, W) -> (n, H, W, C'), C' = 1 or 3 (other channel counts keep the first)."""
    if images.shape[1] not in (1, 3):
        images = images[:, :1]
    return np.moveaxis(images, 1, -1)


def images_to_uint8(images: Any) -> np.ndarray:
    """Input images ``(n, C, H, W)`` (any units) -> ``(n, H, W, C')`` uint8, each image
    stretched over its own min..max.

    Examples
    --------
    >>> images_to_uint8(np.array([[[[1.0, 3.0]]]])).reshape(-1).tolist()
    [0, 255]
    """
    x = _channels_last(np.asarray(images, dtype=np.float64))
    lo = x.min(axis=(1, 2, 3), keepdims=True)
    hi = x.max(axis=(1, 2, 3), keepdims=True)
    span = np.where(hi > lo, hi - lo, 1.0)
    return _to_bytes((x - lo) / span)


def signed_to_uint8(projections: Any) -> np.ndarray:
    """Deconvnet projections ``(n, C, H, W)`` -> ``(n, H, W, C')`` uint8, each image scaled
    by its own largest magnitude so that 0 is mid grey (128), positive lighter, negative
    darker. An all-zero projection is flat grey.

    Examples
    --------
    >>> signed_to_uint8(np.array([[[[-2.0, 0.0, 1.0]]]])).reshape(-1).tolist()
    [0, 128, 191]
    """
    x = _channels_last(np.asarray(projections, dtype=np.float64))
    peak = np.abs(x).max(axis=(1, 2, 3), keepdims=True)
    peak = np.where(peak > 0, peak, 1.0)
    return _to_bytes(0.5 + 0.5 * x / peak)
