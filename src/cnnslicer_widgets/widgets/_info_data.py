"""What the information view computes, a (layer, epoch) cell at a time: the caches of the
plane and of the per-channel MI, merged as cells arrive, and the arrays and sentences the
view sends (widgets/information.py)."""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import xarray as xr

from cnnslicer_widgets.estimators import InformationEstimateWarning
from cnnslicer_widgets.widgets._cache import LRU
from cnnslicer_widgets.widgets._text import describe_ints

__all__ = ["BOUNDS", "ESTIMATORS", "VARIANTS", "Cells", "collect", "concat", "plane_arrays"]

ESTIMATORS: dict[str, str] = {
    "kde": "KDE, range from lower to upper bound",
    "kde_upper": "KDE upper bound",
    "kde_lower": "KDE lower bound",
    "binning": "binning (30 bins)",
}
"""The view's estimator choices and their labels."""

BOUNDS = ("kde_lower", "kde_upper", "binning")
"""The estimates along the last axis of the plane's arrays, every one sent at once."""

VARIANTS: dict[str, tuple[str, str]] = {
    "kde": ("kde", "upper"), "kde_upper": ("kde", "upper"),
    "kde_lower": ("kde", "lower"), "binning": ("binning", "upper"),
}  # fmt: skip
"""(method, bound) of channel_label_mi for each estimator choice."""

Warned = list[tuple[str, str]]


def collect(run: Any) -> tuple[Any, Warned]:
    """run() with its estimator warnings caught: (result, their (kind, note) pairs)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = run()
    return out, [(w.message.kind, w.message.note) for w in caught
                 if isinstance(w.message, InformationEstimateWarning)]


def concat(parts: list[xr.Dataset], dim: str) -> xr.Dataset:
    """Datasets joined along ``dim`` (coords that differ, e.g. n_units, go along it)."""
    return xr.concat(parts, dim=dim, coords="different", compat="equals", join="outer")


class Cells(LRU[tuple[xr.Dataset, Warned]]):
    """Results by key (a layer, or (layer, method, bound)), each a Dataset over the epochs
    computed so far, with the warnings they raised."""

    def epochs(self, key: Any) -> set[int]:
        cell = self.peek(key)
        return set() if cell is None else {int(e) for e in cell[0].epoch.values}

    def merge(self, key: Any, ds: xr.Dataset, warned: Warned) -> None:
        """Add epochs of ``key``; the attrs of the newest part win."""
        old = self.peek(key)
        if old is not None:
            attrs = ds.attrs
            ds = concat([old[0], ds], "epoch").sortby("epoch")
            ds.attrs, warned = attrs, old[1] + warned
        self.put(key, (ds, warned))


def kind_notes(warned: Warned, estimator: str) -> list[str]:
    """The estimator notes (why estimates saturate) for the shown estimator, once each."""
    prefix = "binning" if estimator == "binning" else "kde"
    return list(dict.fromkeys(note for kind, note in warned if kind.startswith(prefix)))


def plane_arrays(cells: Cells, layers: list[str], epochs: list[int]) -> dict[str, Any]:
    """(layer, epoch, BOUNDS) float32 arrays of every layer and epoch, NaN where not
    computed yet; per estimator the notes; which cells are done."""
    shape = (len(layers), len(epochs), len(BOUNDS))
    xt, ty, null = (np.full(shape, np.nan, np.float32) for _ in range(3))
    sat = np.zeros(shape, np.uint8)
    warned: Warned = []
    hollow: dict[str, list[str]] = {"kde": [], "binning": []}
    done = 0
    pos = {e: i for i, e in enumerate(epochs)}
    for li, name in enumerate(layers):
        cell = cells.peek(name)
        if cell is None:
            continue
        ds, w = cell
        warned += w
        have = [e for e in (int(v) for v in ds.epoch.values) if e in pos]
        if not have:
            continue
        done += len(have)
        at = ds.sel(epoch=have, estimator=list(BOUNDS))
        idx = [pos[e] for e in have]
        xt[li, idx] = at.i_xt.values
        ty[li, idx] = at.i_ty.values
        if "i_ty_null_q95" in at:
            null[li, idx] = at.i_ty_null_q95.values
        s = at.saturated.values.astype(bool)
        sat[li, idx] = s
        for key, cols in (("kde", [0, 1]), ("binning", [2])):
            bad = [have[i] for i in np.flatnonzero(s[:, cols].any(axis=1))]
            if bad:
                hollow[key].append(f"{name} (epoch {describe_ints(bad)})")
    notes = {}
    for est in ESTIMATORS:
        key = "binning" if est == "binning" else "kde"
        lines = kind_notes(warned, est)
        if hollow[key]:
            lines.insert(0, f"Saturated, drawn hollow: {', '.join(hollow[key])}.")
        notes[est] = lines
    return {"xt": xt, "ty": ty, "null": null, "sat": sat, "notes": notes, "done": done}


def label_entropy(labels: np.ndarray) -> float:
    """H(Y) in bits of the probe labels (the plane's upper limit of I(T;Y))."""
    _, counts = np.unique(np.asarray(labels), return_counts=True)
    p = counts / counts.sum()
    return float(-(p * np.log2(p)).sum())
