"""Checks run on every store before anything is served from it.

:func:`validate` checks the format version, the JSON metadata (keys and types), every
dataset's presence, shape and dtype against the architecture metadata and the probe size,
the labels' range, a CRC of the metadata strings, and which epochs are complete (every
per-epoch array must hold every complete epoch). Each failure raises
:class:`~cnnslicer_widgets.store.spec.StoreFormatError` naming the file, the part, what was
found, what was expected and what to do; errors h5py raises on damaged bytes are turned
into the same. Only small arrays (labels, epoch flags) are read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import h5py
import numpy as np

from cnnslicer_widgets.store.checks import (
    DAMAGED,
    Check,
    check_metadata,
    check_version,
    parse_layers,
)
from cnnslicer_widgets.store.spec import LayerSpec, StoreFormatError, group_name

__all__ = ["DAMAGED", "EpochState", "StoreMeta", "epoch_state", "parse_layers", "validate"]

_REQUIRED = ("epoch", "epoch_complete", "x", "sample_index", "label", "logits", "confusion",
             "loss", "layers", "weights", "train_epoch", "train_loss")


@dataclass
class StoreMeta:
    """What validation learnt about a store (parsed metadata and dataset names)."""

    layers: list[LayerSpec]
    classes: list[str]
    n_samples: int
    attrs: dict[str, Any]
    labels: np.ndarray
    sample_index: np.ndarray
    weights: list[str] = field(default_factory=list)

    def per_epoch(self) -> list[str]:
        """Every dataset with an epoch dim that must hold each complete epoch."""
        names = ["epoch_complete", "loss", "logits", "confusion"]
        for lay in self.layers[1:]:
            base = f"{lay.group}/"
            names += ([base + "activation"] if lay.stored == "raw"
                      else [base + "histogram", base + "min", base + "max"])
        return names + [f"weights/{group_name(w)}" for w in self.weights]


@dataclass
class EpochState:
    epochs: list[int]
    positions: dict[int, int]
    incomplete: list[int]


def _check_probe(f: h5py.File, c: Check, n_classes: int) -> tuple[np.ndarray, np.ndarray]:
    x = c.dataset(f, "x", ndim=1, kinds="iu")
    n = x.shape[0]
    if n < 1:
        c.fail("dataset 'x'", "is empty", "one entry per probe sample")
    out = []
    for name in ("label", "sample_index"):
        ds = c.dataset(f, name, ndim=1, kinds="iu")
        c.shape(ds, f"dataset {name!r}", (n,), "probe samples, as 'x'")
        with c.reading(f"dataset {name!r}"):
            out.append(np.asarray(ds[()], dtype=np.int64))
    labels = out[0]
    bad = labels[(labels < 0) | (labels >= n_classes)]
    if bad.size:
        c.fail("dataset 'label'", f"holds labels {sorted(set(bad.tolist()))[:5]}",
               f"class indices 0..{n_classes - 1} ({n_classes} classes in the metadata)")
    return labels, out[1]


def _check_tables(f: h5py.File, c: Check, n: int, k: int) -> None:
    for name, kinds in (("epoch", "iu"), ("epoch_complete", "iub"), ("loss", "f"),
                        ("train_epoch", "iu"), ("train_loss", "f")):
        c.dataset(f, name, ndim=1, kinds=kinds)
    logits = c.dataset(f, "logits", ndim=3, kinds="f")
    c.shape(logits, "dataset 'logits'", (None, n, k), "epochs, probe samples, classes")
    conf = c.dataset(f, "confusion", ndim=3, kinds="iu")
    c.shape(conf, "dataset 'confusion'", (None, k, k), "epochs, true class, predicted class")


def _check_layer(f: h5py.File, c: Check, lay: LayerSpec, n: int, dtype: str) -> None:
    base = lay.group
    ch, maps = lay.channels, lay.map_shape
    dims = ", ".join(lay.map_dims)
    if lay.stored == "histogram":
        hist = c.dataset(f, f"{base}/histogram", ndim=4, kinds="u")
        c.shape(hist, f"dataset '{base}/histogram'", (None, n, ch, lay.bins),
                "epochs, probe samples, channels, bins")
        for name in ("min", "max"):
            ds = c.dataset(f, f"{base}/{name}", ndim=3, kinds="f")
            c.shape(ds, f"dataset '{base}/{name}'", (None, n, ch), "epochs, probe samples, "
                    "channels")
        return
    part = f"dataset '{base}/activation'"
    if lay.name == "input":
        ds = c.dataset(f, f"{base}/activation", ndim=2 + len(maps), kinds="f")
        c.shape(ds, part, (n, ch, *maps), f"probe samples, channels, {dims} of the "
                "architecture")
        return
    ds = c.dataset(f, f"{base}/activation", ndim=3 + len(maps), kinds="f")
    c.shape(ds, part, (None, n, ch, *maps), f"epochs, probe samples, channels, {dims} of the "
            "architecture")
    if ds.dtype != np.dtype(dtype):
        c.fail(part, f"has dtype {ds.dtype}", f"{dtype} (the store's activation_dtype)")


def _check_weights(f: h5py.File, c: Check, listed: dict | None) -> list[str]:
    """Names of the per-epoch weight datasets (as listed in the metadata when it is there)."""
    found: dict[str, h5py.Dataset] = {}
    with c.reading("group 'weights'"):
        group = f.get("weights")
        if not isinstance(group, h5py.Group):
            c.fail("'weights'", "is not a group", "a group of per-epoch parameter arrays")
        for name, obj in group.items():
            if not isinstance(obj, h5py.Dataset):
                c.fail(f"'weights/{name}'", f"is a {type(obj).__name__}", "a dataset")
            if obj.attrs.get("CLASS") != b"DIMENSION_SCALE":
                found[name] = obj
    if listed is None:
        for name, ds in found.items():
            if ds.ndim < 1 or ds.dtype.kind not in "biuf":
                c.fail(f"dataset 'weights/{name}'", f"has shape {ds.shape} and dtype "
                       f"{ds.dtype}", "(epochs, ...) of numbers")
        return list(found)
    for name, (shape, dtype) in listed.items():
        part = f"dataset 'weights/{group_name(name)}'"
        ds = found.get(group_name(name))
        if ds is None:
            c.fail(part, "is missing", "every parameter listed in the 'weights' metadata")
        c.shape(ds, part, (None, *shape), "epochs, parameter shape")
        with c.reading(part):
            if ds.dtype != np.dtype(dtype):
                c.fail(part, f"has dtype {ds.dtype}", dtype)
    return list(listed)


def epoch_state(f: h5py.File, c: Check | Path | str, meta: StoreMeta, *,
                closed_cleanly: bool | None = None) -> EpochState:
    """Complete epochs (flag 1, every per-epoch array long enough) and incomplete ones
    (flag 0: being written, or its writer was killed or stopped by a write error before it
    could mark it; flag 2: aborted by the writer, or dropped by a resume).

    A writer has one epoch open at a time, always the last row, and a resume marks an
    unfinished last row aborted before it appends; so a 0 flag before a later row can
    only be damage and raises, and so can an epoch complete at one row and written again
    at a later one (a live reader retries both: its view of a writer's rows can lag). A 0
    in the last row is an unfinished epoch even in a file closed cleanly (a full disk can
    keep the aborted flag from landing; ``h5clear -s`` clears the "open" flags of a killed
    file). ``closed_cleanly`` is accepted for compatibility and no longer changes the rule.
    """
    del closed_cleanly
    c = c if isinstance(c, Check) else Check(c)
    with c.reading("datasets 'epoch' and 'epoch_complete'"):
        for name in ("epoch", "epoch_complete"):
            f[name].refresh()
        epochs, flags = f["epoch"][()], f["epoch_complete"][()]
    n = min(len(epochs), len(flags))
    epochs, flags = epochs[:n].astype(np.int64), flags[:n].astype(np.int64)
    odd = np.flatnonzero((flags < 0) | (flags > 2))
    if odd.size:
        c.fail("dataset 'epoch_complete'", f"holds {flags[odd[0]]} at position {odd[0]}",
               "0 (being written), 1 (complete) or 2 (aborted)")
    early = np.flatnonzero(flags[:-1] == 0)
    if early.size:
        i = int(early[0])
        c.fail("dataset 'epoch_complete'", f"marks epoch {epochs[i]} (position {i}) as still "
               "being written, before later epochs", "1 (complete) or 2 (aborted) there: "
               "only the last epoch can be unfinished")
    done = flags == 1
    complete = epochs[done]
    if complete.size and (complete[0] < 0 or np.any(np.diff(complete) <= 0)):
        c.fail("dataset 'epoch'", f"lists complete epochs {complete.tolist()[:8]}",
               "strictly increasing epoch numbers >= 0")
    # an epoch complete at one row and written again at a later one (an unfinished or
    # aborted row whose number never landed reads as epoch 0, the fill value)
    named = np.where(~done & (epochs == 0), -1, epochs)
    again = [(int(i), int(i + 1 + np.flatnonzero(named[i + 1:] == named[i])[0]))
             for i in np.flatnonzero(done) if np.any(named[i + 1:] == named[i])]
    if again:
        (i, j), e = again[0], epochs[again[0][0]]
        c.fail("dataset 'epoch_complete'", f"marks epoch {e} complete at position {i}, and "
               f"epoch {e} is written again at position {j}", "2 (aborted) there: a writer "
               "writes an epoch again only after aborting its unfinished row")
    last = int(np.flatnonzero(done)[-1]) if complete.size else -1
    for name in meta.per_epoch():
        with c.reading(f"dataset {name!r}"):
            ds = f[name]
            ds.refresh()
            rows = ds.shape[0]
        if rows <= last:
            c.fail(f"dataset {name!r}", f"holds {rows} epochs, but epoch {epochs[last]} "
                   f"(position {last}) is marked complete", f"at least {last + 1}")
    after = [int(e) for e in epochs[~done] if not complete.size or e > complete[-1]]
    tail = list(dict.fromkeys(after))  # a resumed epoch aborted again: listed once
    return EpochState(epochs=[int(e) for e in complete],
                      positions={int(e): int(i) for i, e in zip(np.flatnonzero(done), complete, strict=True)},
                      incomplete=tail)


def validate(f: h5py.File, path: Path | str, *,
             closed_cleanly: bool | None = None) -> tuple[StoreMeta, EpochState]:
    """Check the whole structure of an open store; raise StoreFormatError on any problem.

    ``closed_cleanly``: what the superblock says (see :func:`epoch_state`).
    """
    c = Check(path)
    check_version(f, c)
    layers, classes, attrs, listed = check_metadata(f, c)
    with c.reading("the root group"):
        missing = [name for name in _REQUIRED if name not in f]
    if missing:
        raise StoreFormatError(f"{path} is an incomplete cnnslicer store: missing {missing}. "
                               f"{DAMAGED}")
    for name in ("layers", "weights"):
        with c.reading(f"group {name!r}"):
            kind = type(f[name]).__name__
        if kind != "Group":
            c.fail(f"{name!r}", f"is a {kind}", "a group")
    labels, sample_index = _check_probe(f, c, len(classes))
    n = len(labels)
    _check_tables(f, c, n, len(classes))
    for lay in layers:
        _check_layer(f, c, lay, n, attrs["activation_dtype"])
    meta = StoreMeta(layers=layers, classes=classes, n_samples=n, attrs=attrs, labels=labels,
                     sample_index=sample_index, weights=_check_weights(f, c, listed))
    return meta, epoch_state(f, c, meta, closed_cleanly=closed_cleanly)
