"""The layer view's panel for a clicked cell: the two channels' feature maps for a few
probe images, and their deconvnet projections when the view has the model.

Functions of the view (``view``: a :class:`~cnnslicer_widgets.widgets.layer_view.LayerView`,
typed ``Any`` so that this module does not import the view's).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from cnnslicer_widgets.widgets._display import (
    group_positions,
    images_to_uint8,
    maps_to_uint8,
    pick_probes,
    signed_to_uint8,
)

__all__ = ["update_panel"]


def update_panel(view: Any) -> None:
    """Fill the panel for ``view.picked`` (source, target channel), or clear it when no
    cell of the shown matrix is picked."""
    if len(view.picked) != 2 or view.capacity is None:
        _clear(view)
        return
    source, target = view.info["source"], view.info["target"]
    s, t = (int(c) for c in view.picked)
    epoch = int(view.info["epoch"])
    if not (0 <= t < view.capacity.shape[0] and 0 <= s < view.capacity.shape[1]):
        _clear(view)
        return
    positions = group_positions(view.cube, view.info["sample_group"], epoch)
    shown = pick_probes(view.cube.labels.values, positions, view.n_images)
    maps = {}
    for role, name, channel in (("source", source, s), ("target", target, t)):
        act = view.cube.activations(name).sel(epoch=epoch).isel(x=shown, channel=channel)
        maps[role] = maps_to_uint8(np.asarray(act.values, dtype=np.float32))
    images = view._projector.images(shown, epoch)
    deconv, note = _deconv(view, images, [(source, s), (target, t)], epoch)
    with view.hold_sync():
        view.probe_images = images_to_uint8(images)
        view.probe_labels = np.asarray(view.cube.labels.values)[shown].astype(np.int32)
        view.source_maps, view.target_maps = maps["source"][0], maps["target"][0]
        view.source_deconv, view.target_deconv = deconv
        view.picked_info = {
            "source": source, "target": target, "source_channel": s, "target_channel": t,
            "epoch": epoch, "value": _number(view.capacity[t, s]),
            "source_range": list(maps["source"][1:]), "target_range": list(maps["target"][1:]),
            "deconv": deconv[0] is not None, "note": note,
        }  # fmt: skip


def _deconv(
    view: Any, images: np.ndarray, channels: list[tuple[str, int]], epoch: int
) -> tuple[tuple[Any, Any], str]:
    if view.model is None:
        return (None, None), "Pass model= to LayerView to also see deconvnet projections."
    try:
        out = [signed_to_uint8(view._projector.project(images, n, c, epoch)) for n, c in channels]
    except Exception as err:  # noqa: BLE001 - shown to the user, the view stays usable
        return (None, None), f"Deconvnet failed: {type(err).__name__}: {err}"
    return (out[0], out[1]), ""


def _clear(view: Any) -> None:
    with view.hold_sync():
        view.probe_images = view.probe_labels = None
        view.source_maps = view.target_maps = None
        view.source_deconv = view.target_deconv = None
        view.picked_info = {}


def _number(value: Any) -> float | None:
    """A float for JSON: None for NaN (a cell not counted yet)."""
    value = float(value)
    return value if math.isfinite(value) else None
