"""The information view's layer panels, sent: per-channel MI with the labels over the
epochs, and per class at the shown epoch, with the notes that explain them.

Functions of the view (``view``: an
:class:`~cnnslicer_widgets.widgets.information.InformationView`, typed ``Any`` so that
this module does not import the view's).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import xarray as xr

from cnnslicer_widgets.widgets import _info_data as data
from cnnslicer_widgets.widgets._text import describe_ints

__all__ = ["send_panels"]


def send_panels(view: Any, layer: str, epoch: int, notes: list[str], ds: xr.Dataset,
                warned: data.Warned) -> None:  # fmt: skip
    """Send ``ds`` (the per-channel MI of ``layer``, the epochs computed so far) as the
    panels at ``epoch``; epochs not computed yet are NaN."""
    epochs = [int(e) for e in view.cube.epochs]
    full = ds.reindex(epoch=epochs)  # NaN where not computed yet
    at = ds.sel(epoch=epoch)
    notes += _notes(view, ds, at, layer, warned)
    null = full["mi_null_q95"].mean("channel") if "mi_null_q95" in full else None
    p = at["mi_binary_p_value"] if "mi_binary_p_value" in at else xr.full_like(
        at.mi_binary, np.nan)  # fmt: skip
    with view.hold_sync():
        view.panel_message = ""
        view.channel_mi = full.mi.transpose("epoch", "channel").values.astype(np.float32)
        view.channel_null = (np.full(len(epochs), np.nan, np.float32) if null is None
                             else null.values.astype(np.float32))  # fmt: skip
        view.class_mi = at.mi_binary.transpose("class", "channel").values.astype(np.float32)
        view.class_rank = at.mi_binary_rank.transpose("class", "channel").values.astype(
            np.int32)  # fmt: skip
        view.class_p = p.transpose("class", "channel").values.astype(np.float32)
        view.layer_info = {
            "layer": layer,
            "epoch": int(epoch),
            "requested_epoch": int(view.selection.epoch),
            "epochs": epochs,
            "classes": [str(c) for c in view.cube.classes],
            "n_channels": int(ds.sizes["channel"]),
            "method": _method_label(ds),
            "h_y": float(ds.h_y),
            "vmax": float(ds.h_binary.max()),
            "n_permutations": int(ds.attrs.get("n_permutations", 0)),
            "compute_ms": ds.attrs.get("compute_ms"),
            "notes": notes,
        }
        view._set_status()


def _notes(view: Any, ds: xr.Dataset, at: xr.Dataset, layer: str,
           warned: data.Warned) -> list[str]:  # fmt: skip
    notes = []
    n_ch = ds.sizes["channel"]
    if len(view.selection.layers) > 1:
        notes.append(
            f"{len(view.selection.layers)} layers are selected: these panels show "
            f"{layer} (click another trajectory or chip to show it); all are "
            "highlighted in the plane."
        )
    if n_ch == 1:
        notes.append(
            f"{layer} has a single channel: each box is that one value and every rank is 1."
        )
    flat = (at.i_xt.values == 0) & (at.mi.values == 0)
    if flat.any():
        dead = at.channel.values[flat].tolist()
        notes.append(
            f"{len(dead)} channel(s) of {layer} are constant over the probe at this epoch "
            f"({describe_ints(dead)}): their MI is 0 bits (they share the last rank)."
        )
    sat = at.channel.values[at.saturated.values].tolist()
    if sat:
        notes.append(
            f"Saturated at epoch {int(at.epoch)}: {len(sat)} of {n_ch} channels "
            f"({describe_ints(sat)})."
        )
    return notes + data.kind_notes(warned, view.estimator)


def _method_label(ds: xr.Dataset) -> str:
    if ds.attrs.get("method") == "binning":
        return f"binning ({ds.attrs.get('bins')} bins)"
    return f"KDE {ds.attrs.get('bound')} bound"
