"""The HDF5 store: one file per run, appended one epoch at a time.

Layout (every array has netCDF-4 dimension scales, so
``xarray.open_dataset(path, engine="h5netcdf", group=...)`` reads any group)::

    /                       attrs: cnnslicer_format, architecture (JSON), classes (JSON), ...,
                            metadata_crc32 (CRC-32 of the metadata strings)
    /epoch (epoch)          training epoch numbers, unlimited dimension
    /epoch_complete (epoch) 1 once every array of that epoch is written and flushed
    /x, /sample_index, /label (x)   probe positions, dataset indices, labels
    /loss (epoch)           training loss passed by the caller (NaN at epoch 0)
    /logits (epoch, x, class)
    /confusion (epoch, true, pred)  on the evaluation set
    /train_epoch, /train_loss (train_epoch)  the loss of every training epoch, recorded or not
    /layers/<name>/activation (epoch, x, channel, h, w)  ("input" has no epoch dimension)
    /layers/<name>/histogram (epoch, x, channel, bin)    layers kept as per-map statistics
    /layers/<name>/min, max  (epoch, x, channel)         (format 2, ``stored="histogram"``)
    /weights/<parameter>    (epoch, ...)  the model's state_dict per recorded epoch

Format 1 holds raw layers only; format 2 adds histogram layers. Every chunk carries a
Fletcher-32 checksum (unless ``RunSpec.checksums=False``), so damaged data gives an error
on read, never wrong numbers.

The writer creates every dataset up front, then switches the file to HDF5
single-writer/multiple-reader (SWMR) mode, so that readers can follow a run while it
trains and a killed writer leaves all completed epochs readable. An epoch is marked
complete only after all its arrays are written and flushed. Readers
(:func:`open_store_file`) validate the whole structure first (:mod:`._validate`).

This module needs h5py and numpy only (no torch).
"""

from __future__ import annotations

import os
from pathlib import Path

import h5py
import numpy as np

from cnnslicer_widgets._h5open import open_swmr
from cnnslicer_widgets._layout import write_layout
from cnnslicer_widgets._meta_check import Check, parse_layers
from cnnslicer_widgets._spec import (
    FORMAT_VERSION,
    HISTOGRAM_BINS,
    LayerSpec,
    NotStoredError,
    RunSpec,
    StoreError,
    StoreFormatError,
    StoreReadError,
    StoreReplacedError,
    count_dtype,
    estimate_bytes,
)
from cnnslicer_widgets._validate import validate

__all__ = [
    "FORMAT_VERSION",
    "HISTOGRAM_BINS",
    "LayerSpec",
    "NotStoredError",
    "RunSpec",
    "StoreError",
    "StoreFormatError",
    "StoreReadError",
    "StoreReplacedError",
    "StoreWriter",
    "count_dtype",
    "estimate_bytes",
    "open_store_file",
    "read_layers",
]


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
        self._open: dict[str, h5py.Dataset] = {}

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
            write_layout(f, spec)
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
        ds = self._d("layers/input/activation")
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
        self._epoch_pos = pos  # open from here on: close() marks it aborted if we fail
        self._epochs.append(epoch)
        for ds in self._per_epoch_datasets():
            ds.resize(pos + 1, axis=0)
        # epoch_complete and loss start as their fill values (0, NaN): each one-value
        # chunk is written once, so a SWMR reader never reads a chunk being rewritten.
        self._d("epoch")[pos] = epoch
        self._f.flush()

    def write_activation(self, layer: str, start: int, values: np.ndarray) -> None:
        """Write one layer's outputs (n, C, H, W) for probe positions start..start+n."""
        self._layer(layer, "raw")
        ds = self._d(f"layers/{layer}/activation")
        ds[self._pos(), start : start + len(values)] = values

    def write_histogram(self, layer: str, start: int, counts: np.ndarray, lo: np.ndarray,
                        hi: np.ndarray) -> None:
        """Write per-map histograms (n, C, bins) and min, max (n, C) of a summarized layer."""
        lay = self._layer(layer, "histogram")
        n, c = len(counts), lay.shape[0]
        for name, arr, want in (("counts", counts, (n, c, lay.bins)), ("min", lo, (n, c)),
                                ("max", hi, (n, c))):
            if np.shape(arr) != want:
                raise StoreError(f"layer {layer!r}: {name} has shape {np.shape(arr)}, "
                                 f"expected {want}")
        pos, rows = self._pos(), slice(start, start + n)
        base = f"layers/{layer}/"
        self._d(base + "histogram")[pos, rows] = counts
        self._d(base + "min")[pos, rows] = lo
        self._d(base + "max")[pos, rows] = hi

    def write_logits(self, start: int, logits: np.ndarray) -> None:
        self._d("logits")[self._pos(), start : start + len(logits)] = logits

    def write_confusion(self, matrix: np.ndarray) -> None:
        self._d("confusion")[self._pos()] = matrix

    def write_loss(self, loss: float) -> None:
        self._d("loss")[self._pos()] = np.nan if loss is None else float(loss)

    def write_weights(self, state: dict[str, np.ndarray]) -> None:
        pos = self._pos()
        for name, (shape, _dtype) in self.spec.weights.items():
            value = np.asarray(state[name])
            if value.shape != tuple(shape):
                raise StoreError(f"weight {name!r} has shape {value.shape}, expected {shape}")
            self._d(f"weights/{name}")[pos] = value

    def end_epoch(self) -> None:
        """Flush every array of the open epoch, then mark it complete and flush again."""
        pos = self._pos()
        self._f.flush()
        self._d("epoch_complete")[pos] = 1
        self._f.flush()
        self._epoch_pos = None

    def append_train_loss(self, epoch: int, loss: float) -> None:
        """Record the training loss of any training epoch (recorded or not)."""
        n = self._train_n
        for name in ("train_epoch", "train_loss"):
            self._d(name).resize(n + 1, axis=0)
        self._d("train_epoch")[n] = epoch
        self._d("train_loss")[n] = np.nan if loss is None else float(loss)
        self._f.flush()
        self._train_n = n + 1

    def close(self) -> None:
        """Close the file. An epoch still open (its recording failed) is flagged 2,
        "aborted": in a cleanly closed store every epoch is then either complete (1) or
        aborted (2), so readers can tell a damaged completion flag (0) from a stopped run."""
        if not self._f.id.valid:
            return
        try:
            if self._epoch_pos is not None:
                self._d("epoch_complete")[self._epoch_pos] = 2
                self._epoch_pos = None
        finally:
            self._f.flush()
            self._open.clear()
            self._f.close()

    # -- internals ----------------------------------------------------------------------
    def _d(self, name: str) -> h5py.Dataset:
        """Dataset ``name``, kept open: closing a dataset flushes its chunk cache, so a
        handle per write would write every chunk once per batch (and, for compressed
        chunks, leave the old copies behind as dead space)."""
        ds = self._open.get(name)
        if ds is None:
            ds = self._open[name] = self._f[name]
        return ds

    def _pos(self) -> int:
        if self._epoch_pos is None:
            raise StoreError("no epoch is open; call begin_epoch(epoch) first")
        return self._epoch_pos

    def _layer(self, name: str, stored: str) -> LayerSpec:
        for lay in self.spec.layers:
            if lay.name == name:
                if lay.stored != stored:
                    raise NotStoredError(f"layer {name!r} is stored as {lay.stored!r}, not "
                                         f"{stored!r}; use the matching write_* method")
                return lay
        raise KeyError(f"layer {name!r} is not in this store "
                       f"(layers: {', '.join(lay.name for lay in self.spec.layers)})")

    def _per_epoch_datasets(self):
        names = ["epoch", "epoch_complete", "loss", "logits", "confusion"]
        for lay in self.spec.layers[1:]:
            kinds = ("activation",) if lay.stored == "raw" else ("histogram", "min", "max")
            names += [f"layers/{lay.name}/{k}" for k in kinds]
        names += [f"weights/{w}" for w in self.spec.weights]
        return [self._d(n) for n in names]




# -- reading ------------------------------------------------------------------------------
def open_store_file(path: str | os.PathLike) -> h5py.File:
    """Open a store read-only (SWMR, so a run still being written can be followed).

    The whole structure is checked first (:func:`cnnslicer_widgets._validate.validate`).

    Raises
    ------
    FileNotFoundError
        No such file.
    StoreFormatError
        Not HDF5, truncated, damaged, not a cnnslicer store, missing or malformed parts,
        or a future format; the message names the part and what to do.
    """
    return open_store(path)[0]


def open_store(path: str | os.PathLike):
    """Like :func:`open_store_file`; returns ``(file, StoreMeta, EpochState)``."""
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"no store at {path}")
    if path.is_dir():
        raise StoreFormatError(f"{path} is a directory, not a store file; pass the .h5 file")
    clean = _check_not_truncated(path)
    try:
        f = open_swmr(path)
    except (OSError, RuntimeError, ValueError) as err:
        try:  # not written by us with SWMR: try a plain open for a clearer message
            f = h5py.File(path, "r")
        except (OSError, RuntimeError, ValueError):
            raise StoreFormatError(
                f"{path} is not a readable HDF5 file (truncated, corrupted, or not HDF5): {err}. "
                "A cnnslicer store is written by cnnslicer_widgets.Recorder."
            ) from None
    try:
        meta, state = validate(f, path, closed_cleanly=clean)
    except BaseException:
        f.close()
        raise
    return f, meta, state


def _check_not_truncated(path: Path) -> bool | None:
    """HDF5 reads past the end of a file as zeros, and SWMR readers skip HDF5's own size
    check, so compare the file size with the end-of-file address in the superblock.

    Returns whether the superblock says the file was closed cleanly (its writer is neither
    running nor killed), or None when the superblock does not say."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(64)
    except OSError as err:
        raise StoreFormatError(f"{path} cannot be read ({err}); check its permissions") from None
    if head[:8] != b"\x89HDF\r\n\x1a\n" or len(head) < 12:
        return None  # not HDF5 at offset 0: h5py's error says so
    version, size_of_offsets = head[8], head[9]
    if version < 2 or size_of_offsets not in (4, 8):
        return None  # older superblocks: HDF5 checks the size itself on a non-SWMR open
    at = 12 + 2 * size_of_offsets  # signature, version, sizes, flags, base, extension
    end = int.from_bytes(head[at : at + size_of_offsets], "little")
    size = path.stat().st_size
    if size < end:
        raise StoreFormatError(
            f"{path} is truncated: {size} bytes on disk, but its HDF5 superblock says {end}. "
            "The file was cut short (an interrupted copy or a full disk); copy it again or "
            "re-record the run."
        )
    return head[11] == 0  # file consistency flags: write / SWMR-write access still marked


def superblock_clean(path: str | os.PathLike) -> bool | None:
    """Whether the file's superblock says its writer closed it (see _check_not_truncated)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(12)
    except OSError:
        return None
    if head[:8] != b"\x89HDF\r\n\x1a\n" or len(head) < 12 or head[8] < 2:
        return None
    return head[11] == 0


def read_layers(f: h5py.File) -> list[LayerSpec]:
    """The layer list stored in the metadata, in forward order (checked)."""
    import json

    c = Check(f.filename)
    with c.reading("attribute 'architecture'"):
        arch = json.loads(f.attrs["architecture"])
    if not isinstance(arch, list):
        c.fail("attribute 'architecture'", f"holds a JSON {type(arch).__name__}", "a list")
    return parse_layers(arch, c)
