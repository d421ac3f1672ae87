"""The HDF5 store: one file per run, appended one epoch at a time.

Layout (format version 1; every array has netCDF-4 dimension scales, so
``xarray.open_dataset(path, engine="h5netcdf", group=...)`` reads any group)::

    /                       attrs: cnnslicer_format, architecture (JSON), classes (JSON), ...
    /epoch (epoch)          training epoch numbers, unlimited dimension
    /epoch_complete (epoch) 1 once every array of that epoch is written and flushed
    /x, /sample_index, /label (x)   probe positions, dataset indices, labels
    /loss (epoch)           training loss passed by the caller (NaN at epoch 0)
    /logits (epoch, x, class)
    /confusion (epoch, true, pred)  on the evaluation set
    /train_epoch, /train_loss (train_epoch)  the loss of every training epoch, recorded or not
    /layers/<name>/activation (epoch, x, channel, h, w)  ("input" has no epoch dimension)
    /weights/<parameter>    (epoch, ...)  the model's state_dict per recorded epoch

The writer creates every dataset up front, then switches the file to HDF5
single-writer/multiple-reader (SWMR) mode, so that readers can follow a run while it
trains and a killed writer leaves all completed epochs readable. An epoch is marked
complete only after all its arrays are written and flushed.

This module needs h5py and numpy only (no torch).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import h5py
import numpy as np

__all__ = [
    "FORMAT_VERSION",
    "LayerSpec",
    "RunSpec",
    "StoreError",
    "StoreFormatError",
    "StoreWriter",
    "estimate_bytes",
    "open_store_file",
]

FORMAT_VERSION = 1
_CHUNK_TARGET = 1 << 20  # bytes per chunk, roughly


class StoreError(Exception):
    """A problem with a store file or with what is asked of it."""


class StoreFormatError(StoreError, ValueError):
    """The file is not a readable cnnslicer store (wrong format, version or truncated)."""


@dataclass(frozen=True)
class LayerSpec:
    """One layer of the hypercube: a module output, the input, or the model output.

    ``shape`` is (channels, h, w) of one sample; an (N, F) output is (F, 1, 1).
    """

    name: str
    index: int
    module: str
    type: str
    shape: tuple[int, int, int]
    original_shape: tuple[int, ...] = ()


@dataclass
class RunSpec:
    """Everything the writer must know before it creates the file."""

    layers: list[LayerSpec]
    sample_index: np.ndarray
    labels: np.ndarray
    classes: list[str]
    dtype: str = "float16"
    input_dtype: str = "float32"
    weights: dict[str, tuple[tuple[int, ...], str]] = field(default_factory=dict)
    schedule: list[int] = field(default_factory=list)
    dataset_name: str = ""
    model_class: str = ""
    attrs: dict[str, Any] = field(default_factory=dict)

    @property
    def n_samples(self) -> int:
        return int(len(self.sample_index))

    @property
    def n_classes(self) -> int:
        return len(self.classes)


def estimate_bytes(spec: RunSpec) -> dict[str, int]:
    """Bytes the run will write, by kind, for ``len(spec.schedule)`` recorded epochs.

    Returns a dict with keys ``input``, ``activations_per_epoch``, ``weights_per_epoch``,
    ``other_per_epoch``, ``epochs`` and ``total``.
    """
    n, k = spec.n_samples, spec.n_classes
    item = np.dtype(spec.dtype).itemsize
    act = sum(n * int(np.prod(lay.shape)) * item for lay in spec.layers if lay.name != "input")
    inp = sum(
        n * int(np.prod(lay.shape)) * np.dtype(spec.input_dtype).itemsize
        for lay in spec.layers
        if lay.name == "input"
    )
    wts = sum(int(np.prod(s)) * np.dtype(d).itemsize for s, d in spec.weights.values())
    other = n * k * 4 + k * k * 8 + 8 + 8 + 1
    epochs = max(len(spec.schedule), 1)
    total = inp + epochs * (act + wts + other)
    return {
        "input": inp,
        "activations_per_epoch": act,
        "weights_per_epoch": wts,
        "other_per_epoch": other,
        "epochs": epochs,
        "total": total,
    }


def _chunks(per_sample: tuple[int, ...], n: int, itemsize: int, lead: int = 1) -> tuple:
    """Chunk = one epoch x a block of samples x one channel x the whole map, about 1 MiB;
    1x1 maps (dense layers) group channels instead, else chunks would be a few bytes."""
    c, h, w = per_sample
    map_bytes = h * w * itemsize
    cb = 1 if h * w > 1 else int(min(c, max(1, _CHUNK_TARGET // (64 * map_bytes))))
    xb = int(min(n, max(1, _CHUNK_TARGET // (cb * map_bytes))))
    return (1,) * lead + (xb, cb, h, w)


def _weight_chunks(shape: tuple[int, ...], itemsize: int) -> tuple:
    if not shape:
        return (1,)
    rows = int(np.prod(shape[1:], dtype=np.int64)) * itemsize or 1
    r = int(min(shape[0], max(1, (4 * _CHUNK_TARGET) // rows)))
    return (1, r) + tuple(shape[1:])


class StoreWriter:
    """Writes one run to one HDF5 file, one epoch at a time.

    Use :meth:`create`; then for each recorded epoch :meth:`begin_epoch`, the ``write_*``
    methods, and :meth:`end_epoch`, which flushes and marks the epoch complete.
    """

    def __init__(self, file: h5py.File, spec: RunSpec):
        self._f = file
        self.spec = spec
        self._epoch_pos: int | None = None
        self._epochs: list[int] = []
        self._train_n = 0

    # -- creation -----------------------------------------------------------------------
    @classmethod
    def create(cls, path: str | os.PathLike, spec: RunSpec, *, overwrite: bool = False):
        """Create the file with every dataset, write the metadata, enter SWMR mode."""
        path = Path(path)
        if path.exists() and not overwrite:
            raise FileExistsError(
                f"{path} already exists; choose a new path or pass overwrite=True to replace it"
            )
        if not path.parent.exists():
            raise FileNotFoundError(f"directory {path.parent} does not exist; create it first")
        tmp = path.with_name(path.name + ".creating")
        f = h5py.File(tmp, "w", libver="latest")
        try:
            _write_layout(f, spec)
            f.flush()
            f.close()
            os.replace(tmp, path)
            f = h5py.File(path, "r+", libver="latest", rdcc_nbytes=64 << 20, rdcc_nslots=100_003)
            f.swmr_mode = True
        except BaseException:
            f.close()
            tmp.unlink(missing_ok=True)
            raise
        return cls(f, spec)

    @property
    def path(self) -> str:
        return self._f.filename

    @property
    def epochs(self) -> list[int]:
        """Epochs recorded so far (complete or in progress)."""
        return list(self._epochs)

    # -- writing ------------------------------------------------------------------------
    def write_input(self, start: int, x: np.ndarray) -> None:
        """Write probe inputs ``x`` (n, C, H, W) at positions start..start+n."""
        ds = self._f["layers/input/activation"]
        ds[start : start + len(x)] = x.astype(ds.dtype, copy=False)

    def begin_epoch(self, epoch: int) -> None:
        """Grow every per-epoch array by one row for ``epoch`` (marked incomplete)."""
        if self._epoch_pos is not None:
            raise StoreError(f"epoch {self._epochs[-1]} is still open; call end_epoch first")
        if self._epochs and epoch <= self._epochs[-1]:
            raise ValueError(
                f"epoch {epoch} comes after epoch {self._epochs[-1]} in this store; "
                "recorded epochs must strictly increase"
            )
        pos = len(self._epochs)
        for ds in self._per_epoch_datasets():
            ds.resize(pos + 1, axis=0)
        self._f["epoch"][pos] = epoch
        self._f["epoch_complete"][pos] = 0
        self._f["loss"][pos] = np.nan
        self._f.flush()
        self._epoch_pos = pos
        self._epochs.append(epoch)

    def write_activation(self, layer: str, start: int, values: np.ndarray) -> None:
        """Write one layer's outputs (n, C, H, W) for probe positions start..start+n."""
        ds = self._f[f"layers/{layer}/activation"]
        ds[self._pos(), start : start + len(values)] = values

    def write_logits(self, start: int, logits: np.ndarray) -> None:
        self._f["logits"][self._pos(), start : start + len(logits)] = logits

    def write_confusion(self, matrix: np.ndarray) -> None:
        self._f["confusion"][self._pos()] = matrix

    def write_loss(self, loss: float) -> None:
        self._f["loss"][self._pos()] = np.nan if loss is None else float(loss)

    def write_weights(self, state: dict[str, np.ndarray]) -> None:
        pos = self._pos()
        for name, (shape, _dtype) in self.spec.weights.items():
            value = np.asarray(state[name])
            if value.shape != tuple(shape):
                raise StoreError(f"weight {name!r} has shape {value.shape}, expected {shape}")
            self._f[f"weights/{name}"][pos] = value

    def end_epoch(self) -> None:
        """Flush every array of the open epoch, then mark it complete and flush again."""
        pos = self._pos()
        self._f.flush()
        self._f["epoch_complete"][pos] = 1
        self._f.flush()
        self._epoch_pos = None

    def append_train_loss(self, epoch: int, loss: float) -> None:
        """Record the training loss of any training epoch (recorded or not)."""
        n = self._train_n
        for name in ("train_epoch", "train_loss"):
            self._f[name].resize(n + 1, axis=0)
        self._f["train_epoch"][n] = epoch
        self._f["train_loss"][n] = np.nan if loss is None else float(loss)
        self._f.flush()
        self._train_n = n + 1

    def close(self) -> None:
        if self._f.id.valid:
            self._f.flush()
            self._f.close()

    # -- internals ----------------------------------------------------------------------
    def _pos(self) -> int:
        if self._epoch_pos is None:
            raise StoreError("no epoch is open; call begin_epoch(epoch) first")
        return self._epoch_pos

    def _per_epoch_datasets(self):
        f = self._f
        names = ["epoch", "epoch_complete", "loss", "logits", "confusion"]
        names += [f"layers/{lay.name}/activation" for lay in self.spec.layers if lay.name != "input"]
        names += [f"weights/{w}" for w in self.spec.weights]
        return [f[n] for n in names]


def _scale(group: h5py.Group, name: str, data=None, *, unlimited: bool = False, dtype="i8"):
    if unlimited:
        ds = group.create_dataset(name, shape=(0,), maxshape=(None,), dtype=dtype, chunks=(256,))
    else:
        ds = group.create_dataset(name, data=np.asarray(data, dtype=dtype))
    ds.make_scale(name)
    return ds


def _attach(ds: h5py.Dataset, *scales: h5py.Dataset) -> None:
    for i, s in enumerate(scales):
        ds.dims[i].attach_scale(s)


def _write_layout(f: h5py.File, spec: RunSpec) -> None:
    n, k = spec.n_samples, spec.n_classes
    f.attrs["cnnslicer_format"] = FORMAT_VERSION
    from cnnslicer_widgets import __version__

    f.attrs["cnnslicer_version"] = __version__
    f.attrs["architecture"] = json.dumps([_layer_json(lay) for lay in spec.layers])
    f.attrs["classes"] = json.dumps(list(spec.classes))
    f.attrs["dataset_name"] = spec.dataset_name
    f.attrs["model_class"] = spec.model_class
    f.attrs["activation_dtype"] = spec.dtype
    f.attrs["schedule"] = json.dumps([int(e) for e in spec.schedule])
    f.attrs["extra"] = json.dumps(spec.attrs, default=str)

    epoch = _scale(f, "epoch", unlimited=True)
    x = _scale(f, "x", np.arange(n))
    cls = _scale(f, "class", np.arange(k))
    true = _scale(f, "true", np.arange(k))
    pred = _scale(f, "pred", np.arange(k))
    tep = _scale(f, "train_epoch", unlimited=True)

    def per_epoch(name, dtype, *scales, fill=None):
        ds = f.create_dataset(name, shape=(0,), maxshape=(None,), dtype=dtype, chunks=(256,),
                              fillvalue=fill)
        _attach(ds, epoch, *scales)
        return ds

    per_epoch("epoch_complete", "u1", fill=0)
    per_epoch("loss", "f8", fill=np.nan)
    f["loss"].attrs["units"] = "nats (as passed by the caller)"
    for name, data in (("sample_index", spec.sample_index), ("label", spec.labels)):
        _attach(f.create_dataset(name, data=np.asarray(data, dtype="i8")), x)
    logits = f.create_dataset("logits", shape=(0, n, k), maxshape=(None, n, k), dtype="f4",
                              chunks=(1, min(n, 4096), k))
    _attach(logits, epoch, x, cls)
    conf = f.create_dataset("confusion", shape=(0, k, k), maxshape=(None, k, k), dtype="i8",
                            chunks=(1, k, k))
    _attach(conf, epoch, true, pred)
    tl = f.create_dataset("train_loss", shape=(0,), maxshape=(None,), dtype="f8", chunks=(256,))
    _attach(tl, tep)

    layers = f.create_group("layers")
    for lay in spec.layers:
        _create_layer(layers, lay, spec, epoch, x)
    _create_weights(f.create_group("weights"), spec, epoch)


def _layer_json(lay: LayerSpec) -> dict:
    d = asdict(lay)
    d["shape"] = list(lay.shape)
    d["original_shape"] = list(lay.original_shape)
    return d


def _create_layer(parent, lay: LayerSpec, spec: RunSpec, epoch, x) -> None:
    g = parent.create_group(lay.name)
    g.attrs["index"] = lay.index
    g.attrs["module"] = lay.module
    g.attrs["type"] = lay.type
    c, h, w = lay.shape
    scales = [_scale(g, "channel", np.arange(c)), _scale(g, "h", np.arange(h)),
              _scale(g, "w", np.arange(w))]
    n = spec.n_samples
    if lay.name == "input":
        dt = np.dtype(spec.input_dtype)
        ds = g.create_dataset("activation", shape=(n, c, h, w), dtype=dt,
                              chunks=_chunks((c, h, w), n, dt.itemsize, lead=0))
        _attach(ds, x, *scales)
    else:
        dt = np.dtype(spec.dtype)
        ds = g.create_dataset("activation", shape=(0, n, c, h, w), maxshape=(None, n, c, h, w),
                              dtype=dt, chunks=_chunks((c, h, w), n, dt.itemsize))
        _attach(ds, epoch, x, *scales)


def _create_weights(g: h5py.Group, spec: RunSpec, epoch) -> None:
    sizes: dict[str, h5py.Dataset] = {}
    for name, (shape, dtype) in spec.weights.items():
        dt = np.dtype(dtype)
        ds = g.create_dataset(name, shape=(0, *shape), maxshape=(None, *shape), dtype=dt,
                              chunks=_weight_chunks(tuple(shape), dt.itemsize))
        dims = []
        for axis, s in enumerate(shape):
            key = f"d{axis}_{s}"  # one scale per (axis, size): no repeated dim in a variable
            if key not in sizes:
                sizes[key] = _scale(g, key, np.arange(s))
            dims.append(sizes[key])
        _attach(ds, epoch, *dims)


# -- reading ------------------------------------------------------------------------------
_REQUIRED = ("epoch", "epoch_complete", "x", "sample_index", "label", "logits", "confusion",
             "loss", "layers", "weights", "train_epoch", "train_loss")


def open_store_file(path: str | os.PathLike) -> h5py.File:
    """Open a store read-only (SWMR, so a run still being written can be followed).

    Raises
    ------
    FileNotFoundError
        No such file.
    StoreFormatError
        Not HDF5, truncated, not a cnnslicer store, missing parts, or a future format.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no store at {path}")
    _check_not_truncated(path)
    try:
        f = h5py.File(path, "r", libver="latest", swmr=True)
    except OSError as err:
        try:  # not written by us with SWMR: try a plain open for a clearer message
            f = h5py.File(path, "r")
        except OSError:
            raise StoreFormatError(
                f"{path} is not a readable HDF5 file (truncated, corrupted, or not HDF5): {err}. "
                "A cnnslicer store is written by cnnslicer_widgets.Recorder."
            ) from None
    try:
        _validate(f, path)
    except BaseException:
        f.close()
        raise
    return f


def _check_not_truncated(path: Path) -> None:
    """HDF5 reads past the end of a file as zeros, and SWMR readers skip HDF5's own size
    check, so compare the file size with the end-of-file address in the superblock."""
    with open(path, "rb") as fh:
        head = fh.read(64)
    if head[:8] != b"\x89HDF\r\n\x1a\n" or len(head) < 12:
        return  # not HDF5 at offset 0: h5py's error says so
    version, size_of_offsets = head[8], head[9]
    if version < 2 or size_of_offsets not in (4, 8):
        return  # older superblocks: HDF5 checks the size itself on a non-SWMR open
    at = 12 + 2 * size_of_offsets  # signature, version, sizes, flags, base, extension
    end = int.from_bytes(head[at : at + size_of_offsets], "little")
    size = path.stat().st_size
    if size < end:
        raise StoreFormatError(
            f"{path} is truncated: {size} bytes on disk, but its HDF5 superblock says {end}. "
            "The file was cut short (an interrupted copy or a full disk); copy it again or "
            "re-record the run."
        )


def _validate(f: h5py.File, path: Path) -> None:
    version = f.attrs.get("cnnslicer_format")
    if version is None:
        raise StoreFormatError(
            f"{path} is an HDF5 file but not a cnnslicer store (no 'cnnslicer_format' "
            "attribute); stores are written by cnnslicer_widgets.Recorder"
        )
    if int(version) > FORMAT_VERSION:
        raise StoreFormatError(
            f"{path} uses store format {int(version)}, written by cnnslicer_widgets "
            f"{f.attrs.get('cnnslicer_version', '?')}; this version reads format "
            f"{FORMAT_VERSION} and older. Upgrade: pip install -U cnnslicer-widgets"
        )
    missing = [name for name in _REQUIRED if name not in f]
    if missing:
        raise StoreFormatError(f"{path} is an incomplete cnnslicer store: missing {missing}")
    try:
        arch = json.loads(f.attrs["architecture"])
        json.loads(f.attrs["classes"])
    except (KeyError, ValueError) as err:
        raise StoreFormatError(f"{path}: unreadable metadata ({err})") from None
    absent = [lay["name"] for lay in arch if f"layers/{lay['name']}/activation" not in f]
    if absent:
        raise StoreFormatError(f"{path}: layers listed in metadata but not stored: {absent}")
    n_ep = f["epoch"].shape[0]
    for name in ("epoch_complete", "loss", "logits", "confusion"):
        if f[name].shape[0] < n_ep:
            raise StoreFormatError(f"{path}: '{name}' has fewer epochs than 'epoch'")


def read_layers(f: h5py.File) -> list[LayerSpec]:
    """The layer list stored in the metadata, in forward order."""
    out = []
    for d in json.loads(f.attrs["architecture"]):
        out.append(
            LayerSpec(
                name=d["name"], index=int(d["index"]), module=d["module"], type=d["type"],
                shape=tuple(int(s) for s in d["shape"]),
                original_shape=tuple(int(s) for s in d.get("original_shape", ())),
            )
        )
    return out
