"""Selections of a hypercube: which layers, probe samples, channels and epochs are kept.

Each ``pick_*`` turns what a user passes to :meth:`Hypercube.sel` into positions, or
raises an error naming the problem and the valid choices. Nothing here reads data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from cnnslicer_widgets.sample_groups import parse_sample_group
from cnnslicer_widgets.store.reader import Store

__all__ = ["EmptySelectionError", "Sel", "as_index", "pick_channel", "pick_epoch", "pick_group", "pick_label",
           "pick_layers", "pick_x"]


class EmptySelectionError(ValueError):
    """A selection of samples (x, label, group) keeps none of them."""


@dataclass(frozen=True)
class Sel:
    layers: tuple[int, ...]
    x: np.ndarray
    channel: Any = None  # None = all, else np.ndarray of channel indices
    epoch: tuple[int, ...] | None = None  # None = every complete epoch


def _as_list(value) -> list:
    if isinstance(value, (str, int, np.integer)):
        return [value]
    return list(value)


def as_index(idx: Sequence[int] | np.ndarray) -> slice | np.ndarray:
    """A run of consecutive positions as a slice (keeps dask chunks and graphs small)."""
    idx = np.asarray(idx, dtype=np.int64)
    if idx.size and idx[0] >= 0 and np.array_equal(idx, np.arange(idx[0], idx[0] + idx.size)):
        return slice(int(idx[0]), int(idx[0] + idx.size))
    return idx


def pick_layers(store: Store, layer) -> tuple[int, ...]:
    names = [lay.name for lay in store.layers]
    if isinstance(layer, slice):
        return tuple(range(len(names)))[layer]
    out = []
    for item in _as_list(layer):
        if isinstance(item, (int, np.integer)) and not isinstance(item, bool):
            if not -len(names) <= item < len(names):
                raise IndexError(f"layer index {item} is out of range: the store has "
                                 f"{len(names)} layers (0..{len(names) - 1})")
            out.append(int(item) % len(names))
        elif isinstance(item, str) and item in names:
            out.append(names.index(item))
        else:
            raise KeyError(f"layer {item!r} not in store (layers: {', '.join(names)})")
    return tuple(out)


def pick_x(cur: np.ndarray, x) -> np.ndarray:
    idx = np.asarray(x)
    if idx.dtype == bool:
        if idx.shape != cur.shape:
            raise IndexError(f"boolean x mask has shape {idx.shape}; the selection has "
                             f"{len(cur)} samples")
        out = cur[idx]
    else:
        try:
            out = cur[x] if isinstance(x, slice) else cur[np.atleast_1d(idx).astype(int)]
        except (IndexError, ValueError, TypeError):
            raise IndexError(f"x index {x!r} is out of range: the selection has "
                             f"{len(cur)} samples (0..{len(cur) - 1})") from None
    if out.size == 0:
        raise EmptySelectionError(f"x={x!r} selects no samples")
    return np.atleast_1d(out)


def pick_label(store: Store, label, cur: np.ndarray) -> np.ndarray:
    wanted = []
    for item in _as_list(label):
        if isinstance(item, str):
            if item not in store.classes:
                raise KeyError(f"class {item!r} not in store (classes: {store.classes})")
            item = store.classes.index(item)
        wanted.append(int(item))
    out = cur[np.isin(store.labels[cur], wanted)]
    if out.size == 0:
        present = sorted(set(store.labels[cur].tolist()))
        raise EmptySelectionError(f"label group {label!r} is empty in this selection "
                         f"(labels present: {present}); choose one of those")
    return out


def pick_group(store: Store, group: str, cur: np.ndarray,
               epochs: tuple[int, ...] | None) -> np.ndarray:
    """The samples of ``cur`` in a sample group; predictions (argmax of the probe logits)
    come from the one selected epoch."""
    parsed = parse_sample_group(group)
    labels = store.labels[cur]
    preds = None
    if parsed.needs_predictions:
        if epochs is None or len(epochs) != 1:
            chosen = "no epoch" if epochs is None else f"epochs {list(epochs)}"
            raise ValueError(f"sample group {parsed.text!r} needs the predictions of one "
                             f"epoch, and {chosen} is selected: pass epoch= as well, e.g. "
                             f"cube.sel(group={parsed.text!r}, epoch=-1)")
        logits = store.read("logits", store.positions[epochs[0]])
        preds = np.asarray(logits)[cur].argmax(axis=1)
    out = cur[parsed.mask(labels, preds)]
    if out.size == 0:
        raise EmptySelectionError(f"sample group {parsed.text!r} is empty in this selection "
                         f"({len(cur)} samples); choose another group")
    return out


def pick_channel(store: Store, channel, layers: Sequence[int]) -> np.ndarray:
    if isinstance(channel, slice):
        widest = max(store.layers[i].shape[0] for i in layers)
        idx = np.arange(widest)[channel]
    else:
        idx = np.atleast_1d(np.asarray(channel))
    if idx.size == 0:
        raise ValueError(f"channel={channel!r} selects no channels")
    if idx.dtype.kind not in "iu":
        raise TypeError(f"channel={channel!r}: channels are integer indices, a list or a slice")
    for i in layers:
        lay = store.layers[i]
        n = lay.shape[0]
        bad = idx[(idx < 0) | (idx >= n)]
        if bad.size:
            raise IndexError(f"channel {int(bad[0])} is out of range for layer {lay.name!r} "
                             f"({n} channels: 0..{n - 1})")
    return idx.astype(int)


def pick_epoch(store: Store, epoch) -> tuple[int, ...]:
    avail = list(store.epochs)
    if isinstance(epoch, slice):
        lo = -np.inf if epoch.start is None else epoch.start
        hi = np.inf if epoch.stop is None else epoch.stop
        out = [e for e in avail if lo <= e <= hi][:: epoch.step or 1]
    else:
        out = []
        for e in _as_list(epoch):
            if e == -1 and avail:
                e = avail[-1]
            if int(e) not in store.positions:
                inc = (f"; epoch {int(e)} is incomplete (its writer stopped mid-epoch)"
                       if int(e) in store.incomplete else "")
                raise KeyError(f"epoch {e} is not a complete epoch of this store "
                               f"(complete epochs: {avail}){inc}")
            out.append(int(e))
    if not out:
        raise KeyError(f"epoch={epoch!r} selects no complete epoch (complete: {avail})")
    return tuple(out)
