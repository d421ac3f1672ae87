"""The hypercube dCNN(x, layer, channel, epoch) over one store, as lazy xarray objects.

>>> cube = open_cube("run.h5")                                 # doctest: +SKIP
>>> cube.sel(layer="conv1", label=3, epoch=-1)["conv1"]       # doctest: +SKIP

Opening a store never imports torch. Arrays are dask-backed with the store's chunks, so
nothing is read until values are asked for. Only complete epochs are served; the epoch a
killed writer left half-written is listed in :attr:`Hypercube.incomplete_epochs`.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import dask.array as da
import numpy as np
import xarray as xr

from cnnslicer_widgets.store import LayerSpec, open_store_file, read_layers

__all__ = ["Hypercube", "open_cube"]

_FILES: dict[str, Any] = {}
_FILES_LOCK = threading.Lock()


def _file(path: str):
    """One read-only SWMR handle per path per process (dask workers open their own)."""
    with _FILES_LOCK:
        f = _FILES.get(path)
        if f is None or not f.id.valid:
            f = _FILES[path] = open_store_file(path)
        return f


class _H5Array:
    """A picklable array-like over one dataset of a store, for ``dask.array.from_array``."""

    def __init__(self, path: str, name: str, shape: tuple[int, ...], dtype):
        self.path, self.name, self.shape, self.dtype = path, name, shape, np.dtype(dtype)
        self.ndim = len(shape)

    def __getitem__(self, key):
        ds = _file(self.path)[self.name]
        if ds.shape != self.shape:
            ds.refresh()
        return ds[key]


@dataclass(frozen=True)
class _Sel:
    layers: tuple[int, ...]
    x: np.ndarray
    channel: Any = None  # None = all, else np.ndarray of channel indices
    epoch: tuple[int, ...] | None = None  # None = every complete epoch


class _Store:
    """What every view of one file shares: the handle, metadata and completion state."""

    def __init__(self, path: Path):
        self.path = str(Path(path).resolve())
        self.file = _file(self.path)
        f = self.file
        self.layers: list[LayerSpec] = read_layers(f)
        self.classes: list[str] = json.loads(f.attrs["classes"])
        self.attrs = {k: (v.item() if hasattr(v, "item") else v) for k, v in f.attrs.items()}
        self.labels = f["label"][:]
        self.sample_index = f["sample_index"][:]
        self.refresh()

    def refresh(self) -> list[int]:
        f = self.file
        for name in ("epoch", "epoch_complete"):
            f[name].refresh()
        n = min(f["epoch"].shape[0], f["epoch_complete"].shape[0])
        epochs, done = f["epoch"][:n], f["epoch_complete"][:n].astype(bool)
        old = set(getattr(self, "epochs", []))
        self.epochs = [int(e) for e in epochs[done]]
        self.positions = {int(e): int(i) for i, e in enumerate(epochs) if done[i]}
        self.incomplete = [int(e) for e in epochs[~done]]
        return [e for e in self.epochs if e not in old]

    def dask(self, name: str):
        ds = self.file[name]
        ds.refresh()
        arr = _H5Array(self.path, name, ds.shape, ds.dtype)
        return da.from_array(arr, chunks=ds.chunks or ds.shape, lock=False, asarray=True,
                             name=f"cnnslicer-{name}-{ds.shape}-{os.path.basename(self.path)}")


def open_cube(path: str | os.PathLike) -> Hypercube:
    """Open a store written by :class:`~cnnslicer_widgets.record.Recorder` as a hypercube.

    Raises
    ------
    FileNotFoundError, StoreFormatError
        Missing, truncated, foreign or future-format files, with what to do.
    """
    store = _Store(Path(path))
    sel = _Sel(layers=tuple(range(len(store.layers))), x=np.arange(len(store.labels)))
    return Hypercube(store, sel)


def _as_list(value) -> list:
    if isinstance(value, (str, int, np.integer)):
        return [value]
    return list(value)


class Hypercube:
    """dCNN(x, layer, channel, epoch) of one run; :meth:`sel` slices it, lazily.

    Use :func:`open_cube` to make one.
    """

    def __init__(self, store: _Store, sel: _Sel):
        self._store = store
        self._sel = sel

    # -- description ----------------------------------------------------------------------
    @property
    def path(self) -> str:
        return self._store.path

    @property
    def attrs(self) -> dict[str, Any]:
        """The store's metadata (format version, dataset, model class, schedule, ...)."""
        return dict(self._store.attrs)

    @property
    def classes(self) -> list[str]:
        return list(self._store.classes)

    @property
    def dataset_name(self) -> str:
        return str(self._store.attrs.get("dataset_name", ""))

    @property
    def layer_info(self) -> list[LayerSpec]:
        """Selected layers: name, index, module, type, shape (C, H, W), in forward order."""
        return [self._store.layers[i] for i in self._sel.layers]

    @property
    def layers(self) -> list[str]:
        return [lay.name for lay in self.layer_info]

    @property
    def all_layers(self) -> list[LayerSpec]:
        """Every layer of the store, whatever the selection."""
        return list(self._store.layers)

    @property
    def epochs(self) -> list[int]:
        """Selected complete epochs (all complete epochs when none was chosen)."""
        if self._sel.epoch is None:
            return list(self._store.epochs)
        return [e for e in self._sel.epoch if e in self._store.positions]

    @property
    def incomplete_epochs(self) -> list[int]:
        """Epochs started but never marked complete (a writer was killed mid-epoch)."""
        return list(self._store.incomplete)

    @property
    def x(self) -> np.ndarray:
        """Selected probe positions."""
        return self._sel.x.copy()

    @property
    def labels(self) -> xr.DataArray:
        """Label of each selected probe sample, dims ("x",)."""
        return xr.DataArray(self._store.labels[self._sel.x], dims=("x",),
                            coords=self._x_coords(), name="label")

    def _x_coords(self) -> dict:
        x = self._sel.x
        return {"x": x, "sample_index": ("x", self._store.sample_index[x]),
                "label": ("x", self._store.labels[x])}

    def __repr__(self) -> str:
        s = self._store
        shapes = ", ".join(f"{lay.name} {lay.shape[0]}x{lay.shape[1]}x{lay.shape[2]}"
                           for lay in self.layer_info[:8])
        more = f", ... ({len(self.layers)} layers)" if len(self.layers) > 8 else ""
        inc = f"; incomplete: {s.incomplete}" if s.incomplete else ""
        return (f"<cnnslicer Hypercube {os.path.basename(s.path)}: x={len(self._sel.x)}, "
                f"epochs={self.epochs}{inc}\n  layers: {shapes}{more}>")

    # -- selection ------------------------------------------------------------------------
    def sel(self, *, x=None, label=None, layer=None, channel=None, epoch=None) -> Hypercube:
        """Slice the hypercube; every argument is optional and keyword-only.

        Parameters
        ----------
        x
            Probe positions: int, list, slice or boolean mask over the current selection.
        label
            Class index or name, or a list of them: the label group(s) to keep.
        layer
            Layer name or index (into the store's layers), or a list of them.
        channel
            Channel index, list or slice, applied to every selected layer.
        epoch
            Epoch number(s) (-1 means the last complete epoch), a list, or a slice of
            epoch numbers.
        """
        sel = self._sel
        if layer is not None:
            sel = replace(sel, layers=self._pick_layers(layer))
        if x is not None:
            sel = replace(sel, x=self._pick_x(x))
        if label is not None:
            sel = replace(sel, x=self._pick_label(label, sel.x))
        if channel is not None:
            sel = replace(sel, channel=self._pick_channel(channel, sel.layers))
        elif layer is not None and sel.channel is not None:
            self._pick_channel(sel.channel, sel.layers)
        if epoch is not None:
            sel = replace(sel, epoch=self._pick_epoch(epoch))
        return Hypercube(self._store, sel)

    def isel(self, **indexers) -> Hypercube:
        """Like :meth:`sel`, with ``epoch=`` taken as positions in :attr:`epochs`."""
        if "epoch" in indexers:
            eps = np.asarray(self.epochs)
            indexers["epoch"] = [int(e) for e in np.atleast_1d(eps[indexers["epoch"]])]
        return self.sel(**indexers)

    def _pick_layers(self, layer) -> tuple[int, ...]:
        names = [lay.name for lay in self._store.layers]
        if isinstance(layer, slice):
            return tuple(range(len(names)))[layer]
        out = []
        for item in _as_list(layer):
            if isinstance(item, (int, np.integer)):
                if not -len(names) <= item < len(names):
                    raise IndexError(f"layer index {item} is out of range: the store has "
                                     f"{len(names)} layers (0..{len(names) - 1})")
                out.append(int(item) % len(names))
            elif item in names:
                out.append(names.index(item))
            else:
                raise KeyError(f"layer {item!r} not in store (layers: {', '.join(names)})")
        return tuple(out)

    def _pick_x(self, x) -> np.ndarray:
        cur = self._sel.x
        idx = np.asarray(x)
        if idx.dtype == bool:
            if idx.shape != cur.shape:
                raise IndexError(f"boolean x mask has shape {idx.shape}; the selection has "
                                 f"{len(cur)} samples")
            out = cur[idx]
        else:
            try:
                out = cur[x] if isinstance(x, slice) else cur[np.atleast_1d(idx).astype(int)]
            except IndexError:
                raise IndexError(f"x index {x!r} is out of range: the selection has "
                                 f"{len(cur)} samples (0..{len(cur) - 1})") from None
        if out.size == 0:
            raise ValueError(f"x={x!r} selects no samples")
        return np.atleast_1d(out)

    def _pick_label(self, label, cur: np.ndarray) -> np.ndarray:
        wanted = []
        for item in _as_list(label):
            if isinstance(item, str):
                if item not in self._store.classes:
                    raise KeyError(f"class {item!r} not in store (classes: {self._store.classes})")
                item = self._store.classes.index(item)
            wanted.append(int(item))
        out = cur[np.isin(self._store.labels[cur], wanted)]
        if out.size == 0:
            present = sorted(set(self._store.labels[cur].tolist()))
            raise ValueError(f"label group {label!r} is empty in this selection "
                             f"(labels present: {present}); choose one of those")
        return out

    def _pick_channel(self, channel, layers: Sequence[int]) -> np.ndarray:
        idx = np.atleast_1d(np.asarray(channel if not isinstance(channel, slice) else
                                       np.arange(max(self._store.layers[i].shape[0]
                                                     for i in layers))[channel]))
        if idx.size == 0:
            raise ValueError(f"channel={channel!r} selects no channels")
        for i in layers:
            lay = self._store.layers[i]
            n = lay.shape[0]
            bad = idx[(idx < 0) | (idx >= n)]
            if bad.size:
                raise IndexError(f"channel {int(bad[0])} is out of range for layer {lay.name!r} "
                                 f"({n} channels: 0..{n - 1})")
        return idx.astype(int)

    def _pick_epoch(self, epoch) -> tuple[int, ...]:
        avail = list(self._store.epochs)
        if isinstance(epoch, slice):
            lo = -np.inf if epoch.start is None else epoch.start
            hi = np.inf if epoch.stop is None else epoch.stop
            out = [e for e in avail if lo <= e <= hi][:: epoch.step or 1]
        else:
            out = []
            for e in _as_list(epoch):
                if e == -1 and avail:
                    e = avail[-1]
                if int(e) not in self._store.positions:
                    inc = (f"; epoch {int(e)} is incomplete (its writer stopped mid-epoch)"
                           if int(e) in self._store.incomplete else "")
                    raise KeyError(f"epoch {e} is not a complete epoch of this store "
                                   f"(complete epochs: {avail}){inc}")
                out.append(int(e))
        if not out:
            raise KeyError(f"epoch={epoch!r} selects no complete epoch (complete: {avail})")
        return tuple(out)

    # -- data -----------------------------------------------------------------------------
    def _epoch_positions(self) -> tuple[list[int], list[int]]:
        eps = self.epochs
        return eps, [self._store.positions[e] for e in eps]

    def activations(self, layer: str | int | None = None) -> xr.DataArray:
        """Feature maps of one layer, lazy, dims ("epoch", "x", "channel", "h", "w").

        ``layer`` may be omitted when exactly one layer is selected.
        """
        if layer is None:
            if len(self._sel.layers) != 1:
                raise ValueError(f"{len(self.layers)} layers are selected ({self.layers}); "
                                 "name one: cube.activations('conv1') or cube['conv1']")
            index = self._sel.layers[0]
        else:
            index = self._pick_layers(layer)[0]
        lay = self._store.layers[index]
        eps, pos = self._epoch_positions()
        arr = self._store.dask(f"layers/{lay.name}/activation")
        x, ch = self._sel.x, self._sel.channel
        if lay.name == "input":
            arr = arr[x] if ch is None else arr[x][:, ch]
            arr = da.broadcast_to(arr[None], (len(eps), *arr.shape))
        else:
            arr = arr[pos] if pos else arr[:0]
            arr = arr[:, x] if ch is None else arr[:, x][:, :, ch]
        channels = np.arange(lay.shape[0]) if ch is None else ch
        coords = {"epoch": np.asarray(eps, dtype=np.int64), **self._x_coords(),
                  "channel": channels, "h": np.arange(lay.shape[1]), "w": np.arange(lay.shape[2])}
        attrs = {"layer": lay.name, "layer_index": lay.index, "layer_type": lay.type,
                 "module": lay.module, "long_name": f"activation of {lay.name}",
                 "units": "activation (model units)"}
        return xr.DataArray(arr, dims=("epoch", "x", "channel", "h", "w"), coords=coords,
                            name=lay.name, attrs=attrs)

    def __getitem__(self, layer: str | int) -> xr.DataArray:
        return self.activations(layer)

    def __iter__(self):
        return iter(self.layers)

    def __len__(self) -> int:
        return len(self._sel.layers)

    def to_datatree(self) -> xr.DataTree:
        """Every selected layer as a node of an xarray DataTree (ragged layers stay apart)."""
        nodes = {f"/{name}": xr.Dataset({"activation": self.activations(name)})
                 for name in self.layers}
        nodes["/"] = xr.Dataset({"label": self.labels})
        return xr.DataTree.from_dict(nodes)

    def _per_epoch(self, name: str) -> Any:
        eps, pos = self._epoch_positions()
        arr = self._store.file[name]
        arr.refresh()
        return eps, (arr[pos] if pos else arr[:0])

    @property
    def logits(self) -> xr.DataArray:
        """Probe logits, dims ("epoch", "x", "class")."""
        eps, values = self._per_epoch("logits")
        return xr.DataArray(values[:, self._sel.x], dims=("epoch", "x", "class"),
                            coords={"epoch": eps, **self._x_coords(),
                                    "class": np.arange(len(self.classes)),
                                    "class_name": ("class", self.classes)},
                            name="logits", attrs={"units": "logits (pre-softmax)"})

    @property
    def loss(self) -> xr.DataArray:
        """Training loss passed to the recorder at each recorded epoch (NaN at epoch 0)."""
        eps, values = self._per_epoch("loss")
        return xr.DataArray(values, dims=("epoch",), coords={"epoch": eps}, name="loss",
                            attrs={"units": "as passed by the caller",
                                   "long_name": "training loss"})

    @property
    def train_loss(self) -> xr.DataArray:
        """Training loss of every training epoch, recorded or not, dims ("train_epoch",)."""
        f = self._store.file
        f["train_epoch"].refresh()
        f["train_loss"].refresh()
        n = min(f["train_epoch"].shape[0], f["train_loss"].shape[0])
        return xr.DataArray(f["train_loss"][:n], dims=("train_epoch",),
                            coords={"train_epoch": f["train_epoch"][:n]}, name="train_loss",
                            attrs={"units": "as passed by the caller"})

    @property
    def confusion(self) -> xr.DataArray:
        """Confusion matrices on the evaluation set, dims ("epoch", "true", "pred")."""
        eps, values = self._per_epoch("confusion")
        k = np.arange(len(self.classes))
        return xr.DataArray(values, dims=("epoch", "true", "pred"),
                            coords={"epoch": eps, "true": k, "pred": k,
                                    "true_name": ("true", self.classes),
                                    "pred_name": ("pred", self.classes)},
                            name="confusion", attrs={"units": "samples"})

    def weights(self, epoch: int) -> dict[str, np.ndarray]:
        """The model's state_dict at ``epoch`` as numpy arrays (for deconvnet)."""
        e = self._pick_epoch(epoch)[0]
        pos = self._store.positions[e]
        g = self._store.file["weights"]
        out = {}
        for name, ds in g.items():
            if ds.ndim >= 1 and not ds.attrs.get("CLASS") == b"DIMENSION_SCALE":
                ds.refresh()
                out[name] = ds[pos]
        if not out:
            raise KeyError(f"{self.path} holds no weights (recorded with weights=False)")
        return out

    # -- life cycle -----------------------------------------------------------------------
    def refresh(self) -> list[int]:
        """Pick up epochs completed since opening; returns the new epoch numbers."""
        return self._store.refresh()

    def close(self) -> None:
        with _FILES_LOCK:
            f = _FILES.pop(self._store.path, None)
        if f is not None and f.id.valid:
            f.close()

    def __enter__(self) -> Hypercube:
        return self

    def __exit__(self, *exc) -> bool:
        self.close()
        return False
