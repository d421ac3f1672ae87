"""The hypercube dCNN(x, layer, channel, epoch) of one run, as lazy xarray objects.

A :class:`Hypercube` owns what a run *is*: its selection (layers, samples and sample
groups, channels, epochs), its schedule, whether it is finished or still being written, the
nearest recorded epoch to any epoch, and :meth:`~Hypercube.refresh`. Views and estimators
ask the cube, never the store underneath (:mod:`cnnslicer_widgets.store`).

Usage::

    cube = open_cube("run.h5")
    cube.sel(layer="conv1", label=3, epoch=-1)["conv1"]

Opening a store never imports torch. Arrays are dask-backed with the store's chunks (one
dask chunk per HDF5 chunk), so nothing is read until values are asked for, and the graphs
run on a dask.distributed cluster: each worker process opens the file itself. Only complete
epochs are served; the epoch a killed writer left half-written is listed in
:attr:`Hypercube.incomplete_epochs`. Layers recorded with ``summarize=`` hold per-map
histograms (:meth:`Hypercube.histograms`) instead of raw maps.

The whole file is validated on opening (:mod:`cnnslicer_widgets.store.validate`); a damaged
chunk found later, on reading, raises :class:`~cnnslicer_widgets.store.StoreReadError`
naming the dataset and the epoch.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import dask.array as da
import numpy as np
import xarray as xr

from cnnslicer_widgets._cube_select import (
    EmptySelectionError,
    Sel,
    as_index,
    pick_channel,
    pick_epoch,
    pick_group,
    pick_label,
    pick_layers,
    pick_x,
)
from cnnslicer_widgets.store.reader import Store
from cnnslicer_widgets.store.spec import (
    LayerSpec,
    NotStoredError,
    StoreFormatError,
    group_name,
)

__all__ = ["EmptySelectionError", "Hypercube", "as_cube", "nearest_epoch", "open_cube"]


def open_cube(path: str | os.PathLike) -> Hypercube:
    """Open a store written by :class:`~cnnslicer_widgets.record.Recorder` as a hypercube.

    Raises
    ------
    FileNotFoundError
        No file at ``path``.
    StoreFormatError
        Truncated, damaged, foreign or future-format files, or parts missing or malformed
        (shapes, dtypes, metadata); the message names the part and what to do.
    """
    store = Store(Path(path))
    sel = Sel(layers=tuple(range(len(store.layers))), x=np.arange(len(store.labels)))
    return Hypercube(store, sel)


def as_cube(run: Any) -> Hypercube:
    """A :class:`Hypercube` from a store path (opened) or a cube (returned as it is: a
    Hypercube, or any object with its ``layers``, ``epochs`` and ``activations``, as
    :class:`cnnslicer_widgets.estimators.CubeLike` describes).

    Raises
    ------
    TypeError
        For anything else, saying what is accepted.
    """
    if isinstance(run, (str, os.PathLike)):
        return open_cube(run)
    if isinstance(run, Hypercube) or all(hasattr(run, a) for a in ("layers", "epochs",
                                                                  "activations")):
        return run
    raise TypeError(
        f"expected a Hypercube (cnnslicer_widgets.open_cube(path)) or a store path, "
        f"got {type(run).__name__}"
    )


def nearest_epoch(recorded: Sequence[int], epoch: int) -> int:
    """The recorded epoch shown for ``epoch``: itself, else the last one before it, else
    the first one (``recorded`` ascending, not empty).

    Examples
    --------
    >>> nearest_epoch([0, 1, 2, 4, 8], 5), nearest_epoch([2, 4], 0), nearest_epoch([0, 3], 3)
    (4, 2, 3)
    """
    recorded = [int(e) for e in recorded]
    if not recorded:
        raise ValueError("no recorded epoch to choose from")
    pos = bisect.bisect_right(recorded, int(epoch))
    return recorded[pos - 1] if pos else recorded[0]


class Hypercube:
    """dCNN(x, layer, channel, epoch) of one run; :meth:`sel` slices it, lazily.

    Use :func:`open_cube` to make one.
    """

    def __init__(self, store: Store, sel: Sel):
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
    def schedule(self) -> list[int]:
        """The epochs the recorder planned to record ([] when the store does not say)."""
        return list(self._store.schedule)

    @property
    def finished(self) -> bool:
        """Whether the run is over: every scheduled epoch is complete, or the store was
        closed by its writer (a run stopped early is finished too). While False, a
        training process may still add epochs (a live writer, or a run that was killed or
        stopped by a write error and may be resumed): :meth:`refresh` picks them up."""
        schedule, epochs = self._store.schedule, self._store.epochs
        if schedule and epochs and max(schedule) <= epochs[-1]:
            return True
        # a resuming writer holds its lock while the superblock briefly reads "closed"
        return self._store.closed_by_writer() and not self._store.writer_alive()

    @property
    def writer_alive(self) -> bool | None:
        """Whether a process is writing this store right now (a recorder, or a resumed
        one); False once it closed, failed or was killed; None where the platform cannot
        tell (no Linux OFD locks)."""
        return self._store.writer_alive()

    def verify(self, *, progress: bool = True) -> list:
        """Read every chunk of every complete epoch, so that every checksum is checked;
        returns the damaged chunks (:class:`cnnslicer_widgets.store.Damage`), [] if none.
        ``cnnslicer info --verify`` does the same from a shell."""
        from cnnslicer_widgets.store.verify import verify

        return verify(self.path, progress=progress)

    def nearest_epoch(self, epoch: int) -> int:
        """The complete epoch shown for ``epoch``: itself, else the last one before it,
        else the first one (see :func:`nearest_epoch`)."""
        return nearest_epoch(self._store.epochs, epoch)

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
        shapes = ", ".join(f"{lay.name} {'x'.join(map(str, lay.shape))}"
                           for lay in self.layer_info[:8])
        more = f", ... ({len(self.layers)} layers)" if len(self.layers) > 8 else ""
        inc = f"; incomplete: {s.incomplete}" if s.incomplete else ""
        return (f"<cnnslicer Hypercube {os.path.basename(s.path)}: x={len(self._sel.x)}, "
                f"epochs={self.epochs}{inc}\n  layers: {shapes}{more}>")

    # -- selection ------------------------------------------------------------------------
    def sel(self, *, x=None, label=None, group=None, layer=None, channel=None,
            epoch=None) -> Hypercube:
        """Slice the hypercube; every argument is optional and keyword-only.

        Parameters
        ----------
        x
            Probe positions: int, list, slice or boolean mask over the current selection.
        label
            Class index or name, or a list of them: the label group(s) to keep.
        group
            A sample group (:mod:`cnnslicer_widgets.sample_groups`): ``"all"``,
            ``"correct"``, ``"incorrect"``, ``"label == k"``, ``"pred == k"`` or
            ``"label == k and pred == j"``. Predictions are the argmax of the probe logits
            at the one selected epoch (pass ``epoch=`` with a group that needs them).
        layer
            Layer name or index (into the store's layers), or a list of them.
        channel
            Channel index, list or slice, applied to every selected layer.
        epoch
            Epoch number(s) (-1 means the last complete epoch), a list, or a slice of
            epoch numbers.
        """
        sel, store = self._sel, self._store
        if layer is not None:
            sel = replace(sel, layers=pick_layers(store, layer))
        if x is not None:
            sel = replace(sel, x=pick_x(sel.x, x))
        if label is not None:
            sel = replace(sel, x=pick_label(store, label, sel.x))
        if epoch is not None:
            sel = replace(sel, epoch=pick_epoch(store, epoch))
        if group is not None:
            sel = replace(sel, x=pick_group(store, group, sel.x, sel.epoch))
        if channel is not None:
            sel = replace(sel, channel=pick_channel(store, channel, sel.layers))
        elif layer is not None and sel.channel is not None:
            pick_channel(store, sel.channel, sel.layers)
        return Hypercube(store, sel)

    def isel(self, **indexers) -> Hypercube:
        """Like :meth:`sel`, with ``epoch=`` taken as positions in :attr:`epochs`."""
        if "epoch" in indexers:
            eps = np.asarray(self.epochs)
            indexers["epoch"] = [int(e) for e in np.atleast_1d(eps[indexers["epoch"]])]
        return self.sel(**indexers)

    # -- data -----------------------------------------------------------------------------
    def _epoch_positions(self) -> tuple[list[int], list[int]]:
        eps = self.epochs
        return eps, [self._store.positions[e] for e in eps]

    def _layer(self, layer: str | int | None) -> LayerSpec:
        if layer is None:
            if len(self._sel.layers) != 1:
                raise ValueError(f"{len(self.layers)} layers are selected ({self.layers}); "
                                 "name one: cube.activations('conv1') or cube['conv1']")
            return self._store.layers[self._sel.layers[0]]
        return self._store.layers[pick_layers(self._store, layer)[0]]

    def _slab(self, name: str, group: int = 1) -> da.Array:
        """A per-epoch dataset as dask, cut to the selected epochs, samples and channels."""
        _, pos = self._epoch_positions()
        arr = self._store.dask(name, group=group)
        arr = arr[as_index(pos)] if pos else arr[:0]
        arr = arr[:, as_index(self._sel.x)]
        ch = self._sel.channel
        return arr if ch is None else arr[:, :, as_index(ch)]

    def activations(self, layer: str | int | None = None, *,
                    chunk_mib: float | None = None) -> xr.DataArray:
        """Feature maps of one layer, lazy, dims ("epoch", "x", "channel", *map dims):
        ("h", "w") for 2-D maps and dense layers (1 x 1), ("l",) for the 1-D maps of
        Conv1d-like layers, ("t",) for token sequences (D channels over T positions);
        ``attrs["map_dims"]`` names them and ``attrs["layout"]`` says how the module laid
        its output out (channels-last outputs are stored channels first).

        ``layer`` may be omitted when exactly one layer is selected. The dask chunks are
        the store's (about 1 MiB: one epoch, a block of samples, one channel); with
        ``chunk_mib`` whole store chunks of consecutive channels are grouped into dask
        chunks of about that size (fewer, larger tasks: on a dask.distributed cluster
        each task costs milliseconds of scheduling, so ~16 MiB chunks run 3-4x faster).

        Raises
        ------
        NotStoredError
            The layer was recorded as per-map histograms only (see :meth:`histograms`).
        """
        lay = self._layer(layer)
        if lay.stored != "raw":
            raise NotStoredError(
                f"layer {lay.name!r} was recorded as per-map histograms only "
                f"(Recorder(summarize={{{lay.name!r}: 'histogram'}})), so its raw feature maps "
                f"were not kept. Use cube.histograms({lay.name!r}) (each map's min, max and "
                f"{lay.bins}-bin histogram: enough for intra-sample entropy), or record again "
                f"without {lay.name!r} in summarize= to keep the raw maps."
            )
        eps, _ = self._epoch_positions()
        ch = self._sel.channel
        if lay.name == "input":
            arr = self._store.dask(f"{lay.group}/activation", per_epoch=False)
            arr = arr[as_index(self._sel.x)]
            arr = arr if ch is None else arr[:, as_index(ch)]
            arr = da.broadcast_to(arr[None], (len(eps), *arr.shape))
        else:
            name = f"{lay.group}/activation"
            group = 1
            if chunk_mib:
                ds = self._store.read_meta(name)
                per_chunk = int(np.prod(ds.chunks or ds.shape)) * ds.dtype.itemsize
                group = max(1, int(chunk_mib * 2**20 // per_chunk))
            arr = self._slab(name, group)
        channels = np.arange(lay.channels) if ch is None else ch
        coords = {"epoch": np.asarray(eps, dtype=np.int64), **self._x_coords(),
                  "channel": channels}
        coords.update({d: np.arange(s) for d, s in zip(lay.map_dims, lay.map_shape,
                                                       strict=True)})
        attrs = {"layer": lay.name, "layer_index": lay.index, "layer_type": lay.type,
                 "module": lay.module, "long_name": f"activation of {lay.name}",
                 "units": "activation (model units)", "map_dims": list(lay.map_dims),
                 "layout": lay.layout or "NCHW"}
        return xr.DataArray(arr, dims=("epoch", "x", "channel", *lay.map_dims),
                            coords=coords, name=lay.name, attrs=attrs)

    def histograms(self, layer: str | int | None = None) -> xr.DataArray:
        """Per-map histograms of a layer recorded with ``summarize=``, lazy.

        Dims ("epoch", "x", "channel", "bin"); counts of each map's values scaled to
        [-1, 1] by its own min and max (intra-sample entropy's ``range="sample"``) in
        ``attrs["bins"]`` equal bins: bin = floor((v - min) * bins / (max - min)), the max
        in the last bin, a constant map all in bin 0, a map with NaN or inf all zeros.
        Coordinates ``map_min`` and ``map_max`` (epoch, x, channel) hold each map's range.

        Raises
        ------
        NotStoredError
            The layer was stored raw (compute from :meth:`activations` instead).
        """
        lay = self._layer(layer)
        if lay.stored != "histogram":
            raise NotStoredError(
                f"layer {lay.name!r} was stored raw, not as histograms; histograms are kept "
                f"only for layers recorded with Recorder(summarize={{{lay.name!r}: "
                f"'histogram'}}). Compute from its maps instead, e.g. "
                f"estimators.intra_sample_entropy(cube[{lay.name!r}])"
            )
        eps, _ = self._epoch_positions()
        base = f"{lay.group}/"
        ch = self._sel.channel
        dims = ("epoch", "x", "channel")
        coords = {"epoch": np.asarray(eps, dtype=np.int64), **self._x_coords(),
                  "channel": np.arange(lay.channels) if ch is None else ch,
                  "bin": np.arange(lay.bins),
                  "map_min": (dims, self._slab(base + "min")),
                  "map_max": (dims, self._slab(base + "max"))}
        attrs = {"layer": lay.name, "layer_index": lay.index, "layer_type": lay.type,
                 "module": lay.module, "long_name": f"per-map histogram of {lay.name}",
                 "units": "count", "bins": lay.bins, "range": "sample",
                 "value_range": (-1.0, 1.0), "map_size": lay.map_size}
        return xr.DataArray(self._slab(base + "histogram"), dims=(*dims, "bin"), coords=coords,
                            name=lay.name, attrs=attrs)

    def __getitem__(self, layer: str | int) -> xr.DataArray:
        return self.activations(layer)

    def __iter__(self):
        return iter(self.layers)

    def __len__(self) -> int:
        return len(self._sel.layers)

    def to_datatree(self) -> xr.DataTree:
        """Every selected layer as a node of an xarray DataTree (ragged layers stay apart);
        layers kept as histograms hold ``histogram`` instead of ``activation``. A node is
        named as the layer's group in the store (a ``/`` in a name escaped as ``%2F``); its
        ``attrs["layer"]`` holds the name itself."""
        nodes = {}
        for lay in self.layer_info:
            raw = lay.stored == "raw"
            var = self.activations(lay.name) if raw else self.histograms(lay.name)
            node = xr.Dataset({"activation" if raw else "histogram": var},
                              attrs={"layer": lay.name})
            nodes["/" + lay.group.split("/", 1)[1]] = node
        nodes["/"] = xr.Dataset({"label": self.labels})
        return xr.DataTree.from_dict(nodes)

    def _per_epoch(self, name: str) -> Any:
        eps, pos = self._epoch_positions()
        return eps, self._store.read(name, as_index(pos) if pos else slice(0, 0))

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
        epochs, losses = self._store.read("train_epoch"), self._store.read("train_loss")
        n = min(len(epochs), len(losses))
        return xr.DataArray(losses[:n], dims=("train_epoch",),
                            coords={"train_epoch": epochs[:n]}, name="train_loss",
                            attrs={"units": "as passed by the caller"})

    @property
    def confusion(self) -> xr.DataArray:
        """Confusion matrices on the evaluation set, dims ("epoch", "true", "pred")."""
        eps, values = self._per_epoch("confusion")
        if values.size and values.min() < 0:
            raise StoreFormatError(f"{self.path}: dataset 'confusion' holds negative counts "
                                   f"({int(values.min())}); expected counts >= 0. The file is "
                                   "damaged: copy it again or re-record the run.")
        k = np.arange(len(self.classes))
        return xr.DataArray(values, dims=("epoch", "true", "pred"),
                            coords={"epoch": eps, "true": k, "pred": k,
                                    "true_name": ("true", self.classes),
                                    "pred_name": ("pred", self.classes)},
                            name="confusion", attrs={"units": "samples"})

    def weights(self, epoch: int) -> dict[str, np.ndarray]:
        """The model's state_dict at ``epoch`` as numpy arrays (for deconvnet)."""
        e = pick_epoch(self._store, epoch)[0]
        pos = self._store.positions[e]
        names = self._store.meta.weights
        if not names:
            raise KeyError(f"{self.path} holds no weights (recorded with weights=False)")
        return {name: self._store.read(f"weights/{group_name(name)}", pos) for name in names}

    # -- life cycle -----------------------------------------------------------------------
    def refresh(self) -> list[int]:
        """Pick up epochs completed since opening; returns the new epoch numbers."""
        return self._store.refresh()

    def close(self) -> None:
        self._store.close()

    def __enter__(self) -> Hypercube:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
